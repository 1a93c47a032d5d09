package org.opentss.testing;

/** Finding bytes in archives and log messages, for tests that tamper with them. */
public final class Bytes {

    private Bytes() {
    }

    /** The first index of {@code needle} in {@code haystack} at or after {@code from}; fails the test if absent. */
    public static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("bytes not found");
    }
}
