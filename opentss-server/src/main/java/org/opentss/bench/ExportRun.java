package org.opentss.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opentss.verify.ExportVerificationResult;
import org.opentss.verify.ExportVerifierOptions;
import org.opentss.verify.Verifier;

/**
 * Exports every TSS of the run at once and measures how fast the server builds the archives, then
 * downloads them and has the independent verifier check each one: every signature valid, counters
 * exactly 1..N with N the TSS's signature counter, and every started transaction finished.
 */
final class ExportRun {

    /** Export throughput and the outcome of the invariant checks. */
    record Outcome(long logs, double jobSeconds, double downloadSeconds, List<String> problems) {
        boolean invariantsOk() {
            return problems.isEmpty();
        }
    }

    private static final long POLL_MILLIS = 20;
    private static final long TIMEOUT_NANOS = 600_000_000_000L;

    private ExportRun() {
    }

    static Outcome run(BenchApi api, Map<String, BenchApi.Counters> counters) throws IOException, InterruptedException {
        Map<String, String> exportIds = new HashMap<>();
        long started = System.nanoTime();
        for (String tssId : counters.keySet()) {
            String exportId = UUID.randomUUID().toString();
            api.triggerExport(tssId, exportId);
            exportIds.put(tssId, exportId);
        }
        List<String> problems = new ArrayList<>();
        List<String> pending = new ArrayList<>(counters.keySet());
        while (!pending.isEmpty()) {
            if (System.nanoTime() - started > TIMEOUT_NANOS) {
                throw new IOException("exports did not complete within 10 minutes: " + pending);
            }
            for (var it = pending.iterator(); it.hasNext();) {
                String tssId = it.next();
                String state = api.exportState(tssId, exportIds.get(tssId));
                if (!state.equals("PENDING") && !state.equals("WORKING")) {
                    if (!state.equals("COMPLETED")) {
                        problems.add("TSS " + tssId + ": export ended " + state);
                    }
                    it.remove();
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        double jobSeconds = (System.nanoTime() - started) / 1e9;

        long logs = 0;
        double downloadSeconds = 0;
        for (var entry : counters.entrySet()) {
            String tssId = entry.getKey();
            long downloadStarted = System.nanoTime();
            byte[] archive = api.exportFile(tssId, exportIds.get(tssId));
            downloadSeconds += (System.nanoTime() - downloadStarted) / 1e9;
            ExportVerificationResult result = Verifier.verifyExport(new ByteArrayInputStream(archive),
                    ExportVerifierOptions.defaults().withExpectContiguous(true).withExpectFirstCounter(1));
            logs += result.logCount();
            problems.addAll(check(tssId, entry.getValue(), result));
        }
        return new Outcome(logs, jobSeconds, downloadSeconds, List.copyOf(problems));
    }

    private static List<String> check(String tssId, BenchApi.Counters counters, ExportVerificationResult result) {
        List<String> problems = new ArrayList<>();
        if (!result.isValid()) {
            problems.add("TSS " + tssId + ": " + result.verdict() + " " + result.errors());
        }
        long last = result.lastCounter().orElse(0);
        if (result.firstCounter().orElse(0) != 1 || last != counters.signatureCounter()
                || result.logCount() != counters.signatureCounter()) {
            problems.add("TSS " + tssId + ": signature counter " + counters.signatureCounter() + " but the export holds "
                    + result.logCount() + " logs with counters " + result.firstCounter() + "–" + result.lastCounter());
        }
        if (result.startedCount() != counters.transactionCounter() || result.finishedCount() != result.startedCount()) {
            problems.add("TSS " + tssId + ": transaction counter " + counters.transactionCounter() + ", "
                    + result.startedCount() + " started and " + result.finishedCount() + " finished in the export");
        }
        return problems;
    }
}
