package org.opentss.identity;

/**
 * Who makes an authenticated request: the API key behind the access token, its organization and
 * environment, and the token's own id (admin sessions bind to it).
 */
public record Caller(String apiKeyId, String organizationId, Environment env, String chainId, String tokenId) {
}
