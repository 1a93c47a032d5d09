package org.opentss.config;

import java.util.Base64;

/** The textual form of a master key: 32 random bytes in standard Base64. */
public final class MasterKeyText {

    public static final int KEY_BYTES = 32;

    private MasterKeyText() {
    }

    public static boolean isValid(String text) {
        try {
            return Base64.getDecoder().decode(text.trim()).length == KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static byte[] decode(String text) {
        byte[] key = Base64.getDecoder().decode(text.trim());
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a master key must be " + KEY_BYTES + " bytes");
        }
        return key;
    }

    public static String encode(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }
}
