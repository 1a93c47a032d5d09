package org.opentss.pos;

import java.time.Clock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Jdbi;
import org.opentss.crypto.SecretHasher;
import org.opentss.http.PosError;
import org.opentss.http.PosIds;
import org.opentss.identity.Environment;
import org.opentss.store.Database;

/**
 * Turns the credential headers of a request into a {@link PosCaller} (pos-api.md §4). Every failure is the
 * same {@code 401 unauthorized}, whether the credential is malformed, unknown, revoked or sent in the wrong
 * header (§4.5). Keys are looked up by their keyed hash; nothing is cached, so a revoked or rotated key
 * fails from the next request on, on every node.
 */
public final class PosAuthenticator {

    /** {@code last_used_at} is written at most once per minute and key (§9.0). */
    private static final long LAST_USED_RESOLUTION_MILLIS = 60_000;

    private final Database database;
    private final Jdbi jdbi;
    private final SecretHasher hasher;
    private final PosDirectory directory;
    private final Clock clock;

    public PosAuthenticator(Database database, SecretHasher hasher, PosDirectory directory, Clock clock) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.hasher = hasher;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * @param authorization the {@code Authorization} header
     * @param registerKey the {@code X-Register-Api-Key} header
     * @param organizationHeader the {@code OpenFiskal-Organization} header
     */
    public PosCaller authenticate(Optional<String> authorization, Optional<String> registerKey,
            Optional<String> organizationHeader) {
        if (authorization.isPresent() && registerKey.isPresent()) {
            throw PosError.invalidRequest("X-Register-Api-Key",
                    "Send either Authorization or X-Register-Api-Key, not both.");
        }
        PosCaller caller;
        if (authorization.isPresent()) {
            caller = platform(authorization.get());
        } else if (registerKey.isPresent()) {
            caller = register(registerKey.get().trim());
        } else {
            throw PosError.unauthorized();
        }
        return organizationHeader.isEmpty() ? caller : withActingOrganization(caller, organizationHeader.get().trim());
    }

    private PosCaller platform(String authorization) {
        String key = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : "";
        Environment env = PosKeys.platformKeyEnv(key).orElseThrow(PosError::unauthorized);
        long now = clock.millis();
        record Found(PosCaller caller, Long lastUsed) {
        }
        Found found = jdbi.withHandle(h -> h.createQuery("SELECT id, organization_id, env, last_used_at, "
                        + "rate_limit_per_second FROM platform_api_key WHERE key_hash = :hash AND revoked_at IS NULL")
                .bind("hash", hasher.hash(key))
                .map((rs, ctx) -> {
                    String org = rs.getString("organization_id");
                    return new Found(new PosCaller(PosCaller.Kind.PLATFORM, rs.getString("id"), org, org,
                            Environment.valueOf(rs.getString("env")), Optional.empty(), rateLimit(rs)),
                            rs.getObject("last_used_at") == null ? null : rs.getLong("last_used_at"));
                })
                .findOne()).orElseThrow(PosError::unauthorized);
        PosCaller caller = found.caller();
        if (isDue(found.lastUsed(), now)) {
            database.inTransaction(h -> h.createUpdate("UPDATE platform_api_key SET last_used_at = :now WHERE id = :id")
                    .bind("now", now).bind("id", caller.credentialId()).execute());
        }
        if (caller.env() != env) {
            throw PosError.unauthorized();
        }
        return caller;
    }

    private PosCaller register(String key) {
        Environment env = PosKeys.registerKeyEnv(key).orElseThrow(PosError::unauthorized);
        long now = clock.millis();
        record Found(PosCaller caller, Long lastUsed) {
        }
        Found found = jdbi.withHandle(h -> h.createQuery("SELECT r.id, r.organization_id, r.env, k.last_used_at, "
                        + "r.rate_limit_per_second FROM register_api_key k JOIN pos_register r ON r.id = k.register_id "
                        + "WHERE k.key_hash = :hash AND r.state = 'active'")
                .bind("hash", hasher.hash(key))
                .map((rs, ctx) -> {
                    String org = rs.getString("organization_id");
                    return new Found(new PosCaller(PosCaller.Kind.REGISTER, rs.getString("id"), org, org,
                            Environment.valueOf(rs.getString("env")), Optional.of(rs.getString("id")), rateLimit(rs)),
                            rs.getObject("last_used_at") == null ? null : rs.getLong("last_used_at"));
                })
                .findOne())
                .filter(f -> f.caller().env() == env)
                .orElseThrow(PosError::unauthorized);
        if (isDue(found.lastUsed(), now)) {
            database.inTransaction(h -> h.createUpdate("UPDATE register_api_key SET last_used_at = :now "
                            + "WHERE register_id = :id")
                    .bind("now", now).bind("id", found.caller().credentialId()).execute());
        }
        return found.caller();
    }

    private static OptionalInt rateLimit(ResultSet rs) throws SQLException {
        int limit = rs.getInt("rate_limit_per_second");
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    private static boolean isDue(Long lastUsed, long now) {
        return lastUsed == null || now - lastUsed >= LAST_USED_RESOLUTION_MILLIS;
    }

    /** §4.2 and §4.3: the header must name an organization within the key's reach. */
    private PosCaller withActingOrganization(PosCaller caller, String posOrganizationId) {
        if (!PosIds.isWellFormed("org", posOrganizationId)) {
            throw PosError.invalidRequest("OpenFiskal-Organization",
                    "OpenFiskal-Organization must be an organization id (org_…).");
        }
        String acting = directory.reachable(caller.homeOrganization(), posOrganizationId, caller.env())
                .filter(org -> !caller.isRegister() || org.equals(caller.homeOrganization()))
                .orElseThrow(() -> PosError.forbidden("The organization in OpenFiskal-Organization is not within "
                        + "the reach of this credential."));
        return new PosCaller(caller.kind(), caller.credentialId(), caller.homeOrganization(), acting, caller.env(),
                caller.registerId(), caller.rateLimitPerSecond());
    }
}
