package org.opentss.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opentss.http.ApiError;

/**
 * Turns an {@code Authorization: Bearer …} header into a {@link Caller} (sign-de-v2.md §3.5). Whether
 * the token's chain is revoked or its API key disabled or deleted is read from the database and
 * trusted for at most the configured cache time (≤ 60 s), so a withdrawn key stops within a minute
 * on every node without a database read per request.
 *
 * <p>A token's ES256 signature is verified once, then the token is remembered until it expires: checking
 * the signature costs several times the signature of a log message, and a POS client sends the same
 * token with every request. Only the exact token string that verified is remembered, so a hit proves
 * what the check proved; expiry and the revocation status are still checked on every request.
 */
public final class BearerAuthenticator {

    private record CachedStatus(TokenChainRepository.ChainStatus status, long fetchedAtMillis) {
    }

    private final JwtCodec jwt;
    private final TokenChainRepository chains;
    private final long cacheMillis;
    private final Clock clock;
    private final Map<String, CachedStatus> statusCache = new ConcurrentHashMap<>();
    /** Verified access tokens by their exact text; bounded, since every POS client brings its own. */
    private final Map<String, TokenClaims> verified = new ConcurrentHashMap<>();

    /** About 10 MB of tokens; more live tokens than this per node cost a signature check now and then. */
    private static final int MAX_VERIFIED_TOKENS = 10_000;

    public BearerAuthenticator(JwtCodec jwt, TokenChainRepository chains, Duration cacheTtl, Clock clock) {
        this.jwt = jwt;
        this.chains = chains;
        this.cacheMillis = cacheTtl.toMillis();
        this.clock = clock;
    }

    public Caller authenticate(Optional<String> authorizationHeader) {
        TokenClaims claims = verifiedClaims(bearerToken(authorizationHeader));
        if (!chainUsable(claims.chainId())) {
            throw ApiError.unauthorized("access token revoked");
        }
        return new Caller(claims.apiKeyId(), claims.organizationId(), claims.env(), claims.chainId(), claims.tokenId(),
                claims.expiresAt());
    }

    private TokenClaims verifiedClaims(String token) {
        TokenClaims known = verified.get(token);
        if (known != null) {
            if (clock.instant().getEpochSecond() < known.expiresAt()) {
                return known;
            }
            verified.remove(token);
            throw ApiError.unauthorized("access token expired");
        }
        JwtCodec.Checked checked = jwt.check(token, TokenClaims.TokenUse.ACCESS);
        if (checked.claims().isEmpty()) {
            throw ApiError.unauthorized(checked.rejection() == JwtCodec.Rejection.EXPIRED
                    ? "access token expired" : "invalid access token");
        }
        if (verified.size() >= MAX_VERIFIED_TOKENS) {
            long now = clock.instant().getEpochSecond();
            verified.values().removeIf(c -> now >= c.expiresAt());
            if (verified.size() >= MAX_VERIFIED_TOKENS) {
                verified.clear();
            }
        }
        verified.put(token, checked.claims().get());
        return checked.claims().get();
    }

    /** Forgets cached statuses, so that a change made through this node applies here at once. */
    public void forgetCachedStatuses() {
        statusCache.clear();
    }

    private boolean chainUsable(String chainId) {
        long now = clock.millis();
        CachedStatus cached = statusCache.get(chainId);
        if (cached == null || now - cached.fetchedAtMillis() >= cacheMillis) {
            var status = chains.status(chainId).orElse(new TokenChainRepository.ChainStatus(true, false));
            cached = new CachedStatus(status, now);
            if (cacheMillis > 0) {
                evictStale(now);
                statusCache.put(chainId, cached);
            }
        }
        return cached.status().usable();
    }

    private void evictStale(long now) {
        if (statusCache.size() > 10_000) {
            statusCache.values().removeIf(c -> now - c.fetchedAtMillis() >= cacheMillis);
        }
    }

    private static String bearerToken(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            throw ApiError.unauthorized("missing access token");
        }
        String value = header.get().trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            throw ApiError.unauthorized("invalid access token");
        }
        String token = value.substring(space + 1).trim();
        if (token.isEmpty()) {
            throw ApiError.unauthorized("missing access token");
        }
        return token;
    }
}
