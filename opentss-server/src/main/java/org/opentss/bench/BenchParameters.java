package org.opentss.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a benchmark run does: the database, how many TSSs and concurrent clients, how it warms up and how
 * long it measures, the server's heap cap, and where to write a Flight Recorder profile of the server.
 */
public record BenchParameters(String db, int tss, int clients, WarmUp warmup, Duration duration, String serverHeap,
        Optional<Path> serverJfr) {

    public BenchParameters {
        if (!db.equals("sqlite") && !db.equals("postgresql")) {
            throw new IllegalArgumentException("--db must be sqlite or postgresql (got '" + db + "')");
        }
        if (tss < 1 || tss > 1000) {
            throw new IllegalArgumentException("--tss must be between 1 and 1000");
        }
        if (clients < tss || clients > 10_000) {
            throw new IllegalArgumentException("--clients must be between --tss (" + tss + ") and 10000");
        }
        if (Math.ceilDiv(clients, tss) > 199) {
            throw new IllegalArgumentException("at most 199 clients per TSS (a TSS registers at most 199 clients)");
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("--duration must be between 1s and 24h");
        }
        if (!serverHeap.matches("[1-9][0-9]*[mMgG]")) {
            throw new IllegalArgumentException("--server-heap must be like 256m or 1g (got '" + serverHeap + "')");
        }
    }

    /** A duration as the options take it: {@code 30s}, {@code 2m}, {@code 500ms}; a bare number is seconds. */
    public static Duration parseDuration(String text) {
        String t = text.strip();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 30s, 2m or 500ms)");
        }
    }

    static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
