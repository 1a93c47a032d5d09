package org.opentss.journal;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.opentss.store.Database;
import org.opentss.store.JdbcBatch;

/**
 * The append-only store of log messages, and the journal's counters in the TSS row. Rows are inserted
 * and never updated or deleted (DESIGN.md invariant 3); {@code PRIMARY KEY (tss_id, signature_counter)}
 * and the unique index on Start logs' transaction numbers are the safety net of invariant 1.
 */
public final class LogStore {

    /** How many logs a TSS has, and the highest counter among them; for the self test's counter check. */
    record Census(long count, long maxCounter, long starts, long maxTransactionNumber) {
    }

    private final Jdbi jdbi;

    public LogStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /**
     * Inserts the signed logs as one batch: one prepared statement, one round trip on PostgreSQL. A log's
     * {@link LoggedRevision} goes into the same row, with the log's process type, data and signature.
     */
    void insert(Handle h, List<PendingLog> logs) {
        try (JdbcBatch batch = JdbcBatch.prepare(h, "INSERT INTO log_message (tss_id, signature_counter, log_time, "
                + "kind, operation_type, transaction_number, client_serial, message, revision, tx_state, client_id, "
                + "schema_echo, request_fingerprint, process_type, process_data, signature) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PendingLog pending : logs) {
                CertifiedData data = pending.data();
                TransactionData tx = data instanceof TransactionData t ? t : null;
                batch.text(pending.tssId())
                        .bigint(pending.log().signatureCounter())
                        .bigint(pending.log().logTime())
                        .text(tx != null ? "TRANSACTION" : "SYSTEM")
                        .text(switch (data) {
                            case TransactionData t -> t.phase().operationType();
                            case SystemData s -> s.operationType();
                        })
                        .bigint(tx != null ? (Long) tx.transactionNumber() : null)
                        .text(tx != null ? tx.clientId() : null)
                        .bytes(pending.message()); // waits for the signature
                // only transaction logs have a revision (JournalWriter)
                LoggedRevision revision = tx != null ? pending.revision().orElse(null) : null;
                boolean stored = revision != null;
                batch.integer(stored ? (Integer) revision.revision() : null)
                        .text(stored ? revision.state() : null)
                        .text(stored ? revision.clientId() : null)
                        .text(stored ? revision.schemaEcho() : null)
                        .text(stored ? revision.fingerprint() : null)
                        .text(stored ? tx.processType() : null)
                        .bytes(stored ? tx.processData() : null)
                        .bytes(stored ? pending.log().signature() : null)
                        .endRow();
            }
            batch.execute();
        }
    }

    /**
     * What one log takes: the new counters, and the number of ACTIVE transactions after the log; from
     * {@link #allocate} when signing inline, counted by the writer in a group commit.
     */
    record Allocated(long signatureCounter, long transactionCounter, int activeTransactions) {
    }

    /**
     * Takes the TSS's next signature counter value (and, for a Start log, its next transaction number) with
     * one atomic {@code UPDATE … RETURNING} on the TSS row (DESIGN.md invariant 1), which also records the
     * new log's time for the next signer and counts the transactions a Start log opens and a Finish log
     * closes. The row lock it holds until commit serializes signers; a rollback releases the numbers.
     * A group commit, which locks the row when it first reads it, counts in memory instead and writes the
     * row once per TSS ({@link #writeCounters}); {@code UNIQUE (tss_id, signature_counter)} guards both.
     *
     * @param openedTransactions +1 for a Start log, -1 for a Finish log, else 0
     */
    Allocated allocate(Handle h, String tssId, int openedTransactions, long logTime) {
        return h.createQuery("UPDATE tss SET signature_counter = signature_counter + 1"
                        + (openedTransactions > 0 ? ", transaction_counter = transaction_counter + 1" : "")
                        + (openedTransactions != 0 ? ", number_active_transactions = number_active_transactions + "
                                + openedTransactions : "")
                        + ", last_log_time = :time WHERE id = :id "
                        + "RETURNING signature_counter, transaction_counter, number_active_transactions")
                .bind("id", tssId)
                .bind("time", logTime)
                .map((rs, ctx) -> new Allocated(rs.getLong("signature_counter"), rs.getLong("transaction_counter"),
                        rs.getInt("number_active_transactions")))
                .one();
    }

