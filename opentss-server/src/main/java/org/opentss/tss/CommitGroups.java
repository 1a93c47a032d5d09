package org.opentss.tss;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.opentss.identity.Caller;

/**
 * The queues of group commit (DESIGN.md, Scaling). Requests that need the same lock wait in one lane. A
 * lane with requests waiting is ready; at most {@code maxRunners} runners, each on a platform thread, take
 * the ready lanes in turn: a runner takes its share of the ready lanes, everything waiting in them (up to
 * {@link #MAX_GROUP} in all) into one group, has the group run in one database transaction and answered
 * after its commit, and puts each lane back at the end of the queue if more arrived in it meanwhile. The
 * waiting requests only park.
 *
 * <p>A runner's share is the ready lanes divided among the runners not busy with a group, itself
 * included: alone, it takes them all. On PostgreSQL, where each TSS has a lane of its own, a group then
 * holds the requests of several TSSs and pays the fixed cost of its round trips and its commit once for
 * all of them: in alternating runs of {@code opentss bench} (8 TSS × 64 clients, two runners) a sixth more
 * signed logs per second and a seventh less CPU per signed log than with one TSS per group.
 *
 * <p>While no other lane is ready, a runner goes straight on with the same lanes, so that on SQLite, where
 * one lane serves every TSS, groups follow each other without a hand-over between threads: when the next
 * group's leader was a virtual thread, it first had to be scheduled on a busy core, and {@code opentss
 * bench} measured a gap of about a millisecond between a group's commit and the next group's start.
 */
final class CommitGroups {

    /** Enough to amortise a commit many times over, few enough that one group does not hold a lock for long. */
    static final int MAX_GROUP = 128;

    /** What a member will read, announced for its group to read with the others' ({@link GroupReads}). */
    record Announced<K>(GroupReads<K> reads, K key) {
    }

    /** One request's work in a group, and its outcome once the group has committed (or failed). */
    static final class Member<T> {
        final Caller caller;
        final String tssId;
        final Optional<Announced<?>> announced;
        final BiFunction<Handle, Tss, T> work;
        private final Thread waiter = Thread.currentThread();
        /** When the member was queued ({@link System#nanoTime}), for the wait its group's runner reports. */
        final long queuedAt = System.nanoTime();
        private T result;
        private RuntimeException failure;
        private volatile boolean done;

        Member(Caller caller, String tssId, Optional<Announced<?>> announced, BiFunction<Handle, Tss, T> work) {
            this.caller = caller;
            this.tssId = tssId;
            this.announced = announced;
            this.work = work;
        }

        /** Runs the work; its result stands only if the group commits. */
        void run(Handle h, Tss tss) {
            result = work.apply(h, tss);
            failure = null;
        }

        /** The work failed on its own (and was rolled back to its savepoint); the others go on. */
        void failed(RuntimeException e) {
            result = null;
            failure = e;
        }

        /** The group committed: the member's own outcome stands. */
        void commit() {
            finish();
        }

        /** Nothing of the group was stored: every member fails with this. */
        void abort(RuntimeException e) {
            failed(e);
            finish();
        }

