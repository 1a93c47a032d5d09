package org.opentss.pos.register;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.opentss.http.Metadata;
import org.opentss.identity.Environment;

/** Rows of table {@code pos_register}. */
public final class RegisterRepository {

    private static final String COLUMNS = "id, organization_id, env, location_id, label, serial_number, jurisdiction, "
            + "state, metadata, created_at, updated_at, archived_at";

    public Optional<Register> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pos_register WHERE id = :id")
                .bind("id", id).map(RegisterRepository::map).findOne();
    }

    /** Locks the register's row for the rest of the transaction (on SQLite the writer lock already does). */
    public Optional<Register> lock(Handle h, String id, boolean postgres) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pos_register WHERE id = :id" + (postgres ? " FOR UPDATE" : ""))
                .bind("id", id).map(RegisterRepository::map).findOne();
    }

    public void insert(Handle h, Register register) {
        h.createUpdate("INSERT INTO pos_register (" + COLUMNS + ", last_sequence_number) VALUES (:id, :org, :env, "
                        + ":location, :label, :serial, :jurisdiction, 'active', :metadata, :created, :created, NULL, 0)")
                .bind("id", register.id()).bind("org", register.organizationId()).bind("env", register.env().name())
                .bind("location", register.locationId()).bind("label", register.label())
                .bind("serial", register.serialNumber()).bind("jurisdiction", register.jurisdiction())
                .bind("metadata", Metadata.toJson(register.metadata())).bind("created", register.createdAt())
                .execute();
    }

    public void update(Handle h, Register register) {
        h.createUpdate("UPDATE pos_register SET label = :label, metadata = :metadata, state = :state, "
                        + "updated_at = :updated, archived_at = :archived WHERE id = :id")
                .bind("id", register.id()).bind("label", register.label())
                .bind("metadata", Metadata.toJson(register.metadata()))
                .bind("state", register.archived() ? "archived" : "active").bind("updated", register.updatedAt())
                .bind("archived", register.archivedAt().isPresent() ? register.archivedAt().getAsLong() : null)
                .execute();
    }

    /** The next {@code sequence_number} of the register (§15.1): no gaps, never reused. */
    public long nextSequenceNumber(Handle h, String registerId) {
        return h.createQuery("UPDATE pos_register SET last_sequence_number = last_sequence_number + 1 "
                        + "WHERE id = :id RETURNING last_sequence_number")
                .bind("id", registerId).mapTo(Long.class).one();
    }

    /** Registers of a location, newest first, after the cursor's id; optionally of one state. */
    public List<Register> listOfLocation(Handle h, String locationId, Optional<String> state, Optional<String> beforeId,
            int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pos_register WHERE location_id = :location"
                        + state.map(s -> " AND state = :state").orElse("")
                        + beforeId.map(b -> " AND id < :before").orElse("") + " ORDER BY id DESC LIMIT :limit")
                .bind("location", locationId).bind("state", state.orElse(null)).bind("before", beforeId.orElse(null))
                .bind("limit", limit).map(RegisterRepository::map).list();
    }

    /** Registers of an organization in one environment, newest first, after the cursor's id (the HUB's list). */
    public List<Register> listOfOrganization(Handle h, String organizationId, Environment env,
            Optional<String> beforeId, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pos_register WHERE organization_id = :org AND env = :env"
                        + beforeId.map(b -> " AND id < :before").orElse("") + " ORDER BY id DESC LIMIT :limit")
                .bind("org", organizationId).bind("env", env.name()).bind("before", beforeId.orElse(null))
                .bind("limit", limit).map(RegisterRepository::map).list();
    }

    /** The active registers of a location, oldest first, after the cursor's id (§17.3). */
    public List<Register> activeOfLocationOldestFirst(Handle h, String locationId, Optional<String> afterId, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pos_register WHERE location_id = :location "
                        + "AND state = 'active'" + afterId.map(a -> " AND id > :after").orElse("")
                        + " ORDER BY id LIMIT :limit")
                .bind("location", locationId).bind("after", afterId.orElse(null)).bind("limit", limit)
                .map(RegisterRepository::map).list();
    }

    static Register map(ResultSet rs, StatementContext ctx) throws SQLException {
        long archivedAt = rs.getLong("archived_at");
        // wasNull speaks of the column read last: ask before the constructor's arguments read others
        OptionalLong archived = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(archivedAt);
        return new Register(rs.getString("id"), rs.getString("organization_id"), Environment.valueOf(rs.getString("env")),
                rs.getString("location_id"), rs.getString("label"), rs.getString("serial_number"),
                rs.getString("jurisdiction"), rs.getString("state").equals("archived"),
                Metadata.fromJson(rs.getString("metadata")), rs.getLong("created_at"), rs.getLong("updated_at"),
                archived);
    }
}
