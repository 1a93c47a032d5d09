package org.opentss.journal;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Handle;
import org.opentss.crypto.SigningKey;

/**
 * Appends the log messages of one request to one TSS's journal. Not thread-safe: it lives inside one
 * database transaction that holds the TSS's row lock, so the counters it keeps are the only ones.
 * Alone, it signs and stores each log at once; in a group commit it leaves signing and storing to the
 * transaction's {@link ParallelSigning}.
 */
public final class JournalWriter {

    /** TR-03151: counters are unsigned 32-bit; the TSS cannot sign past the last value (tse-formats.md §4.1). */
    private static final long MAX_COUNTER = 0xFFFF_FFFFL;
    /** A clock this much behind the last log time is treated as the last log time (§4.4). */
    private static final long TOLERATED_CLOCK_SKEW = 2;

    private final Journal journal;
    private final Handle h;
    private final JournalTss tss;
    private final SigningKey key;
    /** Null when the transaction signs inline. */
    private final ParallelSigning parallel;
    private boolean firstUseInProcess;
    private long signatureCounter;
    private long transactionCounter;
    private long lastLogTime;
    private OptionalLong lastUpdateTimeAt;
    private int activeTransactions;

    JournalWriter(Journal journal, Handle h, JournalTss tss, SigningKey key, ParallelSigning parallel,
            boolean firstUseInProcess) {
        this.journal = journal;
        this.h = h;
        this.tss = tss;
        this.key = key;
        this.parallel = parallel;
        this.firstUseInProcess = firstUseInProcess;
        this.signatureCounter = tss.signatureCounter();
        this.transactionCounter = tss.transactionCounter();
        this.lastLogTime = tss.lastLogTime();
        this.lastUpdateTimeAt = tss.lastUpdateTimeAt();
        this.activeTransactions = tss.activeTransactions();
    }

    /**
     * Writes {@code updateTime} and {@code selfTest} when the key is used for the first time in this
     * process or the last {@code updateTime} is older than the interval (sign-de-v2.md §6.3). Call it
     * before the first log of a request on a personalized TSS.
     */
    public void syncTimeIfDue() {
        long now = journal.clock().instant().getEpochSecond();
        boolean intervalElapsed = lastUpdateTimeAt.isEmpty()
                || now - lastUpdateTimeAt.getAsLong() >= journal.updateTimeInterval().toSeconds();
        if (firstUseInProcess || intervalElapsed) {
            syncTime();
        }
    }

    /**
     * Writes {@code updateTime} (from the last stored log time, 0 for a new TSS, to now) and the
     * {@code selfTest} that checks the key pair and the stored counters. Personalization calls it directly.
     */
    public void syncTime() {
        selfTest();
        long timeBeforeUpdate = lastLogTime;
        append(time -> {
            lastUpdateTimeAt = OptionalLong.of(time);
            journal.store().recordUpdateTime(h, tss.id(), time);
            return SystemEvents.updateTime(timeBeforeUpdate, time);
        });
        append(SystemEvents.selfTest());
        if (firstUseInProcess) {
            journal.firstUseLogged(h, tss.id(), key);
            firstUseInProcess = false;
        }
    }

    /** The self test of tse-formats.md §5.2: key pair consistent, stored counters equal the TSS's counters. */
    private void selfTest() {
        if (!key.isConsistent()) {
            throw new JournalException("self test failed: key pair inconsistent");
        }
        if (parallel != null) {
            parallel.store(h, journal.store()); // the census counts stored rows
        }
        LogStore.Census census = journal.store().census(h, tss.id());
        if (census.count() != signatureCounter || census.maxCounter() != signatureCounter
                || census.starts() != transactionCounter || census.maxTransactionNumber() != transactionCounter) {
            throw new JournalException("self test failed: counter state inconsistent");
        }
    }

    /** A Start log without a revision: a transaction the transaction API does not know (opentss bench fill). */
    public SignedLog start(String clientSerial) {
        return start(clientSerial, null);
    }

