package org.opentss.pos.fiscal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of table {@code fiscal_unit}. */
public final class FiscalUnitRepository {

    private static final String COLUMNS = "id, register_id, state, tss_id, tss_client_id, registered_at, reason, "
            + "replaces, replaced_by, provisioned_at, decommissioned_at, created_at";

    public Optional<FiscalUnit> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM fiscal_unit WHERE id = :id")
                .bind("id", id).map(FiscalUnitRepository::map).findOne();
    }

    /** The register's unit that is not decommissioned, if any (at most one, §13.1). */
    public Optional<FiscalUnit> current(Handle h, String registerId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM fiscal_unit WHERE register_id = :register "
                        + "AND state <> 'decommissioned'")
                .bind("register", registerId).map(FiscalUnitRepository::map).findOne();
    }

    /** The register's history, newest first, after the cursor's id. */
    public List<FiscalUnit> history(Handle h, String registerId, Optional<String> beforeId, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM fiscal_unit WHERE register_id = :register"
                        + beforeId.map(b -> " AND id < :before").orElse("") + " ORDER BY id DESC LIMIT :limit")
                .bind("register", registerId).bind("before", beforeId.orElse(null)).bind("limit", limit)
                .map(FiscalUnitRepository::map).list();
    }

    public void insert(Handle h, FiscalUnit unit) {
        h.createUpdate("INSERT INTO fiscal_unit (" + COLUMNS + ") VALUES (:id, :register, :state, :tss, :client, "
                        + ":registeredAt, :reason, :replaces, :replacedBy, :provisionedAt, :decommissionedAt, :createdAt)")
                .bindMap(bindings(unit)).execute();
    }

    public void update(Handle h, FiscalUnit unit) {
        h.createUpdate("UPDATE fiscal_unit SET state = :state, tss_id = :tss, tss_client_id = :client, "
                        + "registered_at = :registeredAt, reason = :reason, replaces = :replaces, "
                        + "replaced_by = :replacedBy, provisioned_at = :provisionedAt, "
                        + "decommissioned_at = :decommissionedAt WHERE id = :id")
                .bindMap(bindings(unit)).execute();
    }

    private static Map<String, Object> bindings(FiscalUnit unit) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", unit.id());
        values.put("register", unit.registerId());
        values.put("state", unit.state().wire());
        values.put("tss", unit.tssId().orElse(null));
        values.put("client", unit.tssClientId().orElse(null));
        values.put("registeredAt", boxed(unit.registeredAt()));
        values.put("reason", unit.reason().orElse(null));
        values.put("replaces", unit.replaces().orElse(null));
        values.put("replacedBy", unit.replacedBy().orElse(null));
        values.put("provisionedAt", boxed(unit.provisionedAt()));
        values.put("decommissionedAt", boxed(unit.decommissionedAt()));
        values.put("createdAt", unit.createdAt());
        return values;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    static FiscalUnit map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new FiscalUnit(rs.getString("id"), rs.getString("register_id"), FiscalUnitState.of(rs.getString("state")),
                Optional.ofNullable(rs.getString("tss_id")), Optional.ofNullable(rs.getString("tss_client_id")),
                optionalLong(rs, "registered_at"), Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getString("replaces")), Optional.ofNullable(rs.getString("replaced_by")),
                optionalLong(rs, "provisioned_at"), optionalLong(rs, "decommissioned_at"), rs.getLong("created_at"));
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
