package org.opentss.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes a flat POSIX ustar archive exactly as tse-formats.md §8.1–§8.2 prescribes, one entry at a
 * time straight to an {@link OutputStream}: an export of a million log messages needs no more memory
 * than one entry. Hand-written rather than Commons Compress because every header byte is specified
 * (§8.7: the same export twice is the same archive) and a library's defaults may change under us.
 *
 * <p>Every header has mode 0644, uid and gid 0, empty user and group names and the one mtime given
 * at construction. A name longer than 100 bytes is preceded by a pax extended header with a single
 * {@code path} record. The caller owns the stream: {@link #finish()} flushes but does not close it.
 * After an {@link IOException} the archive is incomplete and must be discarded.
 */
public final class TarWriter {

    private static final int BLOCK = 512;
    /** GNU tar's default blocking factor of 20; TR-03151 exports are read by stock tar implementations. */
    private static final int RECORD = 20 * BLOCK;
    private static final int BUFFER = 64 * 1024;
    private static final int NAME_FIELD = 100;
    /** The largest number 11 octal digits hold: 8 GiB − 1 for sizes, the year 2242 for mtimes. */
    private static final long MAX_OCTAL_11 = 077_777_777_777L;

    private static final byte[] ZEROS = new byte[BLOCK];
    private static final byte[] PAX_HEADER_NAME = "PaxHeader".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAX_PATH_KEYWORD = " path=".getBytes(StandardCharsets.US_ASCII);
    private static final byte TYPE_FILE = '0';
    private static final byte TYPE_PAX = 'x';

    private final OutputStream out;
    private final long mtime;
    /** Reused for every header; together with the stream's buffer the only memory the writer keeps. */
    private final byte[] header = new byte[BLOCK];
    private long position;
    private boolean finished;

    /**
     * @param target receives the archive; buffered here, so it may be a raw file or socket stream
     * @param mtime Unix seconds written into every header (the export's creation time, §8.7)
     */
    public TarWriter(OutputStream target, long mtime) {
        Objects.requireNonNull(target, "target");
        if (mtime < 0 || mtime > MAX_OCTAL_11) {
            throw new IllegalArgumentException("mtime must be in 0.." + MAX_OCTAL_11 + ", was " + mtime);
        }
        this.out = new BufferedOutputStream(target, BUFFER);
        this.mtime = mtime;
    }

    /**
     * Appends a regular file in the archive root.
     *
     * @param name printable ASCII without {@code /}, not empty, not {@code .} or {@code ..}: exports are
     *     flat (§8.1), and such a name extracts to exactly one file wherever it is unpacked
     */
    public void addFile(String name, byte[] content) throws IOException {
        if (finished) {
            throw new IllegalStateException("the archive is finished");
        }
        byte[] nameBytes = fileName(name);
        Objects.requireNonNull(content, "content");
        if (nameBytes.length > NAME_FIELD) {
            writeEntry(PAX_HEADER_NAME, TYPE_PAX, paxPathRecord(nameBytes));
        }
        writeEntry(nameBytes, TYPE_FILE, content);
    }

    /**
     * Ends the archive: two zero blocks, then zeros up to a whole record of 10 240 bytes (§8.1.2); flushes
     * the target.
     */
    public void finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("the archive is finished");
        }
        finished = true;
        writeZeros(2 * BLOCK);
        writeZeros(padding(position, RECORD));
        out.flush();
    }

    private static byte[] fileName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a file name: \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("file name is not printable ASCII: \"" + name + "\"");
            }
            if (c == '/') {
                throw new IllegalArgumentException("file name has a '/', but exports are flat: \"" + name + "\"");
            }
        }
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code <len> path=<name>\n}, where len counts the whole record including its own digits: adding
     * the digits can add a digit (e.g. 95 + 2 = 97, but 98 + 2 = 100 needs 3), hence the second pass.
     */
    private static byte[] paxPathRecord(byte[] name) {
        int withoutLength = PAX_PATH_KEYWORD.length + name.length + 1;
        int length = withoutLength + digits(withoutLength);
        length = withoutLength + digits(length);
        byte[] lengthText = Integer.toString(length).getBytes(StandardCharsets.US_ASCII);
        byte[] record = new byte[length];
        System.arraycopy(lengthText, 0, record, 0, lengthText.length);
        System.arraycopy(PAX_PATH_KEYWORD, 0, record, lengthText.length, PAX_PATH_KEYWORD.length);
        System.arraycopy(name, 0, record, lengthText.length + PAX_PATH_KEYWORD.length, name.length);
        record[length - 1] = '\n';
        return record;
    }

    private static int digits(int number) {
        return Integer.toString(number).length();
    }

    private void writeEntry(byte[] name, byte typeflag, byte[] data) throws IOException {
        writeHeader(name, typeflag, data.length);
        write(data, data.length);
        writeZeros(padding(data.length, BLOCK));
    }

    /** The header table of §8.1.1; the fields left out (linkname, uname, gname, dev*, prefix) stay NUL. */
    private void writeHeader(byte[] name, byte typeflag, long size) throws IOException {
        Arrays.fill(header, (byte) 0);
        // a longer name keeps its first 100 bytes here; the pax record before it holds the whole name
        System.arraycopy(name, 0, header, 0, Math.min(name.length, NAME_FIELD));
        octal(0644, 100, 7);
        octal(0, 108, 7);
        octal(0, 116, 7);
        octal(size, 124, 11);
        octal(mtime, 136, 11);
        header[156] = typeflag;
        ascii("ustar\0", 257);
        ascii("00", 263);
        // the checksum is summed with its own field as spaces, then written as 6 digits, NUL, space
        ascii("        ", 148);
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xFF;
        }
        octal(checksum, 148, 6);
        header[155] = ' ';
        write(header, BLOCK);
    }

    /** {@code digits} octal digits, zero-padded, then NUL. */
    private void octal(long value, int offset, int digits) {
        String text = Long.toOctalString(value);
        if (text.length() > digits) {
            throw new IllegalArgumentException(value + " does not fit into " + digits + " octal digits");
        }
        ascii("0".repeat(digits - text.length()) + text + "\0", offset);
    }

    private void ascii(String text, int offset) {
        for (int i = 0; i < text.length(); i++) {
            header[offset + i] = (byte) text.charAt(i);
        }
    }

    private static int padding(long length, int multiple) {
        return (int) ((multiple - length % multiple) % multiple);
    }

    private void writeZeros(int count) throws IOException {
        for (int left = count; left > 0; left -= BLOCK) {
            write(ZEROS, Math.min(left, BLOCK));
        }
    }

    private void write(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
        position += length;
    }
}
