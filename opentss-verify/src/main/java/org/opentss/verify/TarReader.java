package org.opentss.verify;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A streaming reader of ustar archives with pax extended headers (tse-formats.md §8.1, §8.2),
 * written for the verifier alone: it reads the raw 512-byte headers so that it can check them
 * (§11.2 A1, A2, A4, A5), and it holds at most one entry's data at a time.
 *
 * <p>{@link #next()} returns the regular files in archive order with their effective names (a pax
 * {@code path} replaces the header name). Other entries are reported (A2) and skipped. Names are
 * decoded as ISO 8859-1, one char per byte, so that a name compares byte for byte with the
 * PrintableString fields of a log.
 */
final class TarReader {

    static final int BLOCK = 512;
    static final int RECORD = 10_240;
    /** Larger entries cannot be a log, certificate or info.csv; their data is skipped, not held. */
    static final int MAX_DATA = 1 << 20;
    private static final int MAX_PAX = 64 * 1024;
    private static final byte[] USTAR_MAGIC = "ustar\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GNU_MAGIC = "ustar  \0".getBytes(StandardCharsets.US_ASCII);
    private static final int NAME_LENGTH = 100;

    /**
     * A regular file of the archive.
     *
     * @param index        0-based number of the file among the regular files
     * @param name         the effective name (pax {@code path} if there was one)
     * @param headerName   the name field of its ustar header
     * @param viaPax       whether a pax header gave the name
     * @param size         the size field
     * @param data         the content; {@code null} if larger than {@link #MAX_DATA}
     * @param headerOffset offset of its ustar header in the archive
     */
    record Entry(int index, String name, String headerName, boolean viaPax, long size, byte[] data, long headerOffset) {
    }

    private final InputStream in;
    private final ExportFindings findings;
    private final byte[] block = new byte[BLOCK];
    private long position;
    private int files;
    private boolean ended;
    private boolean notATar;
    private Long firstMtime;
    private String firstHeaderFile;

    TarReader(InputStream in, ExportFindings findings) {
        this.in = in;
        this.findings = findings;
    }

    /** Whether the input is no TAR archive at all (empty, or the first block is no ustar header). */
    boolean notATar() {
        return notATar;
    }

    /** Bytes read so far. */
    long position() {
        return position;
    }

    /**
     * The next regular file, or {@code null} after the end of the archive (or when the rest cannot be read).
     *
     * @throws IOException if the input stream fails (not for malformed content, which is a finding)
     */
    Entry next() throws IOException {
        String paxPath = null;
        String paxOwner = null;
        while (!ended) {
            long headerOffset = position;
            if (!readBlock()) {
                if (headerOffset == 0) {
                    notATar = true;
                    findings.error(Finding.ARCHIVE, "A4", "the input is empty");
                } else {
                    findings.error(Finding.ARCHIVE, "A4", "the archive ends at offset " + headerOffset
                            + " without the end-of-archive marker (two zero blocks)");
                }
                ended = true;
                return null;
            }
            if (isZero(block)) {
                if (paxPath != null) {
                    findings.error(paxOwner, "A2", "pax header is not followed by a file");
                }
                readEndOfArchive(headerOffset);
                return null;
            }
            String headerName = string(0, NAME_LENGTH);
            String prefix = string(345, 155);
            String label = paxPath != null ? paxPath : prefix.isEmpty() ? headerName : prefix + "/" + headerName;
            if (!checkHeader(label, headerOffset)) {
                ended = true;
                return null;
            }
            long size = number(124, 12);
            if (size < 0) {
                findings.error(label, "A1", "malformed size field in the header at offset " + headerOffset
                        + "; the rest of the archive cannot be read");
                ended = true;
                return null;
            }
            checkProfileFields(label);
            int typeflag = block[156] & 0xFF;
            if (typeflag == 'x') {
                if (paxPath != null) {
                    findings.error(paxOwner, "A2", "pax header is followed by another pax header");
                }
                byte[] pax = readData(size, MAX_PAX);
                if (pax == null) {
                    if (ended) {
                        return null;
                    }
                    findings.error(label, "A2", "pax header of " + size + " bytes is too large");
                    continue;
                }
                paxOwner = "PaxHeader at offset " + headerOffset;
                paxPath = parsePax(pax, paxOwner);
                if (paxPath == null) {
                    paxOwner = null;
                } else {
                    paxOwner = paxPath;
                }
                continue;
            }
            if (typeflag != '0' && typeflag != 0) {
                findings.error(label, "A2", describeType(typeflag) + " (typeflag '" + (char) typeflag
                        + "'); an export holds regular files (typeflag 0) and pax headers (x) only");
                if (readData(size, 0) == null && ended) {
                    return null;
                }
                paxPath = null;
                continue;
            }
            String name = paxPath != null ? paxPath : label;
            if (paxPath != null) {
                checkPaxUse(paxPath, headerName);
            } else if (!prefix.isEmpty()) {
                findings.deviation(name, "A5", "the header uses the prefix field; OpenTSS archives are flat");
            }
            byte[] data = readData(size, MAX_DATA);
            if (data == null && ended) {
                return null;
            }
            return new Entry(files++, name, headerName, paxPath != null, size, data, headerOffset);
        }
        return null;
    }

