package org.opentss.pos;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentss.identity.Environment;

/**
 * The secrets of the POS API (pos-api.md §4.1): platform API keys {@code ofk_platform_<env>_<32>},
 * register API keys {@code ofk_reg_<env>_<32>} and setup tokens {@code ofk_setup_<32>}, where
 * {@code <32>} is 32 random Base62 characters (about 190 bits).
 */
public final class PosKeys {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern PLATFORM = Pattern.compile("ofk_platform_(test|live)_[0-9A-Za-z]{32}");
    private static final Pattern REGISTER = Pattern.compile("ofk_reg_(test|live)_[0-9A-Za-z]{32}");
    private static final Pattern SETUP = Pattern.compile("ofk_setup_[0-9A-Za-z]{32}");

    private final SecureRandom random = new SecureRandom();

    public String newPlatformKey(Environment env) {
        return "ofk_platform_" + env.keyPrefix() + "_" + randomPart();
    }

    public String newRegisterKey(Environment env) {
        return "ofk_reg_" + env.keyPrefix() + "_" + randomPart();
    }

    public String newSetupToken() {
        return "ofk_setup_" + randomPart();
    }

    /** The environment of a well-formed platform key; empty for anything else. */
    public static Optional<Environment> platformKeyEnv(String key) {
        return env(PLATFORM, key);
    }

    public static Optional<Environment> registerKeyEnv(String key) {
        return env(REGISTER, key);
    }

    public static boolean isSetupToken(String token) {
        return SETUP.matcher(token).matches();
    }

    /** The listing form: prefix with environment, {@code ...}, last four characters (§4.5). */
    public static String masked(String key) {
        return key.substring(0, key.length() - 32) + "..." + key.substring(key.length() - 4);
    }

    private static Optional<Environment> env(Pattern pattern, String key) {
        Matcher matcher = pattern.matcher(key);
        return matcher.matches() ? Optional.of(Environment.valueOf(matcher.group(1).toUpperCase(java.util.Locale.ROOT)))
                : Optional.empty();
    }

    private String randomPart() {
        char[] text = new char[32];
        for (int i = 0; i < text.length; i++) {
            text[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(text);
    }
}
