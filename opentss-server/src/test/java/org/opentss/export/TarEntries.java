package org.opentss.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small ustar reader for tests, written from tse-formats.md §8.1 and independent of {@link TarWriter}:
 * it checks every header's checksum, the fixed fields, block alignment and the end of the archive.
 */
public final class TarEntries {

    public record Entry(String name, char typeflag, long mtime, byte[] content) {
    }

    private static final int BLOCK = 512;

    private TarEntries() {
    }

    /** The entries as stored (pax headers included), after checking the archive's structure. */
    public static List<Entry> read(byte[] archive) {
        assertThat(archive.length % 10_240).as("archive length is a multiple of 10240").isZero();
        List<Entry> entries = new ArrayList<>();
        int at = 0;
        while (!isZero(archive, at)) {
            byte[] header = Arrays.copyOfRange(archive, at, at + BLOCK);
            assertThat(octal(header, 148, 8)).as("checksum of the header at " + at).isEqualTo(checksum(header));
            assertThat(ascii(header, 100, 8)).isEqualTo("0000644\0");
            assertThat(ascii(header, 108, 16)).isEqualTo("0000000\u00000000000\0");
            assertThat(ascii(header, 257, 8)).isEqualTo("ustar\u000000");
            assertThat(Arrays.copyOfRange(header, 265, 512)).as("uname … prefix are empty").containsOnly(0);
            long size = octal(header, 124, 12);
            String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replaceFirst("\0+$", "");
            byte[] content = Arrays.copyOfRange(archive, at + BLOCK, at + BLOCK + (int) size);
            entries.add(new Entry(name, (char) header[156], octal(header, 136, 12), content));
            int end = at + BLOCK + (int) size;
            at = end + (BLOCK - end % BLOCK) % BLOCK;
            assertThat(Arrays.copyOfRange(archive, end, at)).as("data padding").isEqualTo(new byte[at - end]);
        }
        assertThat(isZero(archive, at + BLOCK)).as("second zero block at the end").isTrue();
        assertThat(Arrays.copyOfRange(archive, at, archive.length)).as("end of archive")
                .isEqualTo(new byte[archive.length - at]);
        return entries;
    }

    /** The file names as tar shows them: a pax {@code path} replaces the next header's name. */
    public static List<String> fileNames(List<Entry> entries) {
        List<String> names = new ArrayList<>();
        String path = null;
        for (Entry entry : entries) {
            if (entry.typeflag() == 'x') {
                String record = new String(entry.content(), StandardCharsets.US_ASCII);
                assertThat(record).endsWith("\n");
                assertThat(Integer.parseInt(record.substring(0, record.indexOf(' ')))).isEqualTo(record.length());
                path = record.substring(record.indexOf("path=") + 5, record.length() - 1);
            } else {
                assertThat(entry.typeflag()).isEqualTo('0');
                if (path != null) {
                    assertThat(path).startsWith(entry.name());
                }
                names.add(path != null ? path : entry.name());
                path = null;
            }
        }
        return names;
    }

    private static long checksum(byte[] header) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xFF;
        }
        return sum;
    }

    private static long octal(byte[] header, int offset, int length) {
        return Long.parseLong(ascii(header, offset, length).replaceAll("[\0 ]", ""), 8);
    }

    private static String ascii(byte[] header, int offset, int length) {
        return new String(header, offset, length, StandardCharsets.US_ASCII);
    }

    private static boolean isZero(byte[] archive, int at) {
        for (int i = at; i < at + BLOCK; i++) {
            if (archive[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
