package org.opentss.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The logs one group-commit transaction has allocated: each is signed on its own virtual thread while the
 * group goes on with its next request, so the serial part of a group is SQL only. Their rows are stored
 * before the transaction commits; until then nobody has seen a signature (DESIGN.md invariant 2).
 *
 * <p>The list only grows while the transaction lasts; a savepoint is a {@link Mark} of its size and of
 * how much of it is stored, so that a rollback to it forgets what came after it and stores again what was
 * stored after it (those rows were rolled back with it).
 */
final class ParallelSigning {

    record Mark(int logs, int storedLogs) {
    }

    private final List<PendingLog> logs = new ArrayList<>();
    private int storedLogs;
    /** By TSS id: the journal's columns of the TSS row as the transaction's latest log left them. */
    private final Map<String, JournalCounters> counters = new HashMap<>();
    /** By TSS id, for rows whose journal columns are behind {@link #counters}: the signature counter they hold. */
    private final Map<String, Long> rowCounters = new HashMap<>();
    /** By type: rows other features write late in this transaction, stored before the logs. */
    private final Map<Class<?>, DeferredRows> deferred = new LinkedHashMap<>();

    void add(PendingLog log) {
        logs.add(log);
        log.signInBackground();
    }

    <R extends DeferredRows> R deferred(Class<R> type, Supplier<R> create) {
        return type.cast(deferred.computeIfAbsent(type, t -> create.get()));
    }

    /**
     * Writes the TSS rows' journal columns and the {@link DeferredRows}, then waits for the signatures so
     * far and stores their logs as one batch.
     */
    void store(Handle h, LogStore store) {
        writeRowsBeforeLogs(h, store);
        List<PendingLog> waiting = logs.subList(storedLogs, logs.size());
        if (!waiting.isEmpty()) {
            store.insert(h, waiting);
            storedLogs = logs.size();
        }
    }

    /** @param counterBefore the signature counter before the log, which the row holds if nothing wrote it since */
    void wrote(String tssId, long counterBefore, JournalCounters latest) {
        counters.put(tssId, latest);
        rowCounters.putIfAbsent(tssId, counterBefore);
    }

    /** The TSS rows' journal columns and the deferred rows. */
    private void writeRowsBeforeLogs(Handle h, LogStore store) {
        store.writeCounters(h, rowCounters, counters);
        rowCounters.clear();
        deferred.values().forEach(rows -> rows.store(h));
    }

    Optional<JournalCounters> counters(String tssId) {
        return Optional.ofNullable(counters.get(tssId));
    }

    /**
     * The TSS rows and the deferred rows are written first: rolling back to the mark then leaves them as
     * they are now.
     */
    Mark mark(Handle h, LogStore store) {
        writeRowsBeforeLogs(h, store);
        return new Mark(logs.size(), storedLogs);
    }

    void rollbackTo(Mark mark) {
        logs.subList(mark.logs(), logs.size()).clear();
        storedLogs = Math.min(storedLogs, mark.storedLogs());
        counters.clear(); // they may be ahead of the rows now; whoever needs them reads the rows again
        rowCounters.clear(); // the rows are back to what they were at the mark, when they were written
        deferred.values().forEach(DeferredRows::forget);
    }
}
