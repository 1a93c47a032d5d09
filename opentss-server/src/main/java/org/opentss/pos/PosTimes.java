package org.opentss.pos;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as the POS API writes them (pos-api.md §3.4): UTC with {@code Z}; times OpenTSS measures
 * carry milliseconds, times that come from the TSE whole seconds.
 */
public final class PosTimes {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private PosTimes() {
    }

    /** A time OpenTSS measured, in Unix milliseconds. */
    public static String millis(long epochMillis) {
        return MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A TSE time, in Unix seconds. */
    public static String tse(long epochSeconds) {
        return SECONDS.format(Instant.ofEpochSecond(epochSeconds));
    }
}
