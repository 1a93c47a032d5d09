package org.opentss.verify;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Builds small DER fragments for synthetic test logs; deliberately naive (definite lengths < 64 KiB). */
final class TestDer {

    private TestDer() {
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (content.length < 0x80) {
            out.write(content.length);
        } else if (content.length < 0x100) {
            out.write(0x81);
            out.write(content.length);
        } else {
            out.write(0x82);
            out.write(content.length >> 8);
            out.write(content.length & 0xFF);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] tlv(int tag, String ascii) {
        return tlv(tag, ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] integer(int tag, long value) {
        return tlv(tag, BigInteger.valueOf(value).toByteArray());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... elements) {
        return tlv(0x30, concat(elements));
    }
}
