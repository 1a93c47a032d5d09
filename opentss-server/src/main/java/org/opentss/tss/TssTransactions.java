package org.opentss.tss;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.identity.Caller;
import org.opentss.journal.Journal;
import org.opentss.store.Database;
import org.opentss.store.Dialect;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Runs one request's change of a TSS in one database transaction that holds the TSS's row lock, so that
 * concurrent requests on a TSS are serialized and each sees the state the previous one left (§1.9).
 * A request that cannot get its turn within the lock timeout is refused with 503 E_TSS_LOCKED and
 * changes nothing.
 *
 * <p>Signing requests go through {@link #inGroupCommit}: those waiting for the same lock (the TSS row on
 * PostgreSQL, the single writer on SQLite) run one after another in one database transaction and share
 * its commit, so a burst of signatures pays one fsync instead of one each. The group's signatures are
 * made in parallel while it runs and stored before the commit ({@link Journal#signInParallel}), so the
 * part that runs one request after another is SQL only.
 *
 * <p>A group first runs without savepoints. Should one of its requests fail, the whole transaction is
 * rolled back (nothing was answered or stored) and the group runs again with each request in a savepoint
 * of its own, so that only the failed request's changes are undone. Savepoints in every group would cost
 * little on SQLite but much on PostgreSQL: each request's row locks on the TSS row would then be held by
 * another subtransaction, which PostgreSQL records as ever larger MultiXacts; {@code opentss bench} found
 * the database spending most of its CPU reading them back.
 *
 * <p>A lane's groups run on a platform thread of their own ({@link CommitGroups}), not on a request's
 * virtual thread. A virtual thread in native code holds one of the carrier threads, of which there are as
 * many as cores, and sqlite-jdbc is JNI: every statement and the commit's fsync. On PostgreSQL,
 * {@code opentss bench} measured a third less database CPU per signed log and a quarter more signed logs
 * per second than with the groups on virtual threads.
 *
 * <p>Only a few groups run at once ({@code OPENTSS_SIGNING_GROUPS}, by default one per core); the lanes of
 * other TSSs wait their turn, and meanwhile their groups grow. With a lane of its own for each of 8 busy
 * TSSs on 2 cores, groups of 2 to 3 requests each competed for the cores and PostgreSQL's backends; with 5
 * runners, {@code opentss bench} measured 2,100–2,350 instead of 1,850–1,870 signed logs per second, and
 * half the p99 latency; with 2, again 10 % less CPU per signed log and half the p99 latency. A runner
 * takes several ready lanes into one group ({@link CommitGroups}), so that on PostgreSQL a group may hold
 * the requests of several TSSs; it locks their rows in the order of their ids, as every node does, so
 * that groups on different nodes cannot deadlock. A lock timeout on one of them refuses the whole group.
 */
public final class TssTransactions {

    /** PostgreSQL's SQLSTATE for lock_not_available. */
    private static final String PG_LOCK_NOT_AVAILABLE = "55P03";
    /** SQLSTATEs of a transaction the database gave up on and that may simply run again. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final int ATTEMPTS = 3;

    private static final String MEMBER_SAVEPOINT = "group_member";

    private final Database database;
    private final Dialect dialect;
    private final TssRepository tsses;
    private final Journal journal;
    private final Duration lockTimeout;
    /** Runner threads live on while groups keep coming and end a minute after the last. */
    private final CommitGroups groups;
    /** How long a request waited in its lane before its group began: the queue a busy node builds. */
    private final Timer groupWait;
    /** From a group's beginning to its members' answer: statements, signatures, commit. */
    private final Timer groupDuration;
    private final DistributionSummary groupSize;

    /** @param groupsAtOnce how many groups run at once at most, each on a connection of its own */
    public TssTransactions(Database database, TssRepository tsses, Journal journal, Duration lockTimeout,
            int groupsAtOnce, MeterRegistry meters) {
        this.database = database;
        this.dialect = database.dialect();
        this.tsses = tsses;
        this.journal = journal;
        this.lockTimeout = lockTimeout;
        this.groups = new CommitGroups(groupsAtOnce, Executors.newCachedThreadPool(
                Thread.ofPlatform().name("opentss-group-commit-", 1).daemon().factory()), this::runGroup);
        this.groupWait = Timer.builder("opentss.commit.group.wait")
                .description("Time a signing request waited for its group commit to begin")
                .publishPercentileHistogram().register(meters);
        this.groupDuration = Timer.builder("opentss.commit.group.duration")
                .description("Time a group commit took, from its beginning to its members' answer")
                .publishPercentileHistogram().register(meters);
        this.groupSize = DistributionSummary.builder("opentss.commit.group.size")
                .description("Requests in one group commit").register(meters);
    }

    /**
     * Locks the caller's TSS and runs {@code work} with it; an unknown or invisible TSS is a 404.
     * Whatever {@code work} throws rolls the whole transaction back.
     */
    public <T> T inLockedTss(Caller caller, String tssId, BiFunction<Handle, Tss, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(caller, tssId, work);
            } catch (RuntimeException e) {
                // a serialization failure or deadlock rolled everything back: nothing was signed or answered
                if (attempt == ATTEMPTS || !hasSqlState(e, RETRYABLE)) {
                    throw e;
                }
            }
        }
    }

    private <T> T attempt(Caller caller, String tssId, BiFunction<Handle, Tss, T> work) {
        try {
            return database.inTransaction(h -> work.apply(h, lockVisible(h, caller, tssId)));
        } catch (RuntimeException e) {
            throw isLockTimeout(e) ? busy() : e;
        }
    }

    /**
     * Like {@link #inLockedTss}, but the work may share its database transaction and commit with other
     * requests' work (group commit). It sees exactly the state the work before it left; if it throws,
     * only its own changes are rolled back. It is answered only after the commit that stores it.
     *
     * <p>The work must change the TSS row only through the journal: the group reads the row once and hands
     * later work on the same TSS the row as the journal's counters say it now is ({@link Journal#counters}).
     */
    public <T> T inGroupCommit(Caller caller, String tssId, BiFunction<Handle, Tss, T> work) {
        return submit(new CommitGroups.Member<>(caller, tssId, Optional.empty(), work));
    }

    /**
     * Like {@link #inGroupCommit(Caller, String, BiFunction)}, with the reads the work will make announced:
     * the group makes those of all its requests at once before the first runs.
     */
    public <T, K> T inGroupCommit(Caller caller, String tssId, GroupReads<K> reads, K announced,
            BiFunction<Handle, Tss, T> work) {
        return submit(new CommitGroups.Member<>(caller, tssId,
                Optional.of(new CommitGroups.Announced<>(reads, announced)), work));
    }

    private <T> T submit(CommitGroups.Member<T> member) {
        String tssId = member.tssId;
        String lane = dialect == Dialect.SQLITE ? "" : tssId;
        if (!groups.submit(lane, member, lockTimeout)) {
            throw busy();
        }
        return member.outcome();
    }

    private void runGroup(List<CommitGroups.Member<?>> group) {
        long began = System.nanoTime();
        group.forEach(member -> groupWait.record(began - member.queuedAt, TimeUnit.NANOSECONDS));
        groupSize.record(group.size());
        try {
            runAndAnswer(group);
        } finally {
            groupDuration.record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
        }
    }

    private void runAndAnswer(List<CommitGroups.Member<?>> group) {
        boolean savepoints = false;
        for (int attempt = 1; ; attempt++) {
            try {
                runInOneTransaction(group, savepoints);
                group.forEach(CommitGroups.Member::commit);
                return;
            } catch (MemberFailed e) {
                // rolled back as a whole; once more, each member in its own savepoint (not a retry of the group)
                savepoints = true;
                attempt--;
            } catch (RuntimeException e) {
                // a serialization failure or deadlock rolled everything back: nothing was signed or answered
                if (attempt < ATTEMPTS && hasSqlState(e, RETRYABLE)) {
                    continue;
                }
                RuntimeException answer = isLockTimeout(e) ? busy() : e;
                group.forEach(m -> m.abort(answer));
                return;
            }
        }
    }

    /**
     * @param savepoints whether each member runs in a savepoint that its failure rolls back; without, a
     *     member's failure rolls back the whole transaction ({@link MemberFailed} when it has company)
     */
    private void runInOneTransaction(List<CommitGroups.Member<?>> group, boolean savepoints) {
        database.inTransaction(h -> {
            journal.signInParallel(h);
            try {
                // first, so that the reads ahead see what the locks protect
                Map<String, Optional<Tss>> locked = lockInIdOrder(h, group);
                if (!savepoints) {
                    readAhead(h, group);
                }
                for (CommitGroups.Member<?> member : group) {
                    if (savepoints) {
                        runInSavepoint(h, member);
                    } else {
                        runMember(h, member, group.size() > 1, locked);
                    }
                }
                journal.storeSigned(h);
            } finally {
                journal.endParallelSigning(h);
            }
            return null;
        });
    }

    /** The row of every TSS the group's members need, locked in the order of their ids; empty if not found. */
    private Map<String, Optional<Tss>> lockInIdOrder(Handle h, List<CommitGroups.Member<?>> group) {
        List<String> ids = group.stream().map(member -> member.tssId).distinct().toList();
        Map<String, Tss> found = tsses.lockInIdOrder(h, ids, lockTimeout);
        Map<String, Optional<Tss>> locked = new HashMap<>();
        ids.forEach(id -> locked.put(id, Optional.ofNullable(found.get(id))));
        return locked;
    }

    /** Makes the reads the group's members announced, of each kind at once. */
    private static void readAhead(Handle h, List<CommitGroups.Member<?>> group) {
        Map<GroupReads<?>, List<Object>> announced = new LinkedHashMap<>();
        for (CommitGroups.Member<?> member : group) {
            member.announced.ifPresent(a -> announced.computeIfAbsent(a.reads(), r -> new ArrayList<>()).add(a.key()));
        }
        announced.forEach((reads, keys) -> readAll(h, reads, keys));
    }

    @SuppressWarnings("unchecked") // the keys of one GroupReads<K> were announced with it, as Ks
    private static <K> void readAll(Handle h, GroupReads<K> reads, List<Object> keys) {
        reads.readAhead(h, (List<K>) keys);
    }

    /**
     * @param amongOthers whether a failure of the member alone rolls back the others' work too, which then
     *     run again in savepoints. A lock timeout or a serialization failure is the whole group's: every
     *     member needs the same lock, and the transaction as a whole may simply run again.
     */
    private void runMember(Handle h, CommitGroups.Member<?> member, boolean amongOthers,
            Map<String, Optional<Tss>> locked) {
        try {
            // one read (and lock) of a TSS per group; what the members before changed, the journal knows
            Tss tss = visible(locked.get(member.tssId), member.caller);
            member.run(h, tss);
            journal.counters(h, tss.id())
                    .ifPresent(now -> locked.put(tss.id(), Optional.of(tss.withJournalCounters(now))));
        } catch (RuntimeException e) {
            throw amongOthers && !isLockTimeout(e) && !hasSqlState(e, RETRYABLE) ? new MemberFailed(e) : e;
        }
    }

    private void runInSavepoint(Handle h, CommitGroups.Member<?> member) {
        Runnable restoreJournal = journal.savepoint(h, member.tssId);
        h.savepoint(MEMBER_SAVEPOINT);
        try {
            member.run(h, lockVisible(h, member.caller, member.tssId));
            h.releaseSavepoint(MEMBER_SAVEPOINT);
        } catch (RuntimeException e) {
            h.rollbackToSavepoint(MEMBER_SAVEPOINT); // Jdbi forgets the savepoint with it
            restoreJournal.run();
            member.failed(isLockTimeout(e) ? busy() : e);
        }
    }

    /** A member of a group that runs without savepoints failed: the group's transaction is rolled back. */
    private static final class MemberFailed extends RuntimeException {
        MemberFailed(RuntimeException cause) {
            super(null, cause, false, false);
        }
    }

    private Tss lockVisible(Handle h, Caller caller, String tssId) {
        return visible(tsses.lock(h, tssId, lockTimeout), caller);
    }

    private static Tss visible(Optional<Tss> tss, Caller caller) {
        return tss.filter(t -> t.isVisibleTo(caller.organizationId(), caller.env()))
                .orElseThrow(TssTransactions::tssNotFound);
    }

    private static ApiError busy() {
        return ApiError.retryLater(ErrorCode.E_TSS_LOCKED, "the TSS is busy with other requests; retry in a moment", 1);
    }

    public static ApiError tssNotFound() {
        return ApiError.of(ErrorCode.E_TSS_NOT_FOUND, "TSS not found");
    }

    private static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Database.WriteLockTimeout) {
                return true;
            }
            if (t instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY
                    || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)) {
                return true;
            }
        }
        return hasSqlState(failure, Set.of(PG_LOCK_NOT_AVAILABLE));
    }

    private static boolean hasSqlState(Throwable failure, Set<String> states) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && states.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
