package org.opentss.tss;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.opentss.http.Metadata;
import org.opentss.identity.Environment;
import org.opentss.store.Database;
import org.opentss.store.InList;

/** Stores clients. Client ids are unique in the whole instance, serial numbers within their TSS. */
public final class ClientRepository {

    private static final String COLUMNS = "c.id, c.tss_id, c.serial_number, c.state, c.create_metadata, c.metadata, "
            + "c.time_creation, c.time_update";

    private final Jdbi jdbi;

    public ClientRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    public void insert(Handle h, Client client) {
        h.createUpdate("INSERT INTO client (id, tss_id, serial_number, state, create_metadata, metadata, time_creation, "
                        + "time_update) VALUES (:id, :tss, :serial, :state, :createMetadata, :metadata, :created, :created)")
                .bind("id", client.id())
                .bind("tss", client.tssId())
                .bind("serial", client.serialNumber())
                .bind("state", client.state().name())
                .bind("createMetadata", Metadata.toJson(client.createMetadata()))
                .bind("metadata", Metadata.toJson(client.metadata()))
                .bind("created", client.timeCreation())
                .execute();
    }

    public Optional<Client> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM client c WHERE c.id = :id").bind("id", id)
                .map(ClientRepository::map).findOne();
    }

    /** Those of the clients {@code ids} that exist, in one statement. */
    public List<Client> findAll(Handle h, List<String> ids) {
        return InList.query(h, "SELECT " + COLUMNS + " FROM client c WHERE c.id IN (<ids>)", "ids", ids)
                .map(ClientRepository::map).list();
    }

    public Optional<Client> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    public boolean serialInUse(Handle h, String tssId, String serialNumber) {
        return h.createQuery("SELECT 1 FROM client WHERE tss_id = :tss AND serial_number = :serial")
                .bind("tss", tssId).bind("serial", serialNumber).mapTo(Integer.class).findOne().isPresent();
    }

    public void update(Handle h, String id, Client.ClientState state, Map<String, String> metadata, long now) {
        h.createUpdate("UPDATE client SET state = :state, metadata = :metadata, time_update = :now WHERE id = :id")
                .bind("id", id).bind("state", state.name()).bind("metadata", Metadata.toJson(metadata))
                .bind("now", now).execute();
    }

    /**
     * Clients of one TSS ({@code tssId} given) or of all TSSs of an organization and environment,
     * with the filters of §7.5.
     */
    public List<Client> list(String organizationId, Environment env, Optional<String> tssId,
            Optional<String> serialNumber, Optional<Client.ClientState> state, String orderBy, boolean descending,
            int limit, long offset) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM client c JOIN tss t ON t.id = c.tss_id "
                + "WHERE t.organization_id = :org AND t.env = :env");
        tssId.ifPresent(id -> sql.append(" AND c.tss_id = :tss"));
        serialNumber.ifPresent(s -> sql.append(" AND c.serial_number = :serial"));
        state.ifPresent(s -> sql.append(" AND c.state = :state"));
        sql.append(" ORDER BY c.").append(orderBy).append(descending ? " DESC" : " ASC")
                .append(", c.id ASC LIMIT :limit OFFSET :offset");
        return jdbi.withHandle(h -> h.createQuery(sql.toString())
                .bind("org", organizationId).bind("env", env.name())
                .bind("tss", tssId.orElse("")).bind("serial", serialNumber.orElse(""))
                .bind("state", state.map(Enum::name).orElse(""))
                .bind("limit", limit).bind("offset", offset)
                .map(ClientRepository::map).list());
    }

    static Client map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Client(
                rs.getString("id"),
                rs.getString("tss_id"),
                rs.getString("serial_number"),
                Client.ClientState.valueOf(rs.getString("state")),
                Metadata.fromJson(rs.getString("create_metadata")),
                Metadata.fromJson(rs.getString("metadata")),
                rs.getLong("time_creation"),
                rs.getLong("time_update"));
    }
}
