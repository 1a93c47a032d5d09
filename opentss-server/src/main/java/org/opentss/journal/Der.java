package org.opentss.journal;

import java.math.BigInteger;

/**
 * The few DER (X.690 §10) building blocks a TR-03151 log message needs: definite minimal lengths and
 * minimal two's-complement INTEGER content. Log messages are signed as encoded and never re-encoded,
 * so every byte written here is final (tse-formats.md §1.4).
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int SEQUENCE = 0x30;

    private Der() {
    }

    /** One element: {@code tag ‖ length ‖ content}. */
    static byte[] tlv(int tag, byte[] content) {
        return concat(new byte[] {(byte) tag}, length(content.length), content);
    }

    /** An INTEGER element under the given tag: {@code 02} universally, {@code 85} for an implicit transactionNumber. */
    static byte[] integer(int tag, long value) {
        return tlv(tag, integerContent(value));
    }

    /**
     * Minimal two's-complement content: no redundant leading {@code 00} or {@code FF} byte, and a
     * leading {@code 00} when a non-negative value's top bit would otherwise read as a sign (128 →
     * {@code 00 80}). {@link BigInteger#toByteArray()} is specified to produce exactly this.
     */
    static byte[] integerContent(long value) {
        return BigInteger.valueOf(value).toByteArray();
    }

    /** Definite length octets in the shortest form: one byte up to 127, else {@code 8n} and n big-endian bytes. */
    static byte[] length(int contentLength) {
        if (contentLength < 0) {
            throw new IllegalArgumentException("negative length " + contentLength);
        }
        if (contentLength < 0x80) {
            return new byte[] {(byte) contentLength};
        }
        int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(contentLength) + 7) / 8;
        byte[] length = new byte[1 + octets];
        length[0] = (byte) (0x80 | octets);
        for (int i = octets; i > 0; i--) {
            length[i] = (byte) (contentLength >>> (8 * (octets - i)));
        }
        return length;
    }

    static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total = Math.addExact(total, part.length);
        }
        byte[] joined = new byte[total];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, offset, part.length);
            offset += part.length;
        }
        return joined;
    }
}
