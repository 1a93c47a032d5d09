package org.opentss.tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.opentss.http.Json;
import org.opentss.http.Metadata;
import org.opentss.identity.Environment;
import org.opentss.store.Database;
import org.opentss.store.InList;
import org.opentss.store.JdbcBatch;

/** Stores transactions and their signed revisions. */
public final class TransactionRepository {

    private static final String TX_COLUMNS = "t.tss_id, t.id, t.number, t.state, t.latest_revision, t.client_id, "
            + "t.process_type, t.time_start, t.time_end, t.metadata";
    /** A revision, from the row of the log that signed it (journal table {@code log_message}). */
    private static final String REV_COLUMNS = "r.revision, r.tx_state AS rev_state, r.client_id AS rev_client_id, "
            + "r.client_serial, r.schema_echo, r.request_fingerprint, r.process_type AS rev_process_type, "
            + "r.process_data, r.signature_counter, r.log_time, r.signature";

    /** Sort keys of the transaction lists (§8.11); a missing time_end sorts as 0. */
    static final Set<String> ORDER_BY = Set.of("number", "state", "time_start", "time_end");

    /** A transaction with its latest revision and the TSS facts a list item shows. */
    public record Listed(Transaction transaction, TxRevision latest, String tssSerial, byte[] tssPublicKey) {
    }

    private final Jdbi jdbi;

    public TransactionRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    public Optional<Transaction> find(Handle h, String tssId, String txId) {
        return h.createQuery("SELECT " + TX_COLUMNS + " FROM tss_transaction t WHERE t.tss_id = :tss AND t.id = :id")
                .bind("tss", tssId).bind("id", txId).map(TransactionRepository::mapTransaction).findOne();
    }

    /** Those of the transactions {@code txIds} of the TSS that exist, in one statement. */
    public List<Transaction> findAll(Handle h, String tssId, List<String> txIds) {
        return InList.query(h, "SELECT " + TX_COLUMNS + " FROM tss_transaction t WHERE t.tss_id = :tss "
                        + "AND t.id IN (<ids>)", "ids", txIds)
                .bind("tss", tssId).map(TransactionRepository::mapTransaction).list();
    }

    public Optional<Transaction> findByNumber(Handle h, String tssId, long number) {
        return h.createQuery("SELECT " + TX_COLUMNS + " FROM tss_transaction t WHERE t.tss_id = :tss AND t.number = :n")
                .bind("tss", tssId).bind("n", number).map(TransactionRepository::mapTransaction).findOne();
    }

    public Optional<TxRevision> revision(Handle h, Transaction tx, int revision) {
        return h.createQuery("SELECT " + REV_COLUMNS + " FROM log_message r WHERE r.tss_id = :tss "
                        + "AND r.transaction_number = :number AND r.revision = :rev")
                .bind("tss", tx.tssId()).bind("number", tx.number()).bind("rev", revision)
                .map((rs, ctx) -> mapRevision(rs, tx)).findOne();
    }

    public <T> T read(HandleCallback<T, RuntimeException> callback) {
        return jdbi.withHandle(callback);
    }

    /** New transactions, in one batch. */
    public void insertAll(Handle h, List<Transaction> txs) {
        inOneBatch(h, "INSERT INTO tss_transaction (state, latest_revision, process_type, time_end, metadata, "
                + "client_id, number, time_start, tss_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", txs,
                (batch, tx) -> bindChange(batch, tx).text(tx.clientId()).bigint(tx.number()).bigint(tx.timeStart()));
    }

    /**
     * Transactions after a new revision, in one batch: state, latest revision, type, end time, metadata, and
     * the client where a revision names another client than the one stored. Most revisions keep the
     * client, and a statement that sets the column rewrites the entry in the client index even for the same
     * value on SQLite: 16 of the about 150 pages a group commit of starts and finishes wrote to the log.
     *
     * @param clientChanged whether the client of these transactions differs from the stored one
     */
    public void updateAll(Handle h, List<Transaction> txs, boolean clientChanged) {
        inOneBatch(h, "UPDATE tss_transaction SET state = ?, latest_revision = ?, process_type = ?, time_end = ?, "
                + "metadata = ?" + (clientChanged ? ", client_id = ?" : "") + " WHERE tss_id = ? AND id = ?", txs,
                (batch, tx) -> {
                    bindChange(batch, tx);
                    if (clientChanged) {
                        batch.text(tx.clientId());
                    }
                });
    }

