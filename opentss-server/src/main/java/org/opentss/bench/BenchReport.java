package org.opentss.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.opentss.http.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of one benchmark run and the parameters that produced them.
 *
 * @param warmedUp how long the HTTP load ran before the measuring window (with {@code --warmup auto}, until
 *     the server's JIT compiler had settled)
 * @param rawBefore raw signatures per second measured before the server started
 * @param rawAfter the same, measured again right after the measuring window
 * @param serverCpuMsPerLog CPU the server process spent per signed log in the measuring window, -1 if unknown
 * @param databaseCpuMsPerLog the same for the embedded PostgreSQL and its backends; -1 for SQLite (inside the
 *     server) and for a PostgreSQL given by {@code OPENTSS_DB_URL}
 */
public record BenchReport(BenchParameters parameters, Duration warmedUp, double rawBefore, double rawAfter,
        double httpSignedLogsPerSecond,
        double transactionsPerSecond, double requestsPerSecond, double p50, double p95, double p99, double max,
        long errors, List<String> errorSamples, double exportLogsPerSecond, double exportDownloadLogsPerSecond,
        long exportedLogs, long peakHeapMiB, long peakRssMiB, double serverCpuMsPerLog, double databaseCpuMsPerLog,
        List<String> invariantProblems) {

    /**
     * The physical limit the ratio divides by: the mean of the raw rates before and after the window. This
     * shared machine's speed drifts by a third within minutes; measured on both sides of the window, the
     * raw rate follows the machine the HTTP load ran on.
     */
    double rawSignaturesPerSecond() {
        return (rawBefore + rawAfter) / 2;
    }

    double ratio() {
        return rawSignaturesPerSecond() == 0 ? 0 : httpSignedLogsPerSecond / rawSignaturesPerSecond();
    }

    boolean invariantsOk() {
        return invariantProblems.isEmpty();
    }

    /** No failed request and no broken invariant: the figures describe a correct run. */
    public boolean clean() {
        return errors == 0 && invariantsOk();
    }

    public String json() {
        ObjectNode node = Json.object();
        node.put("db", parameters.db());
        node.put("tss", parameters.tss());
        node.put("clients", parameters.clients());
        node.put("duration_s", parameters.duration().toMillis() / 1000.0);
        node.put("warmup", parameters.warmup().text());
        node.put("warmup_s", Math.round(warmedUp.toMillis() / 100.0) / 10.0);
        node.put("server_max_heap", parameters.serverHeap());
        node.put("cores", Runtime.getRuntime().availableProcessors());
        node.put("raw_signatures_per_s", round(rawSignaturesPerSecond()));
        node.put("raw_signatures_per_s_before", round(rawBefore));
        node.put("raw_signatures_per_s_after", round(rawAfter));
        node.put("http_signed_logs_per_s", round(httpSignedLogsPerSecond));
        node.put("ratio", Math.round(ratio() * 1000) / 1000.0);
        node.put("tx_per_s", round(transactionsPerSecond));
        node.put("requests_per_s", round(requestsPerSecond));
        ObjectNode latency = node.putObject("latency_ms");
        latency.put("p50", millis(p50));
        latency.put("p95", millis(p95));
        latency.put("p99", millis(p99));
        latency.put("max", millis(max));
        node.put("errors", errors);
        ArrayNode samples = node.putArray("error_samples");
        errorSamples.forEach(samples::add);
        node.put("export_logs_per_s", round(exportLogsPerSecond));
        node.put("export_download_logs_per_s", round(exportDownloadLogsPerSecond));
        node.put("exported_logs", exportedLogs);
        node.put("peak_heap_mb", peakHeapMiB);
        node.put("peak_rss_mb", peakRssMiB);
        putMillisOrNull(node, "server_cpu_ms_per_log", serverCpuMsPerLog);
        putMillisOrNull(node, "database_cpu_ms_per_log", databaseCpuMsPerLog);
        node.put("invariants_ok", invariantsOk());
        ArrayNode problems = node.putArray("invariant_problems");
        invariantProblems.forEach(problems::add);
        return Json.writeString(node);
    }

    /** The figures one per line, each target of docs/performance.md beside its figure, then {@link #summary()}. */
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "warm-up:                     %.0f s (%s)%n", warmedUp.toMillis() / 1000.0,
                parameters.warmup() instanceof WarmUp.Fixed ? "fixed" : "auto: until the server's JIT had settled");
        out.printf(Locale.ROOT, "raw ECDSA P-256 signatures:  %,.0f /s on %d cores (%,.0f before the load, %,.0f "
                + "after)%n", rawSignaturesPerSecond(), Runtime.getRuntime().availableProcessors(), rawBefore, rawAfter);
        out.printf(Locale.ROOT, "signed logs over HTTP:       %,.0f /s%n", httpSignedLogsPerSecond);
        out.printf(Locale.ROOT, "ratio HTTP / raw:            %.3f   (target >= 0.30)%n", ratio());
        out.printf(Locale.ROOT, "transactions:                %,.0f /s (%,.0f requests/s)%n", transactionsPerSecond,
                requestsPerSecond);
        out.printf(Locale.ROOT, "request latency:             p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (target <= 25), "
                + "max %.2f ms%n", p50, p95, p99, max);
        out.printf(Locale.ROOT, "export:                      %,.0f log messages/s building the archives (target "
                + ">= 50,000), %,.0f /s downloading; %,d logs%n", exportLogsPerSecond, exportDownloadLogsPerSecond,
                exportedLogs);
        out.printf(Locale.ROOT, "server memory:               peak heap %d MB (cap %s), peak RSS %d MB%n", peakHeapMiB,
                parameters.serverHeap(), peakRssMiB);
        out.println("CPU per signed log:          server " + cpuText(serverCpuMsPerLog) + ", database "
                + (databaseCpuMsPerLog >= 0 ? cpuText(databaseCpuMsPerLog) + " (embedded PostgreSQL)"
                        : parameters.db().equals("sqlite") ? "inside the server (SQLite)" : "not measured (OPENTSS_DB_URL)"));
        out.printf(Locale.ROOT, "errors:                      %d%s%n", errors,
                errorSamples.isEmpty() ? "" : ", e.g. " + errorSamples.getFirst());
        out.println("invariants:                  " + (invariantsOk() ? "OK (every TSS's counters exactly 1..N, "
                + "every signature valid)" : "VIOLATED: " + String.join("; ", invariantProblems)));
        out.println(summary());
    }

    /** The one line that ends the text output. */
    String summary() {
        return String.format(Locale.ROOT, "bench %s %d TSS x %d clients, %s: %,.0f signed logs/s over HTTP, raw %,.0f/s, "
                        + "ratio %.2f, %,.0f tx/s, latency p50 %.1f ms p95 %.1f ms p99 %.1f ms, export %,.0f logs/s, "
                        + "peak heap %d MB, peak RSS %d MB, %d errors, invariants %s",
                parameters.db(), parameters.tss(), parameters.clients(), BenchParameters.text(parameters.duration()),
                httpSignedLogsPerSecond, rawSignaturesPerSecond(), ratio(), transactionsPerSecond, p50, p95, p99,
                exportLogsPerSecond, peakHeapMiB, peakRssMiB, errors, invariantsOk() ? "OK" : "VIOLATED");
    }

    private static String cpuText(double millis) {
        return millis < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static void putMillisOrNull(ObjectNode node, String name, double millis) {
        if (millis < 0) {
            node.putNull(name);
        } else {
            node.put(name, millis(millis));
        }
    }

    private static long round(double value) {
        return Math.round(value);
    }

    private static double millis(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
