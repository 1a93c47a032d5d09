package org.opentss.identity;

/** The claims OpenTSS puts into its JWTs (sign-de-v2.md §3.3). */
public record TokenClaims(
        String apiKeyId,
        String organizationId,
        Environment env,
        TokenUse use,
        String chainId,
        String tokenId,
        long issuedAt,
        long expiresAt) {

    public enum TokenUse { ACCESS, REFRESH }
}