    /**
     * Writes the journal's columns of the TSS rows as a group commit's latest log of each TSS left them:
     * once per group and TSS instead of one {@link #allocate} per log, and as one batch (one round trip on
     * PostgreSQL) for all the group's TSSs. The group holds the row locks throughout.
     *
     * @param rowCounters by TSS id: the signature counter the row holds now, as the group last wrote or read it
     * @param latest by TSS id: the journal's columns after the group's latest log of the TSS
     */
    void writeCounters(Handle h, Map<String, Long> rowCounters, Map<String, JournalCounters> latest) {
        if (rowCounters.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("UPDATE tss SET signature_counter = :counter, transaction_counter = "
                + ":number, number_active_transactions = :active, last_log_time = :time "
                + "WHERE id = :id AND signature_counter = :rowCounter");
        List<String> tssIds = List.copyOf(rowCounters.keySet());
        for (String tssId : tssIds) {
            JournalCounters counters = latest.get(tssId);
            batch.bind("counter", counters.signatureCounter())
                    .bind("number", counters.transactionCounter())
                    .bind("active", counters.activeTransactions())
                    .bind("time", counters.lastLogTime())
                    .bind("id", tssId)
                    .bind("rowCounter", rowCounters.get(tssId))
                    .add();
        }
        int[] updated = batch.execute();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] != 1) {
                throw counterMoved(tssIds.get(i));
            }
        }
    }

    /**
     * Only a writer without the row lock, or a stale view of the row, could move the counter under a
     * writer: it refuses rather than sign (or store) a wrong counter, and its transaction rolls back.
     */
    static IllegalStateException counterMoved(String tssId) {
        return new IllegalStateException("the signature counter of TSS " + tssId + " moved under the row lock");
    }

    /** The time of the newest updateTime log, kept in the TSS row for the next signer. */
    void recordUpdateTime(Handle h, String tssId, long updateTimeAt) {
        h.createUpdate("UPDATE tss SET last_update_time_at = :updateTime WHERE id = :id")
                .bind("id", tssId)
                .bind("updateTime", updateTimeAt)
                .execute();
    }

    Census census(Handle h, String tssId) {
        return h.createQuery("SELECT COUNT(*) AS n, COALESCE(MAX(signature_counter), 0) AS max_counter, "
                        + "SUM(CASE WHEN operation_type = 'StartTransaction' THEN 1 ELSE 0 END) AS starts, "
                        + "COALESCE(MAX(transaction_number), 0) AS max_number FROM log_message WHERE tss_id = :tss")
                .bind("tss", tssId)
                .map((rs, ctx) -> new Census(rs.getLong("n"), rs.getLong("max_counter"), rs.getLong("starts"),
                        rs.getLong("max_number")))
                .one();
    }

    /** The stored bytes of one log message. */
    public Optional<byte[]> message(String tssId, long signatureCounter) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message FROM log_message WHERE tss_id = :tss "
                        + "AND signature_counter = :counter")
                .bind("tss", tssId).bind("counter", signatureCounter).mapTo(byte[].class).findOne());
    }

    /** How many rows one page of {@link #forEachInRange} reads: bounded memory, few round trips. */
    private static final int PAGE = 2_000;

    /**
     * Hands every log with a counter in [{@code from}, {@code to}] to {@code sink}, in counter order, page
     * by page (keyset pagination on the primary key). No transaction is held, so signing goes on
     * meanwhile; logs are never changed, so pages stay consistent.
     */
    public void forEachInRange(String tssId, long from, long to, Consumer<StoredLog> sink) {
        long next = Math.max(from, 1);
        while (next <= to) {
            long start = next;
            List<StoredLog> page = jdbi.withHandle(h -> h.createQuery("SELECT signature_counter, log_time, kind, "
                            + "operation_type, transaction_number, client_serial, message FROM log_message "
                            + "WHERE tss_id = :tss AND signature_counter BETWEEN :from AND :to "
                            + "ORDER BY signature_counter LIMIT :page")
                    .bind("tss", tssId).bind("from", start).bind("to", to).bind("page", PAGE)
                    .map((rs, ctx) -> {
                        long number = rs.getLong("transaction_number");
                        Long transactionNumber = rs.wasNull() ? null : number;
                        return new StoredLog(rs.getLong("signature_counter"), rs.getLong("log_time"),
                                StoredLog.Kind.valueOf(rs.getString("kind")), rs.getString("operation_type"),
                                transactionNumber, rs.getString("client_serial"), rs.getBytes("message"));
                    })
                    .list());
            page.forEach(sink);
            if (page.size() < PAGE) {
                return;
            }
            next = page.getLast().signatureCounter() + 1;
        }
    }

    /**
     * The smallest and largest counter (≤ {@code maxCounter}) among the transaction logs of transactions
     * {@code firstNumber}…{@code lastNumber}: the span of those transactions (tse-formats.md §9.2).
     */
    public Optional<long[]> transactionSpan(String tssId, long firstNumber, long lastNumber, long maxCounter) {
        return span(tssId, "kind = 'TRANSACTION' AND transaction_number BETWEEN " + firstNumber + " AND " + lastNumber,
                maxCounter);
    }

    /** The smallest and largest counter (≤ {@code maxCounter}) of the logs with a log time in [from, to]. */
    public Optional<long[]> timeSpan(String tssId, long from, long to, long maxCounter) {
        return span(tssId, "log_time BETWEEN " + from + " AND " + to, maxCounter);
    }

    private Optional<long[]> span(String tssId, String condition, long maxCounter) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MIN(signature_counter) AS lo, MAX(signature_counter) AS hi "
                        + "FROM log_message WHERE tss_id = :tss AND signature_counter <= :max AND " + condition)
                .bind("tss", tssId).bind("max", maxCounter)
                .map((rs, ctx) -> {
                    long lo = rs.getLong("lo");
                    return rs.wasNull() ? null : new long[] {lo, rs.getLong("hi")};
                })
                .findOne());
    }

    /**
     * The span of every transaction (≤ {@code maxCounter}) that has a log of the client with this serial
     * number, ordered by their first counter.
     */
    public List<long[]> clientTransactionSpans(String tssId, String clientSerial, long maxCounter) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MIN(signature_counter) AS lo, MAX(signature_counter) AS hi "
                        + "FROM log_message WHERE tss_id = :tss AND kind = 'TRANSACTION' AND signature_counter <= :max "
                        + "AND transaction_number IN (SELECT transaction_number FROM log_message WHERE tss_id = :tss "
                        + "AND client_serial = :serial AND signature_counter <= :max) "
                        + "GROUP BY transaction_number ORDER BY lo")
                .bind("tss", tssId).bind("serial", clientSerial).bind("max", maxCounter)
                .map((rs, ctx) -> new long[] {rs.getLong("lo"), rs.getLong("hi")})
                .list());
    }

    /** All log messages of a TSS in counter order (tests and, later, exports read them this way). */
    public List<byte[]> messages(String tssId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message FROM log_message WHERE tss_id = :tss "
                        + "ORDER BY signature_counter")
                .bind("tss", tssId).mapTo(byte[].class).list());
    }
}
