package org.opentss.pos.sale;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.opentss.http.Json;
import org.opentss.identity.Environment;

/** Rows of table {@code pos_operation}. */
final class OperationRepository {

    private static final String COLUMNS = "id, organization_id, env, register_id, sequence_number, type, state, "
            + "fiscal_state, client_operation_id, fiscal_unit_id, tss_id, tss_tx_id, resource_version, start_payload, "
            + "end_payload, envelope, created_at, updated_at";

    /** The filters of {@code GET /v1/registers/{register_id}/operations} (§15.6.6); times in Unix millis. */
    record Filter(Optional<String> state, Optional<String> type, Optional<String> fiscalState, OptionalLong from,
            OptionalLong to, boolean ascending) {
    }

    void insert(Handle h, Operation op) {
        h.createUpdate("INSERT INTO pos_operation (" + COLUMNS + ") VALUES (:id, :org, :env, :register, :sequence, "
                        + ":type, :state, :fiscalState, :clientId, :fiscalUnit, :tss, :tx, :version, :startPayload, "
                        + ":endPayload, :envelope, :createdAt, :updatedAt)")
                .bind("id", op.id()).bind("org", op.organizationId()).bind("env", op.env().name())
                .bind("register", op.registerId()).bind("sequence", op.sequenceNumber()).bind("type", op.type())
                .bind("state", op.state().wire()).bind("fiscalState", op.fiscalState().wire())
                .bind("clientId", op.clientOperationId().orElse(null)).bind("fiscalUnit", op.fiscalUnitId())
                .bind("tss", op.tssId()).bind("tx", op.tssTxId()).bind("version", op.resourceVersion())
                .bind("startPayload", op.startPayload()).bind("endPayload", op.endPayload().orElse(null))
                .bind("envelope", Json.writeString(op.envelope())).bind("createdAt", op.createdAt())
                .bind("updatedAt", op.updatedAt())
                .execute();
    }

    /** Writes what the transitions of {@link Operation} change. */
    void update(Handle h, Operation op) {
        h.createUpdate("UPDATE pos_operation SET state = :state, fiscal_state = :fiscalState, "
                        + "resource_version = :version, end_payload = :endPayload, envelope = :envelope, "
                        + "updated_at = :updatedAt WHERE id = :id")
                .bind("id", op.id()).bind("state", op.state().wire()).bind("fiscalState", op.fiscalState().wire())
                .bind("version", op.resourceVersion()).bind("endPayload", op.endPayload().orElse(null))
                .bind("envelope", Json.writeString(op.envelope())).bind("updatedAt", op.updatedAt())
                .execute();
    }

    /** A TSE step of an open operation failed: nothing was signed, the request still counts as a change (§6). */
    void recordFailedStep(Handle h, String id, long now) {
        h.createUpdate("UPDATE pos_operation SET fiscal_state = 'failed', resource_version = resource_version + 1, "
                        + "updated_at = :now WHERE id = :id AND state = 'open'")
                .bind("id", id).bind("now", now).execute();
    }

    Optional<Operation> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pos_operation WHERE id = :id")
                .bind("id", id).map(OperationRepository::map).findOne();
    }

    /** The operation with this client operation id in an organization (unique there, §3.3). */
    Optional<Operation> findByClientId(Handle h, String organizationId, Environment env, String clientOperationId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pos_operation WHERE organization_id = :org AND env = :env "
                        + "AND client_operation_id = :clientId")
                .bind("org", organizationId).bind("env", env.name()).bind("clientId", clientOperationId)
                .map(OperationRepository::map).findOne();
    }

    /** Operations of any organization with this client operation id; the caller decides which it may see. */
    List<Operation> findAllByClientId(Handle h, Environment env, String clientOperationId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pos_operation WHERE client_operation_id = :clientId "
                        + "AND env = :env ORDER BY id")
                .bind("env", env.name()).bind("clientId", clientOperationId)
                .map(OperationRepository::map).list();
    }

    long countOpen(Handle h, String registerId) {
        return h.createQuery("SELECT COUNT(*) FROM pos_operation WHERE register_id = :register AND state = 'open'")
                .bind("register", registerId).mapTo(Long.class).one();
    }

    /** The open operations a fiscal unit started. */
    List<Operation> openOfFiscalUnit(Handle h, String fiscalUnitId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pos_operation WHERE fiscal_unit_id = :unit "
                        + "AND state = 'open' ORDER BY sequence_number")
                .bind("unit", fiscalUnitId).map(OperationRepository::map).list();
    }

    /** A page of a register's operations by sequence number, after the cursor's sequence number. */
    List<Operation> list(Handle h, String registerId, Filter filter, OptionalLong afterSequence, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM pos_operation WHERE register_id = :register");
        filter.state().ifPresent(s -> sql.append(" AND state = :state"));
        filter.type().ifPresent(t -> sql.append(" AND type = :type"));
        filter.fiscalState().ifPresent(f -> sql.append(" AND fiscal_state = :fiscalState"));
        filter.from().ifPresent(f -> sql.append(" AND created_at >= :from"));
        filter.to().ifPresent(t -> sql.append(" AND created_at < :to"));
        afterSequence.ifPresent(a -> sql.append(filter.ascending() ? " AND sequence_number > :after"
                : " AND sequence_number < :after"));
        sql.append(" ORDER BY sequence_number ").append(filter.ascending() ? "ASC" : "DESC").append(" LIMIT :limit");
        Query query = h.createQuery(sql.toString()).bind("register", registerId).bind("limit", limit);
        filter.state().ifPresent(s -> query.bind("state", s));
        filter.type().ifPresent(t -> query.bind("type", t));
        filter.fiscalState().ifPresent(f -> query.bind("fiscalState", f));
        filter.from().ifPresent(f -> query.bind("from", f));
        filter.to().ifPresent(t -> query.bind("to", t));
        afterSequence.ifPresent(a -> query.bind("after", a));
        return query.map(OperationRepository::map).list();
    }

    private static Operation map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Operation(rs.getString("id"), rs.getString("organization_id"), Environment.valueOf(rs.getString("env")),
                rs.getString("register_id"), rs.getLong("sequence_number"), rs.getString("type"),
                Operation.State.of(rs.getString("state")), Operation.FiscalState.of(rs.getString("fiscal_state")),
                Optional.ofNullable(rs.getString("client_operation_id")), rs.getString("fiscal_unit_id"),
                rs.getString("tss_id"), rs.getString("tss_tx_id"), rs.getLong("resource_version"),
                rs.getString("start_payload"), Optional.ofNullable(rs.getString("end_payload")),
                Json.parseStoredObject(rs.getString("envelope")), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
