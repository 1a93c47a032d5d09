package org.opentss.verify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The file names of an archive, compactly: one byte per character in a growing buffer and an
 * open-addressing hash index, about 75 bytes per name instead of a {@code HashSet<String>}'s ~150.
 * Names are kept so that cross-log findings (F, G) can name their files and A3/D6 can look names up.
 */
final class NameTable {

    private byte[] bytes = new byte[64 * 1024];
    private int used;
    private int[] offsets = new int[1024];
    private int count;
    /** Hash index: name number + 1, 0 = empty slot. */
    private int[] slots = new int[2048];

    /** Number of names added. */
    int size() {
        return count;
    }

    /**
     * Adds a name; returns its number, or {@code -1 - existing} if it is already present (the name
     * is then not added).
     */
    int add(String name) {
        byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
        int existing = find(b);
        if (existing >= 0) {
            return -1 - existing;
        }
        if (used + b.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + b.length));
        }
        System.arraycopy(b, 0, bytes, used, b.length);
        if (count + 1 >= offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[count] = used;
        used += b.length;
        offsets[count + 1] = used;
        count++;
        if (count * 2 > slots.length) {
            rehash();
        } else {
            insert(count - 1, hash(b, 0, b.length));
        }
        return count - 1;
    }

    boolean contains(String name) {
        return find(name.getBytes(StandardCharsets.ISO_8859_1)) >= 0;
    }

    String get(int number) {
        return new String(bytes, offsets[number], offsets[number + 1] - offsets[number], StandardCharsets.ISO_8859_1);
    }

    private int find(byte[] b) {
        int mask = slots.length - 1;
        for (int i = hash(b, 0, b.length) & mask; slots[i] != 0; i = (i + 1) & mask) {
            int n = slots[i] - 1;
            if (Arrays.equals(bytes, offsets[n], offsets[n + 1], b, 0, b.length)) {
                return n;
            }
        }
        return -1;
    }

    private void insert(int number, int hash) {
        int mask = slots.length - 1;
        int i = hash & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = number + 1;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        for (int n = 0; n < count; n++) {
            insert(n, hash(bytes, offsets[n], offsets[n + 1]));
        }
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
