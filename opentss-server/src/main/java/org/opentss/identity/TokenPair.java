package org.opentss.identity;

/** What a successful {@code POST /auth} returns (sign-de-v2.md §3.2). */
public record TokenPair(
        String accessToken,
        Environment env,
        String organizationId,
        long accessTokenExpiresAt,
        String refreshToken,
        long refreshTokenExpiresAt,
        long issuedAt) {

    @Override
    public String toString() {
        return "TokenPair[***]";
    }
}
