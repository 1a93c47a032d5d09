package org.opentss.tss;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.opentss.http.Metadata;
import org.opentss.identity.Environment;
import org.opentss.store.Database;
import org.opentss.store.Dialect;
import org.opentss.store.InList;

/**
 * Stores TSSs. Changes go through small, explicit statements on a handle that holds the TSS's row lock
 * ({@link #lock}), so that every change is evaluated against the state the previous one left.
 */
public final class TssRepository {

    static final String COLUMNS = "id, organization_id, env, state, description, public_key, serial_number, certificate, "
            + "key_handle, certificate_not_after, signature_counter, transaction_counter, last_log_time, "
            + "last_update_time_at, max_registered_clients, max_active_transactions, number_registered_clients, "
            + "number_active_transactions, puk_hash, pin_hash, pin_failures, puk_failures, puk_lock_level, "
            + "puk_locked_until, metadata, time_creation, time_uninit, time_init, time_disable, time_defective";

    /** Sort keys of {@code GET /tss} (§4.7); TSSs without the time sort as if it were 0. */
    static final Set<String> ORDER_BY = Set.of("description", "state", "time_creation", "time_init", "time_disable");

    private static final String LOCK_TIMEOUT = "lockTimeout";

    private final Jdbi jdbi;
    private final String lockClause;
    /**
     * PostgreSQL: the lock statement sets {@code lock_timeout} for its transaction itself, instead of a
     * {@code SET LOCAL} before it, one round trip fewer per group commit. A condition without columns is
     * evaluated once, before the scan, so the setting holds before the first row lock is waited for.
     */
    private final String lockWaitLimit;

    public TssRepository(Database database) {
        this.jdbi = database.jdbi();
        boolean postgres = database.dialect() == Dialect.POSTGRESQL;
        this.lockClause = postgres ? " FOR UPDATE" : "";
        this.lockWaitLimit = postgres ? " AND set_config('lock_timeout', :" + LOCK_TIMEOUT + ", true) IS NOT NULL" : "";
    }

    public void insert(Handle h, Tss tss) {
        h.createUpdate("INSERT INTO tss (" + COLUMNS + ") VALUES (:id, :org, :env, :state, :description, :publicKey, "
                        + ":serial, :certificate, :keyHandle, :notAfter, 0, 0, 0, NULL, :maxClients, :maxActive, 0, 0, "
                        + ":pukHash, NULL, 0, 0, 0, NULL, :metadata, :created, NULL, NULL, NULL, NULL)")
                .bind("id", tss.id())
                .bind("org", tss.organizationId())
                .bind("env", tss.env().name())
                .bind("state", tss.state().name())
                .bind("description", tss.description())
                .bind("publicKey", tss.publicKey())
                .bind("serial", tss.serialNumber())
                .bind("certificate", tss.certificate())
                .bind("keyHandle", tss.keyHandle())
                .bind("notAfter", tss.certificateNotAfter())
                .bind("maxClients", tss.maxRegisteredClients())
                .bind("maxActive", tss.maxActiveTransactions())
                .bind("pukHash", tss.pukHash())
                .bind("metadata", Metadata.toJson(tss.metadata()))
                .bind("created", tss.timeCreation())
                .execute();
    }

