package org.opentss.journal;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.opentss.store.Database;

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

    void insert(Handle h, String tssId, SignedLog log, CertifiedData data) {
        boolean transaction = data instanceof TransactionData;
        h.createUpdate("INSERT INTO log_message (tss_id, signature_counter, log_time, kind, operation_type, "
                        + "transaction_number, client_serial, message) VALUES (:tss, :counter, :time, :kind, :op, "
                        + ":number, :client, :message)")
                .bind("tss", tssId)
                .bind("counter", log.signatureCounter())
                .bind("time", log.logTime())
                .bind("kind", transaction ? "TRANSACTION" : "SYSTEM")
                .bind("op", switch (data) {
                    case TransactionData t -> t.phase().operationType();
                    case SystemData s -> s.operationType();
                })
                .bind("number", data instanceof TransactionData t ? (Long) t.transactionNumber() : null)
                .bind("client", data instanceof TransactionData t ? t.clientId() : null)
                .bind("message", log.message())
                .execute();
    }

    void updateCounters(Handle h, String tssId, long signatureCounter, long transactionCounter, long lastLogTime,
            Long lastUpdateTimeAt) {
        h.createUpdate("UPDATE tss SET signature_counter = :counter, transaction_counter = :txCounter, "
                        + "last_log_time = :time, last_update_time_at = :updateTime WHERE id = :id")
                .bind("id", tssId)
                .bind("counter", signatureCounter)
                .bind("txCounter", transactionCounter)
                .bind("time", lastLogTime)
                .bind("updateTime", lastUpdateTimeAt)
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

    /** All log messages of a TSS in counter order (tests and, later, exports read them this way). */
    public List<byte[]> messages(String tssId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message FROM log_message WHERE tss_id = :tss "
                        + "ORDER BY signature_counter")
                .bind("tss", tssId).mapTo(byte[].class).list());
    }
}
