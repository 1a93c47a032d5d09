package org.opentss.tss;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.opentss.identity.Caller;

/**
 * The queues of group commit (DESIGN.md, Scaling). Requests that need the same lock wait in one lane:
 * whoever finds the lane free leads, takes everything waiting (up to {@link #MAX_GROUP}), has it run in
 * one database transaction and answered after its commit, then wakes the next waiting request to lead.
 * No thread of its own: a leader is simply the request that came first.
 */
final class CommitGroups {

    /** Enough to amortise a commit many times over, few enough that one group does not hold a lock for long. */
    static final int MAX_GROUP = 128;

    /** One request's work in a group, and its outcome once the group has committed (or failed). */
    static final class Member<T> {
        final Caller caller;
        final String tssId;
        final BiFunction<Handle, Tss, T> work;
        private final Thread waiter = Thread.currentThread();
        private T result;
        private RuntimeException failure;
        private volatile boolean done;

        Member(Caller caller, String tssId, BiFunction<Handle, Tss, T> work) {
            this.caller = caller;
            this.tssId = tssId;
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
        final ReentrantLock leader = new ReentrantLock();
        final ConcurrentLinkedQueue<Member<?>> waiting = new ConcurrentLinkedQueue<>();
    }

    /** By lane key; a lane is a few dozen bytes, so lanes of TSSs no longer used are simply kept. */
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * Queues the member in the lane and returns once its group has committed or failed.
     *
     * @param runner runs one group in one transaction and then calls {@link Member#commit} or
     *     {@link Member#abort} on every member
     * @return false if the member's group did not start within {@code timeout}; it then did nothing
     */
    boolean submit(String laneKey, Member<?> member, Duration timeout, Consumer<List<Member<?>>> runner) {
        Lane lane = lanes.computeIfAbsent(laneKey, k -> new Lane());
        lane.waiting.add(member);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!member.done) {
            if (lane.leader.tryLock()) {
                try {
                    if (!member.done) {
                        runner.accept(take(lane));
                    }
                } finally {
                    lane.leader.unlock();
                }
                Member<?> next = lane.waiting.peek();
                if (next != null) {
                    LockSupport.unpark(next.waiter);
                }
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 && lane.waiting.remove(member)) {
                return false;
            }
            // once taken into a group it must wait for that group, however long: its work may be stored
            LockSupport.parkNanos(this, left > 0 ? left : TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    private static List<Member<?>> take(Lane lane) {
        List<Member<?>> group = new ArrayList<>();
        for (Member<?> m = lane.waiting.poll(); m != null; m = group.size() < MAX_GROUP ? lane.waiting.poll() : null) {
            group.add(m);
        }
        return group;
    }
}
