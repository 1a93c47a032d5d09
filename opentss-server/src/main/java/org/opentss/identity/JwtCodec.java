package org.opentss.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

/**
 * Signs and checks OpenTSS's ES256 JWTs. A token that fails any check is reported by the reason a
 * caller is told (§2.4), never by an exception message that could leak details.
 */
public final class JwtCodec {

    /** Why a token was refused. */
    public enum Rejection { INVALID, EXPIRED }

    /** The outcome of a check: the claims, or the reason for refusal. */
    public record Checked(Optional<TokenClaims> claims, Rejection rejection) {
        static Checked ok(TokenClaims claims) {
            return new Checked(Optional.of(claims), null);
        }

        static Checked refused(Rejection rejection) {
            return new Checked(Optional.empty(), rejection);
        }
    }

    private final TokenSigningKeys keys;
    private final String issuer;
    private final Clock clock;

    public JwtCodec(TokenSigningKeys keys, String issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    public String sign(TokenClaims claims) {
        TokenSigningKeys.SigningKey key = keys.current();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(JOSEObjectType.JWT).build();
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(claims.apiKeyId())
                .claim("org", claims.organizationId())
                .claim("env", claims.env().name())
                .claim("token_use", claims.use().name().toLowerCase(Locale.ROOT))
                .claim("chain", claims.chainId())
                .jwtID(claims.tokenId())
                .issueTime(new Date(claims.issuedAt() * 1000))
                .expirationTime(new Date(claims.expiresAt() * 1000))
                .build();
        SignedJWT jwt = new SignedJWT(header, set);
        try {
            jwt.sign(new ECDSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
        return jwt.serialize();
    }

    /** Checks signature, issuer, expected use and expiry. */
    public Checked check(String token, TokenClaims.TokenUse expectedUse) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
                return Checked.refused(Rejection.INVALID);
            }
            Optional<ECPublicKey> publicKey = keys.publicKey(jwt.getHeader().getKeyID());
            if (publicKey.isEmpty() || !jwt.verify(new ECDSAVerifier(publicKey.get()))) {
                return Checked.refused(Rejection.INVALID);
            }
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            String use = set.getStringClaim("token_use");
            String env = set.getStringClaim("env");
            if (!issuer.equals(set.getIssuer()) || !expectedUse.name().toLowerCase(Locale.ROOT).equals(use)
                    || set.getExpirationTime() == null || set.getIssueTime() == null || set.getSubject() == null
                    || set.getJWTID() == null || set.getStringClaim("org") == null
                    || set.getStringClaim("chain") == null || env == null) {
                return Checked.refused(Rejection.INVALID);
            }
            long expiresAt = set.getExpirationTime().getTime() / 1000;
            if (clock.instant().getEpochSecond() >= expiresAt) {
                return Checked.refused(Rejection.EXPIRED);
            }
            return Checked.ok(new TokenClaims(set.getSubject(), set.getStringClaim("org"),
                    Environment.valueOf(env), expectedUse, set.getStringClaim("chain"),
                    set.getJWTID(), set.getIssueTime().getTime() / 1000, expiresAt));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Checked.refused(Rejection.INVALID);
        }
    }
}
