package org.opentss.verify;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ECDSA verification of a plain {@code r‖s} signature (TR-03111 §5.2.1) through BouncyCastle's
 * lightweight {@link ECDSASigner}. The server signs through JCA SunEC in P1363 format; verifying
 * through a different API, and splitting r‖s by hand, keeps a shared mistake from hiding itself
 * (tse-formats.md §11.1).
 */
final class PlainEcdsaVerifier {

    /** How a verification ended. */
    sealed interface Outcome {}

    /** The signature verified on {@code curve}. */
    record Verified(EcCurve curve) implements Outcome {}

    /** The signature is not {@code 2 × order length} bytes for any candidate curve of the key. */
    record WrongLength(int expectedLength) implements Outcome {}

    /** The point lies on none of the candidate curves. */
    record NotOnCurve() implements Outcome {}

    /** r or s is outside [1, n−1] on every curve the point lies on. */
    record OutOfRange() implements Outcome {}

    /** The signature does not verify. */
    record Invalid() implements Outcome {}

    private PlainEcdsaVerifier() {
    }

    /** Verifies {@code signature} over {@code message}, hashed with {@code hash}, trying each candidate curve. */
    static Outcome verify(EcPublicKey key, HashFunction hash, byte[] message, byte[] signature) {
        byte[] digest = hash.hash(message);
        boolean lengthFits = false;
        boolean onCurve = false;
        boolean inRange = false;
        for (EcCurve curve : key.candidateCurves()) {
            int half = curve.orderLength();
            if (signature.length != 2 * half) {
                continue;
            }
            lengthFits = true;
            ECPublicKeyParameters publicKey;
            try {
                // decodePoint rejects coordinates that do not satisfy the curve equation.
                publicKey = new ECPublicKeyParameters(curve.domain().getCurve().decodePoint(key.point()), curve.domain());
            } catch (IllegalArgumentException notOnThisCurve) {
                continue;
            }
            onCurve = true;
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, 2 * half));
            if (!isScalar(r, curve) || !isScalar(s, curve)) {
                continue;
            }
            inRange = true;
            ECDSASigner signer = new ECDSASigner();
            signer.init(false, publicKey);
            if (signer.verifySignature(digest, r, s)) {
                return new Verified(curve);
            }
        }
        if (!lengthFits) {
            return new WrongLength(2 * key.candidateCurves().getFirst().orderLength());
        }
        if (!onCurve) {
            return new NotOnCurve();
        }
        return inRange ? new Invalid() : new OutOfRange();
    }

    private static boolean isScalar(BigInteger value, EcCurve curve) {
        return value.signum() > 0 && value.compareTo(curve.order()) < 0;
    }
}
