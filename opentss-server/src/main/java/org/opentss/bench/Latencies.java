package org.opentss.bench;

import java.util.Arrays;

/**
 * The request latencies the load generator measured, in microseconds. Only its event loop's thread records,
 * so recording is a plain array write; {@link #sort} orders them for the percentiles once the run is over.
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

    /** Call once every latency is recorded, before {@link #percentileMillis}. */
    void sort() {
        Arrays.sort(micros, 0, size);
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
