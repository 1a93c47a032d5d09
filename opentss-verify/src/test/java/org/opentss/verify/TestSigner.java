package org.opentss.verify;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * Signs test data with a known private key (deterministic, RFC 6979), so that tests can make valid
 * signatures the spec has no vector for: other curves, other time formats.
 */
final class TestSigner {

    /** The golden test key of tse-formats.md §12.5 (RFC 6979 A.2.5), public by design. */
    static final BigInteger GOLDEN_PRIVATE_KEY =
            new BigInteger("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721", 16);

    private final EcCurve curve;
    private final BigInteger privateKey;

    TestSigner(EcCurve curve, BigInteger privateKey) {
        this.curve = curve;
        this.privateKey = privateKey;
    }

    byte[] publicPoint() {
        return curve.domain().getG().multiply(privateKey).normalize().getEncoded(false);
    }

    /** Plain r‖s over SHA-256 or SHA-384 of {@code message}, each half left-padded to the order length. */
    byte[] sign(HashFunction hash, byte[] message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateKey, curve.domain()));
        BigInteger[] rs = signer.generateSignature(hash.hash(message));
        int half = curve.orderLength();
        byte[] plain = new byte[2 * half];
        copyRight(rs[0], plain, half);
        copyRight(rs[1], plain, 2 * half);
        return plain;
    }

    private static void copyRight(BigInteger value, byte[] target, int end) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] magnitude = Arrays.copyOfRange(bytes, start, bytes.length);
        System.arraycopy(magnitude, 0, target, end - magnitude.length, magnitude.length);
    }
}
