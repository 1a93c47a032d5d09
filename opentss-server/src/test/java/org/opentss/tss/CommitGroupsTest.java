package org.opentss.tss;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommitGroupsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorService runnerThreads = Executors.newCachedThreadPool();
    private final List<Thread> submitters = new ArrayList<>();
    private final CountDownLatch firstGroupStarted = new CountDownLatch(1);
    private final CountDownLatch firstGroupMayEnd = new CountDownLatch(1);

    @AfterEach
    void stop() {
        runnerThreads.shutdownNow();
    }

    @Test
    void noMoreGroupsRunAtOnceThanRunnersAreAllowed() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger membersRun = new AtomicInteger();
        CommitGroups groups = new CommitGroups(2, runnerThreads, group -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(5);
            running.decrementAndGet();
            membersRun.addAndGet(group.size());
            group.forEach(CommitGroups.Member::commit);
        });

        for (int i = 0; i < 60; i++) {
            submit(groups, "tss-" + i % 6);
        }
        joinSubmitters();

        assertThat(membersRun).hasValue(60);
        assertThat(mostAtOnce).hasValue(2);
    }

    @Test
    void aLaneWithMoreWaitingLetsTheOtherReadyLanesGoFirst() throws Exception {
        List<String> groupsRun = new CopyOnWriteArrayList<>();
        CommitGroups groups = oneRunnerWhoseFirstGroupWaits(groupsRun);

        submit(groups, "a");
        await(firstGroupStarted);
        waitUntilParked(submit(groups, "a")); // behind the running group of its lane
        waitUntilParked(submit(groups, "b")); // its lane is ready, but the only runner is busy
        firstGroupMayEnd.countDown();
        joinSubmitters();

        assertThat(groupsRun).containsExactly("a", "b", "a");
    }

    @Test
    void aMemberWhoseGroupDoesNotStartInTimeIsRefusedAndNeverRuns() throws Exception {
        List<String> groupsRun = new CopyOnWriteArrayList<>();
        CommitGroups groups = oneRunnerWhoseFirstGroupWaits(groupsRun);
        submit(groups, "a");
        await(firstGroupStarted);

        boolean started = groups.submit("b", new CommitGroups.Member<>(null, "b", Optional.empty(), (h, tss) -> null),
                Duration.ofMillis(50));
        firstGroupMayEnd.countDown();
        joinSubmitters();

        assertThat(started).isFalse();
        assertThat(groupsRun).containsExactly("a");
    }

    /** Records the lane of each group it runs; the first group runs until {@link #firstGroupMayEnd}. */
    private CommitGroups oneRunnerWhoseFirstGroupWaits(List<String> groupsRun) {
        return new CommitGroups(1, runnerThreads, group -> {
            if (firstGroupStarted.getCount() > 0) {
                firstGroupStarted.countDown();
                await(firstGroupMayEnd);
            }
            groupsRun.add(group.getFirst().tssId);
            group.forEach(CommitGroups.Member::commit);
        });
    }

    private Thread submit(CommitGroups groups, String tssId) {
        Thread thread = Thread.ofVirtual().start(() -> {
            if (!groups.submit(tssId, new CommitGroups.Member<>(null, tssId, Optional.empty(), (h, tss) -> null), TIMEOUT)) {
                throw new AssertionError("the group of " + tssId + " did not start in time");
            }
        });
        submitters.add(thread);
        return thread;
    }

    private void joinSubmitters() throws InterruptedException {
        for (Thread thread : submitters) {
            assertThat(thread.join(TIMEOUT)).as("submitter done").isTrue();
        }
    }

    /** A submitter parks once its member is queued (or taken into a running group). */
    private static void waitUntilParked(Thread thread) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("submitter parked in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
