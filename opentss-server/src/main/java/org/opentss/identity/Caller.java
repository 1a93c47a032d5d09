package org.opentss.identity;

/**
 * Who makes an authenticated request: the API key behind the access token, its organization and
 * environment, and the token's own id and expiry (admin sessions bind to the token and end with it).
 */
public record Caller(String apiKeyId, String organizationId, Environment env, String chainId, String tokenId,
        long tokenExpiresAt) {

    /**
     * OpenTSS itself acting in the TSS layer for an organization (the POS API provisioning TSSs and signing
     * sales). {@code sessionId} names the admin session one provisioning step opens and closes.
     */
    public static Caller internal(String organizationId, Environment env, String sessionId, long expiresAt) {
        return new Caller("opentss-internal", organizationId, env, sessionId, sessionId, expiresAt);
    }
}