    /**
     * Starts a transaction: allocates the next transaction number and signs its Start log, whose row holds
     * the transaction's first revision.
     *
     * @param revision null only for {@link #start(String)}
     */
    public SignedLog start(String clientSerial, LoggedRevision revision) {
        if (transactionCounter >= MAX_COUNTER) {
            throw new JournalException("the transaction counter is exhausted");
        }
        return write(1, (time, number) -> new TransactionData(TransactionPhase.START, clientSerial, new byte[0], "",
                number), revision);
    }

    /** Signs the Update or Finish log of a transaction revision; a Finish log closes its transaction. */
    public SignedLog append(TransactionData data, LoggedRevision revision) {
        return write(data.phase() == TransactionPhase.FINISH ? -1 : 0, (time, number) -> data, revision);
    }

    /**
     * Signs and stores one log message with the next signature counter value, without a revision; a
     * Finish log closes its transaction.
     */
    public SignedLog append(CertifiedData data) {
        boolean finish = data instanceof TransactionData t && t.phase() == TransactionPhase.FINISH;
        return write(finish ? -1 : 0, (time, number) -> data, null);
    }

    /**
     * Signs and stores a system log message whose content names its own log time, such as
     * {@code disableSecureElement}: {@code dataAtTime} receives the logTime the message will carry.
     */
    public SignedLog append(LongFunction<SystemData> dataAtTime) {
        return write(0, (time, number) -> dataAtTime.apply(time), null);
    }

    /** What to sign, given the log time and the transaction counter after allocation. */
    @FunctionalInterface
    private interface Content {
        CertifiedData at(long logTime, long transactionCounter);
    }

    /**
     * @param openedTransactions +1 for a Start log, -1 for a Finish log, else 0
     * @param revision           stored in the log's row; null if none
     */
    private SignedLog write(int openedTransactions, Content content, LoggedRevision revision) {
        if (signatureCounter >= MAX_COUNTER) {
            throw new JournalException("the signature counter is exhausted; the TSS cannot sign any more");
        }
        long time = logTime();
        long counterBefore = signatureCounter;
        LogStore.Allocated allocated;
        if (parallel == null) {
            allocated = journal.store().allocate(h, tss.id(), openedTransactions, time);
            if (allocated.signatureCounter() != counterBefore + 1) {
                throw LogStore.counterMoved(tss.id());
            }
        } else {
            // the group holds the row lock: the row's journal columns are written once, when the group stores
            allocated = new LogStore.Allocated(signatureCounter + 1,
                    transactionCounter + (openedTransactions > 0 ? 1 : 0), activeTransactions + openedTransactions);
        }
        CertifiedData data = content.at(time, allocated.transactionCounter());
        OptionalLong number = data instanceof TransactionData t ? OptionalLong.of(t.transactionNumber())
                : OptionalLong.empty();
        SignedLog log = new SignedLog(allocated.signatureCounter(), time, PendingLog.emptySignature(), number);
        PendingLog pending = new PendingLog(tss.id(), data, revision, log, tss.serialNumber(), key,
                journal.signDuration());
        if (parallel == null) {
            pending.sign();
            journal.store().insert(h, List.of(pending));
        } else {
            parallel.add(pending);
        }
        signatureCounter = allocated.signatureCounter();
        transactionCounter = allocated.transactionCounter();
        lastLogTime = time;
        activeTransactions = allocated.activeTransactions();
        if (parallel != null) {
            parallel.wrote(tss.id(), counterBefore, new JournalCounters(signatureCounter, transactionCounter,
                    lastLogTime, lastUpdateTimeAt, activeTransactions));
        }
        journal.countSignature(data);
        return log;
    }

    public long signatureCounter() {
        return signatureCounter;
    }

    public long transactionCounter() {
        return transactionCounter;
    }

    /**
     * The current time in whole seconds, never before the last log time: a clock up to 2 s behind it is
     * taken as the last log time; further behind, the TSS does not sign until the clock is corrected (§4.4).
     */
    private long logTime() {
        long now = journal.clock().instant().getEpochSecond();
        if (now >= lastLogTime) {
            return now;
        }
        if (lastLogTime - now <= TOLERATED_CLOCK_SKEW) {
            return lastLogTime;
        }
        throw new JournalException("the clock is " + (lastLogTime - now) + " s behind the last log time; "
                + "the TSS does not sign until the clock is corrected");
    }
}