        private void finish() {
            done = true;
            LockSupport.unpark(waiter);
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    private static final class Lane {
        final ConcurrentLinkedQueue<Member<?>> waiting = new ConcurrentLinkedQueue<>();
        /** Whether the lane is ready or running; set by whoever makes it ready, cleared by its runner. */
        final AtomicBoolean scheduled = new AtomicBoolean();
    }

    /** By lane key; a lane is a few dozen bytes, so lanes of TSSs no longer used are simply kept. */
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    /** Lanes with members waiting and no runner, in the order they take turns. */
    private final ConcurrentLinkedQueue<Lane> ready = new ConcurrentLinkedQueue<>();
    /** The length of {@link #ready}, which the queue itself can only count by walking it. */
    private final AtomicInteger readyCount = new AtomicInteger();
    /** Runner threads started and not yet ended. */
    private final AtomicInteger runnersActive = new AtomicInteger();
    /** Runners running a group right now. */
    private final AtomicInteger runnersBusy = new AtomicInteger();
    private final int maxRunners;
    private final Executor runners;
    private final Consumer<List<Member<?>>> runner;

    /**
     * @param maxRunners how many groups run at once at most, each holding a database connection
     * @param runners starts a runner; its threads should be platform threads, because the runner spends
     *     its time in JDBC, which for SQLite is native code that would pin a virtual thread's carrier
     * @param runner runs one group in one transaction and then calls {@link Member#commit} or
     *     {@link Member#abort} on every member
     */
    CommitGroups(int maxRunners, Executor runners, Consumer<List<Member<?>>> runner) {
        if (maxRunners < 1) {
            throw new IllegalArgumentException("at least one runner is needed, not " + maxRunners);
        }
        this.maxRunners = maxRunners;
        this.runners = runners;
        this.runner = runner;
    }

    /**
     * Queues the member in the lane and returns once its group has committed or failed.
     *
     * @return false if the member's group did not start within {@code timeout}; it then did nothing
     */
    boolean submit(String laneKey, Member<?> member, Duration timeout) {
        Lane lane = lanes.computeIfAbsent(laneKey, k -> new Lane());
        lane.waiting.add(member);
        if (lane.scheduled.compareAndSet(false, true)) {
            makeReady(lane);
            startRunnerIfAllowed();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        while (!member.done) {
            long left = deadline - System.nanoTime();
            if (left <= 0 && lane.waiting.remove(member)) {
                return false;
            }
            // once taken into a group it must wait for that group, however long: its work may be stored
            LockSupport.parkNanos(this, left > 0 ? left : TimeUnit.MILLISECONDS.toNanos(10));
            interrupted |= Thread.interrupted(); // else park returns at once, again and again
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private void startRunnerIfAllowed() {
        if (claimRunner()) {
            runners.execute(this::runReadyLanes);
        }
    }

    /**
     * Runs one group at a time, of the runner's share of the ready lanes. Lanes with members left go to the
     * back of the queue, so lanes take turns; while no other lane is ready, the runner goes straight on with
     * the same lanes, without a hand-over between threads.
     */
    private void runReadyLanes() {
        while (true) {
            List<Lane> taken = new ArrayList<>();
            List<Member<?>> group = takeShare(taken);
            if (taken.isEmpty()) {
                runnersActive.decrementAndGet();
                // a lane made ready after the poll above may have found every runner busy and started none
                if (ready.isEmpty() || !claimRunner()) {
                    return;
                }
                continue;
            }
            if (!ready.isEmpty()) {
                startRunnerIfAllowed(); // for the lanes beyond this runner's share
            }
            if (!group.isEmpty()) {
                runnersBusy.incrementAndGet();
                try {
                    run(group);
                } finally {
                    runnersBusy.decrementAndGet();
                }
            }
            taken.forEach(this::requeueOrRelease);
        }
    }

    /**
     * Takes the ready lanes divided among the runners not busy with a group (this one included), rounded
     * up, and fills the group from them in turn while it has room.
     *
     * @param taken receives the lanes taken, which this runner must requeue or release after the group
     */
    private List<Member<?>> takeShare(List<Lane> taken) {
        int freeRunners = Math.max(1, maxRunners - runnersBusy.get());
        int share = Math.max(1, Math.ceilDiv(readyCount.get(), freeRunners));
        List<Member<?>> group = new ArrayList<>();
        while (taken.size() < share && group.size() < MAX_GROUP) {
            Lane lane = ready.poll();
            if (lane == null) {
                break;
            }
            readyCount.decrementAndGet();
            taken.add(lane);
            for (Member<?> m = lane.waiting.poll(); m != null; m = group.size() < MAX_GROUP ? lane.waiting.poll() : null) {
                group.add(m);
            }
        }
        return group;
    }

    /** After a group: the lane goes back to the queue if members arrived meanwhile, else it is released. */
    private void requeueOrRelease(Lane lane) {
        if (!lane.waiting.isEmpty()) {
            makeReady(lane);
            return;
        }
        lane.scheduled.set(false);
        // a member queued after the check above saw the lane scheduled and did not make it ready
        if (!lane.waiting.isEmpty() && lane.scheduled.compareAndSet(false, true)) {
            makeReady(lane);
        }
    }

    private void makeReady(Lane lane) {
        readyCount.incrementAndGet();
        ready.add(lane);
    }

    private boolean claimRunner() {
        for (int active = runnersActive.get(); active < maxRunners; active = runnersActive.get()) {
            if (runnersActive.compareAndSet(active, active + 1)) {
                return true;
            }
        }
        return false;
    }

    private void run(List<Member<?>> group) {
        try {
            runner.accept(group);
        } catch (RuntimeException | Error e) {
            // the runner answers every member itself; should it fail to, nobody may wait forever
            IllegalStateException failure = new IllegalStateException("the group commit failed", e);
            group.stream().filter(m -> !m.done).forEach(m -> m.abort(failure));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }
}
