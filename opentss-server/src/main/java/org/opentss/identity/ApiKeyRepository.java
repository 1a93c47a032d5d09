package org.opentss.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.opentss.http.Metadata;
import org.opentss.store.Database;

/** Stores API keys. Deleted keys stay as rows (their tokens must be refused) but are never found. */
public final class ApiKeyRepository {

    private static final String COLUMNS = "id, organization_id, env, api_key, secret_hash, name, status, metadata, "
            + "created_by_api_key_id, managed_by_organization_id, created_at";

    private final Jdbi jdbi;

    public ApiKeyRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    public void insert(ApiKey key) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_key (" + COLUMNS + ") VALUES (:id, :organizationId, :env, "
                        + ":key, :secretHash, :name, :status, :metadata, :createdBy, :managedBy, :createdAt)")
                .bind("id", key.id())
                .bind("organizationId", key.organizationId())
                .bind("env", key.env().name())
                .bind("key", key.key())
                .bind("secretHash", key.secretHash())
                .bind("name", key.name())
                .bind("status", key.status().wireName())
                .bind("metadata", Metadata.toJson(key.metadata()))
                .bind("createdBy", key.createdBy().orElse(null))
                .bind("managedBy", key.managedBy().orElse(""))
                .bind("createdAt", key.createdAt())
                .execute());
    }

    /** Name, status and metadata are the only changeable fields (§12.4). */
    public void update(ApiKey key) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_key SET name = :name, status = :status, metadata = :metadata "
                        + "WHERE id = :id AND deleted_at IS NULL")
                .bind("id", key.id())
                .bind("name", key.name())
                .bind("status", key.status().wireName())
                .bind("metadata", Metadata.toJson(key.metadata()))
                .execute());
    }

    public void markDeleted(String id, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_key SET deleted_at = :now WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).bind("now", now).execute());
    }

    public Optional<ApiKey> findByKey(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_key WHERE api_key = :key "
                        + "AND deleted_at IS NULL")
                .bind("key", key).map(ApiKeyRepository::map).findOne());
    }

    public Optional<ApiKey> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_key WHERE id = :id "
                        + "AND deleted_at IS NULL")
                .bind("id", id).map(ApiKeyRepository::map).findOne());
    }

    /** Keys of one organization by creation time, optionally only those with the given status. */
    public List<ApiKey> list(String organizationId, Optional<ApiKey.Status> status, int limit, long offset) {
        String statusFilter = status.isPresent() ? "AND status = :status " : "";
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_key WHERE organization_id = :org "
                        + "AND deleted_at IS NULL " + statusFilter + "ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("org", organizationId)
                .bind("status", status.map(ApiKey.Status::wireName).orElse(""))
                .bind("limit", limit).bind("offset", offset)
                .map(ApiKeyRepository::map).list());
    }

    static ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
        String managedBy = rs.getString("managed_by_organization_id");
        return new ApiKey(
                rs.getString("id"),
                rs.getString("organization_id"),
                Environment.valueOf(rs.getString("env")),
                rs.getString("api_key"),
                rs.getString("secret_hash"),
                rs.getString("name"),
                ApiKey.Status.ofWireName(rs.getString("status")),
                Metadata.fromJson(rs.getString("metadata")),
                Optional.ofNullable(rs.getString("created_by_api_key_id")),
                managedBy == null || managedBy.isEmpty() ? Optional.empty() : Optional.of(managedBy),
                rs.getLong("created_at"));
    }
}
