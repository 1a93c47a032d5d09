package org.opentss.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The identifiers the POS API assigns: a type prefix and a ULID, 26 upper-case Crockford Base32 characters
 * whose first 10 encode the creation time in milliseconds (pos-api.md §3.3). Within one millisecond the
 * random part counts up, so the ids of one node sort in creation order even at high rates.
 */
public final class PosIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    private final Clock clock;
    private final RandomGenerator random;
    private long lastMillis = -1;
    private long randomHigh; // the upper 16 of the 80 random bits
    private long randomLow; // the lower 64

    public PosIds(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public static PosIds system() {
        return new PosIds(Clock.systemUTC(), new SecureRandom());
    }

    /** A new id with the prefix, e.g. {@code next("op")} → {@code op_01KKNSVWNRNTRC4H8AZGGM9QX5}. */
    public synchronized String next(String prefix) {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            randomHigh = random.nextInt(1 << 16);
            randomLow = random.nextLong();
        } else if (++randomLow == 0) {
            // The clock stood still or stepped back: keep counting from the last id so order is kept.
            randomHigh = (randomHigh + 1) & 0xFFFF;
        }
        char[] text = new char[26];
        encode(lastMillis, text, 0, 10);
        // 80 random bits: the first 4 characters take 20 bits (16 high bits and the top 4 low bits).
        encode((randomHigh << 4) | (randomLow >>> 60), text, 10, 4);
        encode(randomLow & 0x0FFF_FFFF_FFFF_FFFFL, text, 14, 12);
        return prefix + "_" + new String(text);
    }

    /** Whether {@code id} is this prefix and a well-formed ULID (case-sensitive, as ids are). */
    public static boolean isWellFormed(String prefix, String id) {
        return id != null && id.length() == prefix.length() + 27 && id.startsWith(prefix + "_")
                && ULID.matcher(id).region(prefix.length() + 1, id.length()).matches();
    }

    private static void encode(long value, char[] text, int offset, int length) {
        for (int i = offset + length - 1; i >= offset; i--) {
            text[i] = CROCKFORD[(int) (value & 31)];
            value >>>= 5;
        }
    }
}
