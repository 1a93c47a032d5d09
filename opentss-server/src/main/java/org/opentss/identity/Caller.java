package org.opentss.identity;

/**
 * Who makes an authenticated request: the API key behind the access token, its organization and
 * environment, and the token's own id and expiry (admin sessions bind to the token and end with it).
 */
public record Caller(String apiKeyId, String organizationId, Environment env, String chainId, String tokenId,
        long tokenExpiresAt) {
}
