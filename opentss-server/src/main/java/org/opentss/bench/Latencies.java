package org.opentss.bench;

import java.util.Arrays;

/**
 * The request latencies one worker measured, in microseconds. Each worker owns one, so recording is a
 * plain array write; {@link #merge} joins them once the run is over.
 */
final class Latencies {

    private long[] micros = new long[4096];
    private int size;

    void record(long nanos) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = nanos / 1000;
    }

    int count() {
        return size;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.record(part.micros[i] * 1000);
            }
        }
        Arrays.sort(all.micros, 0, all.size);
        return all;
    }

    /** The latency in milliseconds below which {@code percent} % of the requests finished (nearest rank). */
    double percentileMillis(double percent) {
        if (size == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100 * size);
        return micros[Math.clamp(rank - 1, 0, size - 1)] / 1000.0;
    }
}