    public Optional<Tss> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    public Optional<Tss> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM tss WHERE id = :id").bind("id", id)
                .map(TssRepository::map).findOne();
    }

    /**
     * Takes the TSS's row lock for the rest of the database transaction and reads the row, in one
     * statement: {@code FOR UPDATE} on PostgreSQL; on SQLite the IMMEDIATE transaction already holds the
     * only write lock, so a plain read is as good as a lock.
     *
     * @param lockTimeout on PostgreSQL, how long this and every later lock wait of the transaction may
     *     last ({@code SET LOCAL lock_timeout}) before the database refuses with SQLSTATE 55P03
     */
    public Optional<Tss> lock(Handle h, String id, Duration lockTimeout) {
        Query lock = h.createQuery("SELECT " + COLUMNS + " FROM tss WHERE id = :id" + lockWaitLimit + lockClause)
                .bind("id", id);
        return limitLockWait(lock, lockTimeout).map(TssRepository::map).findOne();
    }

    /**
     * Like {@link #lock}, for several TSSs in one statement. The rows are locked in the order of their ids,
     * the same on every node, so that two groups of signing requests that need some of the same TSSs cannot
     * each hold a lock the other waits for.
     *
     * @param ids at least one
     * @return the rows found, by id
     */
    public Map<String, Tss> lockInIdOrder(Handle h, List<String> ids, Duration lockTimeout) {
        Query lock = InList.query(h, "SELECT " + COLUMNS + " FROM tss WHERE id IN (<ids>)" + lockWaitLimit
                + " ORDER BY id" + lockClause, "ids", ids);
        return limitLockWait(lock, lockTimeout).map(TssRepository::map).list().stream()
                .collect(Collectors.toMap(Tss::id, tss -> tss));
    }

    private Query limitLockWait(Query lock, Duration lockTimeout) {
        return lockWaitLimit.isEmpty() ? lock : lock.bind(LOCK_TIMEOUT, lockTimeout.toMillis() + "ms");
    }

    public List<Tss> list(String organizationId, Environment env, Set<TssState> states, String orderBy,
            boolean descending, int limit, long offset) {
        String stateFilter = states.isEmpty() ? "" : " AND state IN (" + states.stream()
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ")) + ")";
        String sortKey = orderBy.startsWith("time_") && !orderBy.equals("time_creation")
                ? "COALESCE(" + orderBy + ", 0)" : orderBy;
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tss WHERE organization_id = :org "
                        + "AND env = :env" + stateFilter + " ORDER BY " + sortKey + (descending ? " DESC" : " ASC")
                        + ", id ASC LIMIT :limit OFFSET :offset")
                .bind("org", organizationId).bind("env", env.name())
                .bind("limit", limit).bind("offset", offset)
                .map(TssRepository::map).list());
    }

    /** Non-disabled TSSs of an organization in one environment (§4.3 E_TSS_LIMIT_REACHED). */
    public int countInService(Handle h, String organizationId, Environment env) {
        return h.createQuery("SELECT COUNT(*) FROM tss WHERE organization_id = :org AND env = :env "
                        + "AND state IN ('CREATED', 'UNINITIALIZED', 'INITIALIZED')")
                .bind("org", organizationId).bind("env", env.name()).mapTo(Integer.class).one();
    }

    /** TSSs an organization created since {@code since}, in both environments (§4.3 E_TSS_LIMIT_PER_DAY_REACHED). */
    public int countCreatedSince(Handle h, String organizationId, long since) {
        return h.createQuery("SELECT COUNT(*) FROM tss WHERE organization_id = :org AND time_creation >= :since")
                .bind("org", organizationId).bind("since", since).mapTo(Integer.class).one();
    }

    /** Moves to {@code state} and sets its time column, if the state has one. */
    public void setState(Handle h, String id, TssState state, long now) {
        String timeColumn = switch (state) {
            case UNINITIALIZED -> ", time_uninit = :now";
            case INITIALIZED -> ", time_init = :now";
            case DISABLED -> ", time_disable = :now";
            case DEFECTIVE -> ", time_defective = :now";
            default -> "";
        };
        h.createUpdate("UPDATE tss SET state = :state" + timeColumn + " WHERE id = :id")
                .bind("id", id).bind("state", state.name()).bind("now", now).execute();
    }

    public void setDescription(Handle h, String id, String description) {
        h.createUpdate("UPDATE tss SET description = :description WHERE id = :id")
                .bind("id", id).bind("description", description).execute();
    }

    public void setMetadata(Handle h, String id, Map<String, String> metadata) {
        h.createUpdate("UPDATE tss SET metadata = :metadata WHERE id = :id")
                .bind("id", id).bind("metadata", Metadata.toJson(metadata)).execute();
    }

    /** A successful PUK use: the new PIN, and every PIN and PUK failure counter and lock reset (§5.2). */
    public void setPin(Handle h, String id, String pinHash) {
        h.createUpdate("UPDATE tss SET pin_hash = :pinHash, pin_failures = 0, puk_failures = 0, puk_lock_level = 0, "
                        + "puk_locked_until = NULL WHERE id = :id")
                .bind("id", id).bind("pinHash", pinHash).execute();
    }

    public void setPinFailures(Handle h, String id, int failures) {
        h.createUpdate("UPDATE tss SET pin_failures = :failures WHERE id = :id")
                .bind("id", id).bind("failures", failures).execute();
    }

    /** A wrong PUK: the new failure count, and the lock if this failure reached the limit. */
    public void setPukFailures(Handle h, String id, int failures, int lockLevel, OptionalLong lockedUntil) {
        h.createUpdate("UPDATE tss SET puk_failures = :failures, puk_lock_level = :level, "
                        + "puk_locked_until = :until WHERE id = :id")
                .bind("id", id).bind("failures", failures).bind("level", lockLevel)
                .bind("until", lockedUntil.isPresent() ? lockedUntil.getAsLong() : null)
                .execute();
    }

    public void addRegisteredClients(Handle h, String id, int delta) {
        h.createUpdate("UPDATE tss SET number_registered_clients = number_registered_clients + :delta WHERE id = :id")
                .bind("id", id).bind("delta", delta).execute();
    }

    static Tss map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Tss(
                rs.getString("id"),
                rs.getString("organization_id"),
                Environment.valueOf(rs.getString("env")),
                TssState.valueOf(rs.getString("state")),
                rs.getString("description"),
                rs.getBytes("public_key"),
                rs.getString("serial_number"),
                rs.getBytes("certificate"),
                rs.getBytes("key_handle"),
                rs.getLong("certificate_not_after"),
                rs.getLong("signature_counter"),
                rs.getLong("transaction_counter"),
                rs.getLong("last_log_time"),
                optionalLong(rs, "last_update_time_at"),
                rs.getInt("max_registered_clients"),
                rs.getInt("max_active_transactions"),
                rs.getInt("number_registered_clients"),
                rs.getInt("number_active_transactions"),
                rs.getString("puk_hash"),
                Optional.ofNullable(rs.getString("pin_hash")),
                rs.getInt("pin_failures"),
                rs.getInt("puk_failures"),
                rs.getInt("puk_lock_level"),
                optionalLong(rs, "puk_locked_until"),
                Metadata.fromJson(rs.getString("metadata")),
                rs.getLong("time_creation"),
                optionalLong(rs, "time_uninit"),
                optionalLong(rs, "time_init"),
                optionalLong(rs, "time_disable"),
                optionalLong(rs, "time_defective"));
    }

    static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
