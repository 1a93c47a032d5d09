package org.opentss.pos.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.opentss.crypto.SecretHasher;
import org.opentss.http.PosError;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.PosKeys;
import org.opentss.store.Database;

/**
 * One-time setup tokens (pos-api.md §4.4): the operator creates one for an organization and hands it to
 * the integrator, who exchanges it once for the organization's first platform API key. Only the keyed hash
 * of a token is stored; it is valid for 7 days and one successful exchange.
 */
public final class SetupTokens {

    private static final Duration VALIDITY = Duration.ofDays(7);

    private final Database database;
    private final SecretHasher hasher;
    private final PosDirectory directory;
    private final PosKeys keys;
    private final Clock clock;

    /** A token as created: the secret, shown once, and whom it is for. */
    public record Issued(String token, String organizationId, String posOrganizationId, long expiresAtMillis) {
    }

    public SetupTokens(Database database, SecretHasher hasher, PosDirectory directory, PosKeys keys, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.directory = directory;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Creates a token for an existing organization and gives the organization its {@code org_} id, which the
     * key it becomes names as its home (§9.0).
     */
    public Issued create(String organizationId) {
        String token = keys.newSetupToken();
        long now = clock.millis();
        long expiresAt = now + VALIDITY.toMillis();
        String posId = database.inTransaction(h -> {
            h.createUpdate("INSERT INTO setup_token (token_hash, organization_id, created_at, expires_at) "
                            + "VALUES (:hash, :org, :now, :expiresAt)")
                    .bind("hash", hasher.hash(token)).bind("org", organizationId).bind("now", now)
                    .bind("expiresAt", expiresAt).execute();
            return directory.ensurePosId(h, organizationId);
        });
        return new Issued(token, organizationId, posId, expiresAt);
    }

    /**
     * The organization a token was created for, whether or not it is still usable: a replayed exchange
     * (§5.2) names a token that its first exchange used up. Empty for anything that is not a token.
     */
    Optional<String> organizationOf(String token) {
        if (!PosKeys.isSetupToken(token)) {
            return Optional.empty();
        }
        return database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT organization_id FROM setup_token WHERE token_hash = :hash")
                .bind("hash", hasher.hash(token)).mapTo(String.class).findOne());
    }

    /**
     * Marks the token used inside the caller's transaction, so that of two concurrent exchanges exactly one
     * gets past this point (the other waits for the row and then finds it used).
     *
     * @throws PosError 401 if the token is unknown, used or expired
     */
    void consume(Handle h, String token) {
        long now = clock.millis();
        int consumed = h.createUpdate("UPDATE setup_token SET used_at = :now "
                        + "WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now")
                .bind("now", now).bind("hash", hasher.hash(token)).execute();
        if (consumed != 1) {
            throw PosError.unauthorized();
        }
    }
}
