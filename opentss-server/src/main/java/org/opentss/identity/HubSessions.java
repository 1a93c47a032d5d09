package org.opentss.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.opentss.crypto.SecretHasher;
import org.opentss.store.Database;

/**
 * HUB sessions, kept in the database so that every node honours a sign-in and a sign-out. The browser
 * holds a random token; the table holds only its keyed hash.
 */
public final class HubSessions {

    private static final Base64.Encoder TOKEN_ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final Database database;
    private final Jdbi jdbi;
    private final SecretHasher hasher;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public HubSessions(Database database, SecretHasher hasher, Duration ttl, Clock clock) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.hasher = hasher;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Opens a session and returns the token for the cookie. Expired sessions are cleared on the way. */
    public String open(String userId, Optional<String> organizationId) {
        String token = randomToken();
        long now = clock.millis();
        database.inTransaction(h -> {
            h.createUpdate("DELETE FROM hub_session WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO hub_session (token_hash, user_id, organization_id, env, created_at, expires_at) "
                            + "VALUES (:hash, :user, :org, 'TEST', :now, :expires)")
                    .bind("hash", hasher.hash(token)).bind("user", userId).bind("org", organizationId.orElse(null))
                    .bind("now", now).bind("expires", now + ttl.toMillis()).execute();
            return null;
        });
        return token;
    }

    /** The live session behind a cookie value, if any. */
    public Optional<HubSession> find(String token) {
        String hash = hasher.hash(token);
        return jdbi.withHandle(h -> h.createQuery("SELECT token_hash, user_id, organization_id, env, expires_at "
                        + "FROM hub_session WHERE token_hash = :hash AND expires_at > :now")
                .bind("hash", hash).bind("now", clock.millis())
                .map((rs, ctx) -> new HubSession(rs.getString("token_hash"), rs.getString("user_id"),
                        Optional.ofNullable(rs.getString("organization_id")), Environment.valueOf(rs.getString("env")),
                        rs.getLong("expires_at")))
                .findOne());
    }

    /** Switches what the session shows: another organization the user may see, or the other environment. */
    public void show(HubSession session, String organizationId, Environment env) {
        database.inTransaction(h -> h.createUpdate("UPDATE hub_session SET organization_id = :org, env = :env "
                        + "WHERE token_hash = :hash")
                .bind("org", organizationId).bind("env", env.name()).bind("hash", session.tokenHash()).execute());
    }

    /** Ends every other session of the session's user, as after a password change. */
    public void closeOthers(HubSession kept) {
        database.inTransaction(h -> h.createUpdate("DELETE FROM hub_session WHERE user_id = :user AND token_hash <> :kept")
                .bind("user", kept.userId()).bind("kept", kept.tokenHash()).execute());
    }

    public void close(HubSession session) {
        database.inTransaction(h -> h.createUpdate("DELETE FROM hub_session WHERE token_hash = :hash")
                .bind("hash", session.tokenHash()).execute());
    }

    /** A keyed hash of the session token for the forms of this session: a page can hold it, a cookie-less site cannot. */
    public String csrfToken(String token) {
        return hasher.hash("hub-csrf:" + token);
    }

    public boolean csrfMatches(String token, String presented) {
        return presented != null && hasher.matches("hub-csrf:" + token, presented);
    }

    public String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN_ENCODING.encodeToString(bytes);
    }
}
