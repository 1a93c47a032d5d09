package org.opentss.journal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The TSS serial number: SHA-256 of the uncompressed public point (tse-formats.md §3, TR-03153 §7.5). */
public final class SerialNumber {

    private static final byte UNCOMPRESSED = 0x04;

    private SerialNumber() {
    }

    /**
     * @param uncompressedPoint {@code 04 ‖ X ‖ Y} with X and Y left-padded to the field size: 65 bytes for
     *     256-bit curves, 97 bytes for 384-bit curves — not SubjectPublicKeyInfo, not a certificate
     * @return 32 bytes, whatever the curve; as text it is written in lowercase hex
     */
    public static byte[] of(byte[] uncompressedPoint) {
        if ((uncompressedPoint.length != 65 && uncompressedPoint.length != 97) || uncompressedPoint[0] != UNCOMPRESSED) {
            throw new IllegalArgumentException("expected an uncompressed P-256/P-384-size point (04 ‖ X ‖ Y, 65 or 97 bytes)");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(uncompressedPoint);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
