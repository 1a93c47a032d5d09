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
import java.util.function.BooleanSupplier;
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
    void aRunnerTakesTheReadyLanesTogetherInTheOrderTheyBecameReady() throws Exception {
        List<List<String>> groupsRun = new CopyOnWriteArrayList<>();
        CommitGroups groups = oneRunnerWhoseFirstGroupWaits(groupsRun);

        submit(groups, "a");
        await(firstGroupStarted);
        waitUntilParked(submit(groups, "a")); // behind the running group of its lane
        waitUntilParked(submit(groups, "b")); // its lane is ready, but the only runner is busy
        firstGroupMayEnd.countDown();
        joinSubmitters();

        assertThat(groupsRun).containsExactly(List.of("a"), List.of("b", "a"));
    }

    @Test
    void aRunnerWhoseOtherRunnerIsBusyTakesEveryReadyLane() throws Exception {
        List<List<String>> groupsRun = new CopyOnWriteArrayList<>();
        CountDownLatch xStarted = new CountDownLatch(1);
        CountDownLatch yStarted = new CountDownLatch(1);
        CountDownLatch xMayEnd = new CountDownLatch(1);
        CountDownLatch yMayEnd = new CountDownLatch(1);
        CommitGroups groups = new CommitGroups(2, runnerThreads, group -> {
            List<String> lanes = lanesOf(group);
            if (lanes.equals(List.of("x"))) {
                xStarted.countDown();
                await(xMayEnd);
            } else if (lanes.equals(List.of("y"))) {
                yStarted.countDown();
                await(yMayEnd);
            }
            groupsRun.add(lanes);
            group.forEach(CommitGroups.Member::commit);
        });

        submit(groups, "x");
        await(xStarted);
        submit(groups, "y");
        await(yStarted);
        for (String lane : List.of("a", "b", "c")) {
            waitUntilParked(submit(groups, lane)); // both runners are busy
        }
        xMayEnd.countDown();
        waitUntil(() -> groupsRun.size() == 2);
        yMayEnd.countDown();
        joinSubmitters();

        assertThat(groupsRun).containsExactly(List.of("x"), List.of("a", "b", "c"), List.of("y"));
    }

    @Test
    void aGroupTakesAtMostMaxGroupMembersFromItsLanes() throws Exception {
        List<Integer> groupSizes = new CopyOnWriteArrayList<>();
        CommitGroups groups = new CommitGroups(1, runnerThreads, group -> {
            if (firstGroupStarted.getCount() > 0) {
                firstGroupStarted.countDown();
                await(firstGroupMayEnd);
            }
            groupSizes.add(group.size());
            group.forEach(CommitGroups.Member::commit);
        });

        submit(groups, "a");
        await(firstGroupStarted);
        for (int i = 0; i < 100; i++) {
            waitUntilParked(submit(groups, i % 2 == 0 ? "a" : "b"));
        }
        for (int i = 0; i < 100; i++) {
            waitUntilParked(submit(groups, "c"));
        }
        firstGroupMayEnd.countDown();
        joinSubmitters();

        assertThat(groupSizes).containsExactly(1, CommitGroups.MAX_GROUP, 201 - 1 - CommitGroups.MAX_GROUP);
    }

    @Test
    void aMemberWhoseGroupDoesNotStartInTimeIsRefusedAndNeverRuns() throws Exception {
        List<List<String>> groupsRun = new CopyOnWriteArrayList<>();
        CommitGroups groups = oneRunnerWhoseFirstGroupWaits(groupsRun);
        submit(groups, "a");
        await(firstGroupStarted);

        boolean started = groups.submit("b", new CommitGroups.Member<>(null, "b", Optional.empty(), (h, tss) -> null),
                Duration.ofMillis(50));
        firstGroupMayEnd.countDown();
        joinSubmitters();

        assertThat(started).isFalse();
        assertThat(groupsRun).containsExactly(List.of("a"));
    }

    /** Records the lanes of each group it runs; the first group runs until {@link #firstGroupMayEnd}. */
    private CommitGroups oneRunnerWhoseFirstGroupWaits(List<List<String>> groupsRun) {
        return new CommitGroups(1, runnerThreads, group -> {
            if (firstGroupStarted.getCount() > 0) {
                firstGroupStarted.countDown();
                await(firstGroupMayEnd);
            }
            groupsRun.add(lanesOf(group));
            group.forEach(CommitGroups.Member::commit);
        });
    }

    /** The lanes of a group's members, in the order of their first member; here each TSS is a lane. */
    private static List<String> lanesOf(List<CommitGroups.Member<?>> group) {
        return group.stream().map(member -> member.tssId).distinct().toList();
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

    private static void waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.onSpinWait();
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