    private static String describeType(int typeflag) {
        return switch (typeflag) {
            case '1' -> "hard link";
            case '2' -> "symbolic link";
            case '3' -> "character device";
            case '4' -> "block device";
            case '5' -> "directory";
            case '6' -> "FIFO";
            case '7' -> "contiguous file";
            case 'g' -> "pax global header";
            case 'L' -> "GNU long name entry (././@LongLink)";
            case 'K' -> "GNU long link name entry (././@LongLink)";
            default -> "entry of an unknown type";
        };
    }

    /** A1: checksum and magic. Returns false if the header is not a ustar header at all. */
    private boolean checkHeader(String label, long offset) {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : block[i];
            unsigned += b & 0xFF;
            signed += b;
        }
        long stored = number(148, 8);
        boolean magicUstar = Arrays.equals(Arrays.copyOfRange(block, 257, 263), USTAR_MAGIC);
        boolean magicGnu = Arrays.equals(Arrays.copyOfRange(block, 257, 265), GNU_MAGIC);
        boolean checksumOk = stored == unsigned || stored == signed;
        if (offset == 0 && !checksumOk && !magicUstar && !magicGnu) {
            notATar = true;
            findings.error(Finding.ARCHIVE, "A1", "the input is not a TAR archive (no ustar header at offset 0)");
            return false;
        }
        if (stored == unsigned) {
            // correct
        } else if (stored == signed) {
            findings.warning(label, "A1", "header checksum is the historic signed sum (" + Long.toOctalString(signed)
                    + "), not the unsigned sum (" + Long.toOctalString(unsigned) + ")");
        } else {
            findings.error(label, "A1", "header checksum " + (stored < 0 ? "field is malformed"
                    : Long.toOctalString(stored) + " is wrong") + "; the unsigned sum is " + Long.toOctalString(unsigned)
                    + " (header at offset " + offset + ")");
        }
        if (magicGnu) {
            findings.deviation(label, "A1", "GNU tar magic 'ustar  '; the export format is POSIX ustar");
        } else if (!magicUstar) {
            findings.error(label, "A1", "magic is not 'ustar' (header at offset " + offset + ")");
        } else if (block[263] != '0' || block[264] != '0') {
            findings.deviation(label, "A1", "ustar version is not '00'");
        }
        return true;
    }

    /** A5: mode 0644, uid/gid 0, empty uname/gname, one mtime; aggregated over the archive. */
    private void checkProfileFields(String label) {
        long mode = number(100, 8);
        if (mode != 0644) {
            findings.aggregate("A5 mode", label, "A5", true, "mode is " + field(100, 8) + ", not 0000644");
        }
        if (number(108, 8) != 0 || number(116, 8) != 0) {
            findings.aggregate("A5 owner", label, "A5", true, "uid/gid are " + field(108, 8) + "/" + field(116, 8)
                    + ", not 0");
        }
        if (!isZero(Arrays.copyOfRange(block, 265, 329))) {
            findings.aggregate("A5 uname", label, "A5", true, "uname/gname are '" + string(265, 32) + "'/'"
                    + string(297, 32) + "', not empty");
        }
        long mtime = number(136, 12);
        if (firstMtime == null) {
            firstMtime = mtime;
            firstHeaderFile = label;
        } else if (mtime != firstMtime) {
            findings.aggregate("A5 mtime", label, "A5", true, "mtime " + mtime + " differs from the mtime "
                    + firstMtime + " of " + firstHeaderFile);
        }
    }

    /** A5: pax only for names longer than 100 bytes, whose first 100 bytes are the header name. */
    private void checkPaxUse(String path, String headerName) {
        int length = path.length();
        if (length <= NAME_LENGTH) {
            findings.aggregate("A5 pax short", path, "A5", true, "pax header for a name of " + length
                    + " bytes; only names longer than 100 bytes get one");
        } else if (!headerName.equals(path.substring(0, NAME_LENGTH))) {
            findings.aggregate("A5 pax name", path, "A5", true, "the header name is not the first 100 bytes of the "
                    + "pax path");
        }
    }

    /** Parses pax records {@code <len> SP key=value LF}; returns the path, if any. */
    private String parsePax(byte[] pax, String owner) {
        String path = null;
        int at = 0;
        while (at < pax.length) {
            int space = indexOf(pax, (byte) ' ', at);
            long length = space < 0 ? -1 : decimal(pax, at, space);
            if (length <= 0 || at + length > pax.length || pax[(int) (at + length - 1)] != '\n') {
                findings.error(owner, "A2", "malformed pax record at offset " + at + " of the pax header");
                return path;
            }
            String record = new String(pax, space + 1, (int) (at + length - 1 - (space + 1)), StandardCharsets.ISO_8859_1);
            int equals = record.indexOf('=');
            if (equals < 0) {
                findings.error(owner, "A2", "pax record without '='");
                return path;
            }
            String key = record.substring(0, equals);
            if (key.equals("path")) {
                path = record.substring(equals + 1);
            } else {
                findings.warning(owner, "A2", "pax keyword '" + key + "' is ignored; OpenTSS writes only 'path'");
                findings.aggregate("A5 pax keyword", owner, "A5", true, "pax header with keyword '" + key
                        + "'; OpenTSS pax headers hold only 'path'");
            }
            at += (int) length;
        }
        if (path == null) {
            findings.deviation(owner, "A5", "pax header without a 'path' record");
        }
        return path;
    }

    private static long decimal(byte[] bytes, int from, int to) {
        if (to <= from || to - from > 9) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return -1;
            }
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A4, A5: two zero blocks, nothing but zeros after them, whole blocks, whole records. */
    private void readEndOfArchive(long markerOffset) throws IOException {
        ended = true;
        if (!readBlock()) {
            if (position == markerOffset + BLOCK) {
                findings.error(Finding.ARCHIVE, "A4", "the archive ends with one zero block instead of two");
            }
            return;
        }
        boolean secondZero = isZero(block);
        if (!secondZero) {
            findings.error(Finding.ARCHIVE, "A4", "a zero block at offset " + markerOffset
                    + " is followed by non-zero data");
        }
        boolean nonZero = false;
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            position += n;
            for (int i = 0; i < n && !nonZero; i++) {
                nonZero = buffer[i] != 0;
            }
        }
        if (nonZero && secondZero) {
            findings.error(Finding.ARCHIVE, "A4", "non-zero data after the end-of-archive marker");
        }
        if (position % BLOCK != 0) {
            findings.error(Finding.ARCHIVE, "A4", "the archive length " + position + " is not a multiple of 512");
        } else if (position % RECORD != 0) {
            findings.deviation(Finding.ARCHIVE, "A5", "the archive length " + position
                    + " is not a multiple of the record size 10240");
        }
    }

    /**
     * Reads an entry's data and its padding. Returns {@code null} if it is larger than {@code limit}
     * (then skipped) or truncated (then {@link #ended} is set).
     */
    private byte[] readData(long size, int limit) throws IOException {
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        byte[] data = null;
        long remaining = padded;
        try {
            if (size <= limit) {
                data = new byte[(int) size];
                readFully(data, 0, data.length);
                remaining -= size;
            }
            skipFully(remaining);
        } catch (EOFException e) {
            findings.error(Finding.ARCHIVE, "A4", "the archive is truncated inside an entry's data");
            ended = true;
            return null;
        }
        return data;
    }

    private boolean readBlock() throws IOException {
        int read = 0;
        while (read < BLOCK) {
            int n = in.read(block, read, BLOCK - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        position += read;
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            findings.error(Finding.ARCHIVE, "A4", "the archive length " + position + " is not a multiple of 512");
            return false;
        }
        return true;
    }

    private void readFully(byte[] target, int from, int length) throws IOException {
        int read = 0;
        while (read < length) {
            int n = in.read(target, from + read, length - read);
            if (n < 0) {
                throw new EOFException();
            }
            read += n;
            position += n;
        }
    }

    private void skipFully(long count) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(count, 1))];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException();
            }
            left -= n;
            position += n;
        }
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** A NUL-terminated string field, ISO 8859-1. */
    private String string(int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    private String field(int offset, int length) {
        return string(offset, length).trim();
    }

    /**
     * An octal numeric field (leading spaces, digits, then NUL or space), or GNU base-256 if the
     * first byte has its high bit set; -1 if malformed.
     */
    private long number(int offset, int length) {
        if ((block[offset] & 0x80) != 0) {
            long value = block[offset] & 0x7F;
            for (int i = offset + 1; i < offset + length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    return -1;
                }
                value = (value << 8) | (block[i] & 0xFF);
            }
            return value;
        }
        int i = offset;
        int end = offset + length;
        while (i < end && block[i] == ' ') {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < end && block[i] >= '0' && block[i] <= '7') {
            value = value * 8 + (block[i] - '0');
            digits++;
            i++;
        }
        while (i < end && (block[i] == 0 || block[i] == ' ')) {
            i++;
        }
        return digits == 0 || i != end ? -1 : value;
    }
}
