package org.opentss.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.opentss.crypto.SecretHasher;
import org.opentss.store.Database;

/**
 * API key login and refresh-token exchange (sign-de-v2.md §3). Every success issues a fresh token
 * pair; a refresh token works once, and presenting it again revokes its whole chain.
 */
public final class AuthService {

    /** Compared against when the key is unknown, so that timing does not tell known keys apart. */
    private static final String UNKNOWN_KEY_HASH = "0".repeat(64);

    private final Database database;
    private final ApiKeyRepository apiKeys;
    private final TokenChainRepository chains;
    private final JwtCodec jwt;
    private final SecretHasher hasher;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Clock clock;

    public AuthService(Database database, ApiKeyRepository apiKeys, TokenChainRepository chains, JwtCodec jwt,
            SecretHasher hasher, Duration accessTtl, Duration refreshTtl, Clock clock) {
        this.database = database;
        this.apiKeys = apiKeys;
        this.chains = chains;
        this.jwt = jwt;
        this.hasher = hasher;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    /** Logs in with key and secret; wrong secret, unknown or disabled key all fail alike. */
    public TokenPair login(String key, String secret) {
        Optional<ApiKey> found = apiKeys.findByKey(key);
        boolean secretMatches = hasher.matches(secret, found.map(ApiKey::secretHash).orElse(UNKNOWN_KEY_HASH));
        if (found.isEmpty()) {
            throw new AuthenticationFailed("unknown API key");
        }
        if (!secretMatches) {
            throw new AuthenticationFailed("wrong API secret");
        }
        ApiKey apiKey = found.get();
        if (!apiKey.isEnabled()) {
            throw new AuthenticationFailed("API key disabled");
        }
        long now = now();
        String chainId = UUID.randomUUID().toString();
        return database.inTransaction(h -> {
            chains.insertChain(h, chainId, apiKey.id(), now);
            return issue(h, apiKey.id(), apiKey.organizationId(), apiKey.env(), chainId, now);
        });
    }

    /** Exchanges a refresh token once for a new pair in the same chain. */
    public TokenPair refresh(String refreshToken) {
        JwtCodec.Checked checked = jwt.check(refreshToken, TokenClaims.TokenUse.REFRESH);
        TokenClaims claims = checked.claims().orElseThrow(
                () -> new AuthenticationFailed("refresh token " + checked.rejection().name().toLowerCase()));
        long now = now();
        Outcome outcome = database.inTransaction(h -> {
            var status = chains.status(h, claims.chainId());
            if (status.isEmpty() || !status.get().keyUsable()) {
                return new Outcome(null, "API key disabled or deleted");
            }
            if (status.get().chainRevoked()) {
                return new Outcome(null, "login chain revoked");
            }
            return switch (chains.consume(h, claims.tokenId(), claims.chainId(), now)) {
                case CONSUMED -> new Outcome(
                        issue(h, claims.apiKeyId(), claims.organizationId(), claims.env(), claims.chainId(), now), null);
                case ALREADY_USED -> {
                    chains.revoke(h, claims.chainId(), now);
                    yield new Outcome(null, "refresh token reused; login chain revoked");
                }
                case UNKNOWN -> new Outcome(null, "refresh token unknown");
            };
        });
        if (outcome.pair() == null) {
            throw new AuthenticationFailed(outcome.failure());
        }
        return outcome.pair();
    }

    private record Outcome(TokenPair pair, String failure) {
    }

    private TokenPair issue(Handle h, String apiKeyId, String orgId, Environment env, String chainId,
            long now) {
        long accessExpiresAt = now + accessTtl.toSeconds();
        long refreshExpiresAt = now + refreshTtl.toSeconds();
        String refreshId = UUID.randomUUID().toString();
        chains.insertRefreshToken(h, refreshId, chainId, refreshExpiresAt);
        String access = jwt.sign(new TokenClaims(apiKeyId, orgId, env, TokenClaims.TokenUse.ACCESS, chainId,
                UUID.randomUUID().toString(), now, accessExpiresAt));
        String refresh = jwt.sign(new TokenClaims(apiKeyId, orgId, env, TokenClaims.TokenUse.REFRESH, chainId,
                refreshId, now, refreshExpiresAt));
        return new TokenPair(access, env, orgId, accessExpiresAt, refresh, refreshExpiresAt, now);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
