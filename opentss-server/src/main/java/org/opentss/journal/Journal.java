package org.opentss.journal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.opentss.crypto.KeyCustody;
import org.opentss.crypto.SigningKey;

/**
 * The secure-element core: allocates signature counters and transaction numbers, signs log messages
 * with the TSS key and stores them, all inside the caller's database transaction, which holds the
 * TSS's row lock (tse-formats.md §4.3). A rollback releases the numbers: nothing signed escapes before
 * the commit.
 *
 * <p>It also remembers which TSS keys this process has loaded, because the first signature with a key
 * in a process is preceded by an {@code updateTime} and a {@code selfTest} log (sign-de-v2.md §6.3). A
 * key counts as loaded once the transaction that logged its first use commits; until then only later
 * requests in that same transaction (a group commit) treat it as loaded.
 *
 * <p>A group-commit transaction signs in parallel ({@link #signInParallel}): its writers leave each
 * signature to a virtual thread of its own and {@link #storeSigned} stores the logs before the commit.
 */
public final class Journal {

    private final KeyCustody custody;
    private final LogStore store;
    private final Clock clock;
    private final Duration updateTimeInterval;
    private final Map<String, SigningKey> loadedKeys = new ConcurrentHashMap<>();
    /** TSS id → the open transaction that logged the key's first use in this process, and the key it opened. */
    private final Map<String, FirstUse> loadingIn = new ConcurrentHashMap<>();

    /** Open transactions that sign in parallel. */
    private final Map<Handle, ParallelSigning> parallel = new ConcurrentHashMap<>();

    private record FirstUse(Handle transaction, SigningKey key) {
    }
    private final Counter transactionSignatures;
    private final Counter systemSignatures;
    private final Timer signDuration;

    public Journal(KeyCustody custody, LogStore store, Clock clock, Duration updateTimeInterval, MeterRegistry meters) {
        this.custody = custody;
        this.store = store;
        this.clock = clock;
        this.updateTimeInterval = updateTimeInterval;
        this.transactionSignatures = Counter.builder("opentss.signatures").tag("type", "transaction")
                .description("Log messages signed").register(meters);
        this.systemSignatures = Counter.builder("opentss.signatures").tag("type", "system")
                .description("Log messages signed").register(meters);
        this.signDuration = Timer.builder("opentss.sign.duration")
                .description("Time to encode and sign one log message")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** A writer for one request on a locked TSS, inside the handle's transaction. */
    public JournalWriter writer(Handle h, JournalTss tss) {
        ParallelSigning signing = parallel.get(h);
        SigningKey loaded = loadedKeys.get(tss.id());
        if (loaded != null) {
            return new JournalWriter(this, h, tss, loaded, signing, false);
        }
        FirstUse pending = loadingIn.get(tss.id());
        if (pending != null && pending.transaction() == h) {
            // a later request of the group that logged the first use: same key, no second envelope opening
            return new JournalWriter(this, h, tss, pending.key(), signing, false);
        }
        return new JournalWriter(this, h, tss, custody.open(tss.keyId(), tss.keyHandle()), signing, true);
    }

    /**
     * Lets the writers of {@code h}'s transaction sign in parallel until {@link #endParallelSigning}; the
     * transaction must call {@link #storeSigned} before it commits.
     */
    public void signInParallel(Handle h) {
        parallel.put(h, new ParallelSigning());
    }

    /**
     * Waits for the signatures {@code h}'s transaction has asked for so far and stores their logs and the
     * rows that hold them: before the commit, and before reading such rows back in the same transaction.
     */
    public void storeSigned(Handle h) {
        ParallelSigning signing = parallel.get(h);
        if (signing != null) {
            signing.store(h, store);
        }
    }

    /**
     * The {@link DeferredRows} of {@code type} of {@code h}'s group-commit transaction, made by {@code create}
     * when first asked for; empty outside a group commit, where rows are written at once.
     */
    public <R extends DeferredRows> Optional<R> deferredRows(Handle h, Class<R> type, Supplier<R> create) {
        ParallelSigning signing = parallel.get(h);
        return signing == null ? Optional.empty() : Optional.of(signing.deferred(type, create));
    }

    /**
     * The journal's columns of the TSS row as the latest log of {@code h}'s group-commit transaction left
     * them; empty if it wrote none for the TSS (or a rollback to a savepoint forgot them).
     */
    public Optional<JournalCounters> counters(Handle h, String tssId) {
        ParallelSigning signing = parallel.get(h);
        return signing == null ? Optional.empty() : signing.counters(tssId);
    }

    /** The transaction has committed or rolled back. */
    public void endParallelSigning(Handle h) {
        parallel.remove(h);
    }

    LogStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    Duration updateTimeInterval() {
        return updateTimeInterval;
    }

    Timer signDuration() {
        return signDuration;
    }

    void countSignature(CertifiedData data) {
        (data instanceof TransactionData ? transactionSignatures : systemSignatures).increment();
    }

    /** The key's first use in this process is logged in {@code h}'s transaction: loaded when that commits. */
    void firstUseLogged(Handle h, String tssId, SigningKey key) {
        FirstUse firstUse = new FirstUse(h, key);
        loadingIn.put(tssId, firstUse);
        h.afterCommit(() -> {
            if (loadingIn.remove(tssId, firstUse)) {
                loadedKeys.put(tssId, key);
            }
        });
        h.afterRollback(() -> loadingIn.remove(tssId, firstUse));
    }

    /**
     * For a savepoint in {@code h}'s transaction: what restores the journal's state of the transaction to
     * what it is now, should the work after the savepoint be rolled back to it. A first use logged after it
     * is then gone, so the next writer logs it again; logs and rows stored after it are stored again.
     */
    public Runnable savepoint(Handle h, String tssId) {
        FirstUse before = loadingIn.get(tssId);
        boolean loggedBefore = before != null && before.transaction() == h;
        ParallelSigning signing = parallel.get(h);
        ParallelSigning.Mark mark = signing == null ? null : signing.mark(h, store);
        return () -> {
            if (!loggedBefore) {
                loadingIn.computeIfPresent(tssId, (id, firstUse) -> firstUse.transaction() == h ? null : firstUse);
            }
            if (signing != null) {
                signing.rollbackTo(mark);
            }
        };
    }
}
