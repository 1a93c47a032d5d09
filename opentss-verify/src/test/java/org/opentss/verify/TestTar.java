package org.opentss.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A tiny ustar writer for tests (tse-formats.md §8.1, §8.2), independent of the server's export
 * writer. Every header field can be bent, so that tests can build the archives a verifier must reject.
 */
final class TestTar {

    static final long MTIME = 1767261600L; // 2026-01-01T10:00:00Z, as in the §8.4 example

    /** The header of one entry; fields default to OpenTSS's values. */
    static final class Header {
        String name;
        int mode = 0644;
        long uid;
        long gid;
        long mtime = MTIME;
        char typeflag = '0';
        String linkname = "";
        String uname = "";
        String gname = "";
        String magic = "ustar\0";
        String version = "00";
        /** Bytes for the 12 padding bytes at offset 500 (to make a non-ASCII header). */
        byte[] padding;
        boolean signedChecksum;
        Integer checksumDelta;

        Header(String name) {
            this.name = name;
        }
    }

    private final OutputStream out;
    private long written;
    long mtime = MTIME;

    TestTar(OutputStream out) {
        this.out = out;
    }

    Header header(String name) {
        Header h = new Header(name);
        h.mtime = mtime;
        return h;
    }

    /** A regular file; a name over 100 bytes gets a pax header first (§8.2). */
    TestTar file(String name, byte[] data) {
        byte[] nameBytes = name.getBytes(StandardCharsets.ISO_8859_1);
        if (nameBytes.length > 100) {
            pax(name);
        }
        return entry(header(name), data);
    }

    /** A pax extended header with one {@code path} record. */
    TestTar pax(String path) {
        int body = " path=".length() + path.getBytes(StandardCharsets.ISO_8859_1).length + 1;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        Header pax = header("PaxHeader");
        pax.typeflag = 'x';
        return entry(pax, (length + " path=" + path + "\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    TestTar entry(Header h, byte[] data) {
        write(header(h, data.length));
        write(data);
        int padding = (512 - data.length % 512) % 512;
        write(new byte[padding]);
        return this;
    }

    /** Two zero blocks, then zeros up to a multiple of {@code recordSize}. */
    void finish(int recordSize) {
        write(new byte[1024]);
        long rest = (recordSize - written % recordSize) % recordSize;
        write(new byte[(int) rest]);
    }

    void finish() {
        finish(10240);
    }

    static byte[] header(Header h, long size) {
        byte[] block = new byte[512];
        put(block, 0, 100, h.name.getBytes(StandardCharsets.ISO_8859_1));
        octal(block, 100, 8, h.mode);
        octal(block, 108, 8, h.uid);
        octal(block, 116, 8, h.gid);
        octal(block, 124, 12, size);
        octal(block, 136, 12, h.mtime);
        block[156] = (byte) h.typeflag;
        put(block, 157, 100, h.linkname.getBytes(StandardCharsets.ISO_8859_1));
        put(block, 257, 6, h.magic.getBytes(StandardCharsets.ISO_8859_1));
        put(block, 263, 2, h.version.getBytes(StandardCharsets.ISO_8859_1));
        put(block, 265, 32, h.uname.getBytes(StandardCharsets.ISO_8859_1));
        put(block, 297, 32, h.gname.getBytes(StandardCharsets.ISO_8859_1));
        if (h.padding != null) {
            put(block, 500, 12, h.padding);
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            int b = i >= 148 && i < 156 ? ' ' : block[i];
            sum += h.signedChecksum ? b : b & 0xFF;
        }
        if (h.checksumDelta != null) {
            sum += h.checksumDelta;
        }
        byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, block, 148, 6);
        block[154] = 0;
        block[155] = ' ';
        return block;
    }

    private static void put(byte[] block, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, block, offset, Math.min(length, value.length));
    }

    private static void octal(byte[] block, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        put(block, offset, length - 1, digits.getBytes(StandardCharsets.US_ASCII));
        block[offset + length - 1] = 0;
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            written += bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds a small archive in memory. */
    static byte[] build(java.util.function.Consumer<TestTar> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TestTar tar = new TestTar(bytes);
        entries.accept(tar);
        tar.finish();
        return bytes.toByteArray();
    }
}
