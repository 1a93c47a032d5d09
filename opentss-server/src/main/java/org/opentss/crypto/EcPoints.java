package org.opentss.crypto;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;

/** The uncompressed point form {@code 04‖X‖Y} of EC public keys, as TSE data formats use it. */
public final class EcPoints {

    private EcPoints() {
    }

    /** {@code 04‖X‖Y} with X and Y left-padded to the field size (65 bytes for P-256). */
    public static byte[] uncompressed(ECPublicKey key) {
        int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 0x04;
        copyPadded(key.getW().getAffineX(), point, 1, size);
        copyPadded(key.getW().getAffineY(), point, 1 + size, size);
        return point;
    }

    /** The standard name of the key's curve, as BouncyCastle's curve table knows it. */
    static String curveName(ECPublicKey key) {
        int bits = key.getParams().getCurve().getField().getFieldSize();
        for (EcCurve curve : EcCurve.values()) {
            if (curve.fieldBytes() * 8 == bits) {
                return curve.jcaName();
            }
        }
        throw new IllegalArgumentException("unsupported curve of " + bits + " bits");
    }

    private static void copyPadded(BigInteger value, byte[] into, int offset, int size) {
        byte[] bytes = value.toByteArray(); // may carry a leading sign byte or be shorter than the field
        int length = Math.min(bytes.length, size);
        System.arraycopy(bytes, bytes.length - length, into, offset + size - length, length);
    }
}
