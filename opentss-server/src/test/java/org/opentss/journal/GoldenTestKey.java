package org.opentss.journal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/**
 * The golden key of tse-formats.md §12.5: the public P-256 test key of RFC 6979 A.2.5, signing with
 * the deterministic nonce of RFC 6979 so that whole log files are reproducible. Tests only; the
 * server signs with random nonces.
 */
final class GoldenTestKey {

    private static final BigInteger PRIVATE_KEY =
            new BigInteger("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721", 16);
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("P-256");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(P256);
    private static final int COORDINATE_LENGTH = 32;

    private GoldenTestKey() {
    }

    /** {@code 04 ‖ X ‖ Y}, derived from the private key. */
    static byte[] publicPoint() {
        return P256.getG().multiply(PRIVATE_KEY).normalize().getEncoded(false);
    }

    /** ecdsa-plain-SHA256 over the DTBS: r‖s, each left-padded to 32 bytes (tse-formats.md §2.3). */
    static byte[] sign(byte[] dtbs) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(PRIVATE_KEY, DOMAIN));
        BigInteger[] rs = signer.generateSignature(sha256(dtbs));
        return org.bouncycastle.util.Arrays.concatenate(
                BigIntegers.asUnsignedByteArray(COORDINATE_LENGTH, rs[0]),
                BigIntegers.asUnsignedByteArray(COORDINATE_LENGTH, rs[1]));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
