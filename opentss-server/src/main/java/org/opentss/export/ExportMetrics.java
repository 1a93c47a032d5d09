package org.opentss.export;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * {@code opentss_export_jobs{state}}: how many exports are in each state (sign-de-v2.md §13.1). The
 * counts come from the database, so every node reports the cluster's jobs; one query serves a scrape.
 */
public final class ExportMetrics {

    private static final long CACHE_MILLIS = 5_000;

    private final ExportRepository exports;
    private volatile Map<ExportState, Long> counts = Map.of();
    private volatile long countedAt;

    public ExportMetrics(ExportRepository exports, MeterRegistry meters) {
        this.exports = exports;
        for (ExportState state : ExportState.values()) {
            Gauge.builder("opentss.export.jobs", () -> count(state))
                    .tag("state", state.name())
                    .description("Export jobs by state")
                    .register(meters);
        }
    }

    private double count(ExportState state) {
        long now = System.currentTimeMillis();
        if (now - countedAt > CACHE_MILLIS) {
            counts = exports.countByState();
            countedAt = now;
        }
        return counts.getOrDefault(state, 0L);
    }
}