    /** Binds each transaction's row, then the key that ends each statement's parameters. */
    private static void inOneBatch(Handle h, String sql, List<Transaction> txs,
            BiConsumer<JdbcBatch, Transaction> bind) {
        if (txs.isEmpty()) {
            return;
        }
        try (JdbcBatch batch = JdbcBatch.prepare(h, sql)) {
            for (Transaction tx : txs) {
                bind.accept(batch, tx);
                batch.text(tx.tssId()).text(tx.id()).endRow();
            }
            batch.execute();
        }
    }

    /** What a revision changes, in the order both statements list it. */
    private static JdbcBatch bindChange(JdbcBatch batch, Transaction tx) {
        return batch.text(tx.state().name()).integer(tx.latestRevision())
                .text(tx.processType().orElse(null))
                .bigint(tx.timeEnd().isPresent() ? tx.timeEnd().getAsLong() : null)
                .text(Metadata.toJson(tx.metadata()));
    }

    public void setMetadata(Handle h, String tssId, String txId, Map<String, String> metadata) {
        h.createUpdate("UPDATE tss_transaction SET metadata = :metadata WHERE tss_id = :tss AND id = :id")
                .bind("tss", tssId).bind("id", txId).bind("metadata", Metadata.toJson(metadata)).execute();
    }

    /**
     * Transactions of an organization and environment, optionally of one TSS and of one client (by
     * the client of their latest revision), filtered by state, each with its latest revision (§8.11).
     */
    public List<Listed> list(String organizationId, Environment env, Optional<String> tssId, Optional<String> clientId,
            Set<TxState> states, String orderBy, boolean descending, int limit, long offset) {
        StringBuilder sql = new StringBuilder("SELECT " + TX_COLUMNS + ", " + REV_COLUMNS + ", s.serial_number AS "
                + "tss_serial, s.public_key AS tss_public_key FROM tss_transaction t "
                + "JOIN log_message r ON r.tss_id = t.tss_id AND r.transaction_number = t.number "
                + "AND r.revision = t.latest_revision "
                + "JOIN tss s ON s.id = t.tss_id WHERE s.organization_id = :org AND s.env = :env");
        tssId.ifPresent(id -> sql.append(" AND t.tss_id = :tss"));
        clientId.ifPresent(id -> sql.append(" AND t.client_id = :client"));
        if (!states.isEmpty()) {
            sql.append(" AND t.state IN (").append(states.stream().map(s -> "'" + s.name() + "'")
                    .collect(Collectors.joining(", "))).append(")");
        }
        String sortKey = orderBy.equals("time_end") ? "COALESCE(t.time_end, 0)" : "t." + orderBy;
        sql.append(" ORDER BY ").append(sortKey).append(descending ? " DESC" : " ASC")
                .append(", t.id ASC LIMIT :limit OFFSET :offset");
        return jdbi.withHandle(h -> h.createQuery(sql.toString())
                .bind("org", organizationId).bind("env", env.name())
                .bind("tss", tssId.orElse("")).bind("client", clientId.orElse(""))
                .bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> {
                    Transaction tx = mapTransaction(rs, ctx);
                    return new Listed(tx, mapRevision(rs, tx), rs.getString("tss_serial"),
                            rs.getBytes("tss_public_key"));
                })
                .list());
    }

    static Transaction mapTransaction(ResultSet rs, StatementContext ctx) throws SQLException {
        long end = rs.getLong("time_end");
        OptionalLong timeEnd = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(end);
        return new Transaction(rs.getString("tss_id"), rs.getString("id"), rs.getLong("number"),
                TxState.valueOf(rs.getString("state")), rs.getInt("latest_revision"), rs.getString("client_id"),
                Optional.ofNullable(rs.getString("process_type")), rs.getLong("time_start"), timeEnd,
                Metadata.fromJson(rs.getString("metadata")));
    }

    private static TxRevision mapRevision(ResultSet rs, Transaction tx) throws SQLException {
        return new TxRevision(tx.tssId(), tx.id(), rs.getInt("revision"),
                TxState.valueOf(rs.getString("rev_state")), rs.getString("rev_client_id"), rs.getString("client_serial"),
                Json.parseStoredObject(rs.getString("schema_echo")), rs.getString("request_fingerprint"),
                rs.getString("rev_process_type"), rs.getBytes("process_data"), rs.getLong("signature_counter"),
                rs.getLong("log_time"), rs.getBytes("signature"));
    }
}
