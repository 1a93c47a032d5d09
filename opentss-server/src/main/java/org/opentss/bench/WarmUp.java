package org.opentss.bench;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long the HTTP load runs before anything is counted: a fixed time, or ({@code auto}) until the
 * server's JIT compiler has settled. On this project's two-core machine the C2 compiler still took a fifth
 * of the server's CPU 45 s after the start under the PostgreSQL load, and a server measured then was about
 * a fifth slower than the same server a minute later. A node that has run for a while has long finished
 * compiling, so the figures should be of the settled server.
 */
public sealed interface WarmUp {

    /** The compiler counts as settled once it used less than this share of one core over a window. */
    double QUIET_SHARE = 0.02;

    /** {@code auto}, or a duration such as {@code 30s} or {@code 2m}. */
    static WarmUp parse(String text) {
        if (text.strip().equals("auto")) {
            return UntilCompiled.STANDARD;
        }
        Duration fixed = BenchParameters.parseDuration(text);
        if (fixed.isNegative() || fixed.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("--warmup must be auto or between 0s and 1h");
        }
        return new Fixed(fixed);
    }

    /**
     * Waits while the load runs.
     *
     * @param compilerCpuMillis CPU time the server's JIT compiler threads have used so far, -1 if unknown
     * @return how long it waited
     */
    Duration await(LongSupplier compilerCpuMillis) throws InterruptedException;

    /** As the options take it: {@code auto} or the fixed time. */
    String text();

    record Fixed(Duration duration) implements WarmUp {
        @Override
        public Duration await(LongSupplier compilerCpuMillis) throws InterruptedException {
            Thread.sleep(duration);
            return duration;
        }

        @Override
        public String text() {
            return BenchParameters.text(duration);
        }
    }

    /**
     * At least {@code min} (for the caches and the first wave of compilation), then until the compiler was
     * quiet over a {@code window}, at most {@code max} (should it never settle); {@code ifUnknown} where the
     * system does not tell the compiler's CPU time.
     */
    record UntilCompiled(Duration min, Duration max, Duration window, Duration ifUnknown) implements WarmUp {

        static final UntilCompiled STANDARD = new UntilCompiled(Duration.ofSeconds(30), Duration.ofSeconds(180),
                Duration.ofSeconds(5), Duration.ofSeconds(60));

        @Override
        public Duration await(LongSupplier compilerCpuMillis) throws InterruptedException {
            long started = System.nanoTime();
            Thread.sleep(min.minus(window));
            if (compilerCpuMillis.getAsLong() < 0) {
                Thread.sleep(ifUnknown.minus(min.minus(window)));
                return Duration.ofNanos(System.nanoTime() - started);
            }
            while (true) {
                long before = compilerCpuMillis.getAsLong();
                Thread.sleep(window);
                long used = compilerCpuMillis.getAsLong() - before;
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                if (used < QUIET_SHARE * window.toMillis() || waited.compareTo(max) >= 0) {
                    return waited;
                }
            }
        }

        @Override
        public String text() {
            return "auto";
        }
    }
}
