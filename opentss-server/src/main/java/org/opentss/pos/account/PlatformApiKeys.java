package org.opentss.pos.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;
import org.opentss.crypto.SecretHasher;
import org.opentss.http.PosIds;
import org.opentss.identity.Environment;
import org.opentss.pos.PosKeys;
import org.opentss.pos.PosPage;
import org.opentss.store.Database;

/** Stores platform API keys (table platform_api_key): created with a fresh secret, listed, revoked. */
public final class PlatformApiKeys {

    private static final String COLUMNS = "id, organization_id, env, label, description, masked_key, created_at, "
            + "last_used_at, revoked_at";

    private final Database database;
    private final Jdbi jdbi;
    private final SecretHasher hasher;
    private final PosKeys keys;
    private final PosIds ids;
    private final Clock clock;

    /** A key just created, with its secret: the only moment the secret exists outside the caller. */
    record Created(PlatformApiKey key, String secret) {
    }

    public PlatformApiKeys(Database database, SecretHasher hasher, PosKeys keys, PosIds ids, Clock clock) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.hasher = hasher;
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
    }

    /** Creates a key in the caller's transaction; only its keyed hash is stored (§4.5). */
    Created create(Handle h, String organizationId, Environment env, String label, Optional<String> description) {
        String secret = keys.newPlatformKey(env);
        PlatformApiKey key = new PlatformApiKey(ids.next("key"), organizationId, env, label, description,
                PosKeys.masked(secret), clock.millis(), Optional.empty(), Optional.empty());
        h.createUpdate("INSERT INTO platform_api_key (id, organization_id, env, key_hash, masked_key, label, "
                        + "description, created_at) VALUES (:id, :org, :env, :hash, :masked, :label, :description, "
                        + ":createdAt)")
                .bind("id", key.id()).bind("org", organizationId).bind("env", env.name())
                .bind("hash", hasher.hash(secret)).bind("masked", key.maskedKey()).bind("label", label)
                .bind("description", description.orElse(null)).bind("createdAt", key.createdAt())
                .execute();
        return new Created(key, secret);
    }

    Created create(String organizationId, Environment env, String label, Optional<String> description) {
        return database.inTransaction(h -> create(h, organizationId, env, label, description));
    }

    /**
     * The active keys of an organization for one page, newest first.
     *
     * @param env only keys of this environment; empty for both
     */
    List<PlatformApiKey> listActive(String organizationId, Optional<Environment> env, PosPage page) {
        return jdbi.withHandle(h -> {
            Query query = h.createQuery("SELECT " + COLUMNS + " FROM platform_api_key "
                            + "WHERE organization_id = :org AND revoked_at IS NULL"
                            + (env.isPresent() ? " AND env = :env" : "")
                            + (page.after().isPresent() ? " AND id < :after" : "")
                            + " ORDER BY id DESC LIMIT :limit")
                    .bind("org", organizationId)
                    .bind("limit", page.fetchSize());
            env.ifPresent(e -> query.bind("env", e.name()));
            page.after().ifPresent(after -> query.bind("after", after));
            return query.map(PlatformApiKeys::map).list();
        });
    }

    /**
     * Revokes an active key of the organization, if it is one of {@code env} (or of any environment when
     * empty), and returns it as revoked.
     */
    Optional<PlatformApiKey> revoke(String organizationId, Optional<Environment> env, String keyId) {
        long now = clock.millis();
        return database.inTransaction(h -> {
            Update update = h.createUpdate("UPDATE platform_api_key SET revoked_at = :now "
                            + "WHERE id = :id AND organization_id = :org AND revoked_at IS NULL"
                            + (env.isPresent() ? " AND env = :env" : ""))
                    .bind("now", now).bind("id", keyId).bind("org", organizationId);
            env.ifPresent(e -> update.bind("env", e.name()));
            int revoked = update.execute();
            if (revoked == 0) {
                return Optional.empty();
            }
            return h.createQuery("SELECT " + COLUMNS + " FROM platform_api_key WHERE id = :id")
                    .bind("id", keyId).map(PlatformApiKeys::map).findOne();
        });
    }

    private static PlatformApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PlatformApiKey(rs.getString("id"), rs.getString("organization_id"),
                Environment.valueOf(rs.getString("env")), rs.getString("label"),
                Optional.ofNullable(rs.getString("description")), rs.getString("masked_key"),
                rs.getLong("created_at"), optionalLong(rs, "last_used_at"), optionalLong(rs, "revoked_at"));
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
