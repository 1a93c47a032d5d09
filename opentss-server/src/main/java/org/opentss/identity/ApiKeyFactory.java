package org.opentss.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Makes the key and secret strings of new API keys (sign-de-v2.md §12.4):
 * {@code <test|live>_<24 random a–z0–9>_<slug of the name>} and 32 random bytes in unpadded Base64url.
 */
final class ApiKeyFactory {

    private static final String KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int KEY_RANDOM_CHARS = 24;
    private static final int SLUG_MAX = 32;
    private static final int SECRET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    String newKey(Environment env, String name) {
        StringBuilder key = new StringBuilder(env.keyPrefix()).append('_');
        for (int i = 0; i < KEY_RANDOM_CHARS; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.append('_').append(slug(name)).toString();
    }

    String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-cased, only a–z and 0–9 kept, at most 32 characters, {@code key} if nothing remains. */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (slug.length() > SLUG_MAX) {
            slug = slug.substring(0, SLUG_MAX);
        }
        return slug.isEmpty() ? "key" : slug;
    }
}
