package org.opentss.hub;

import java.util.Map;
import org.opentss.export.ExportJob;
import org.opentss.export.ExportState;
import org.opentss.http.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where an export stands, in words for people: the row of the exports page shows it, and
 * {@code hub.js} polls it as JSON to move the row's progress bar until the export has ended.
 */
record ExportProgress(ExportState state, int percent, String text) {

    /** The exception codes an export can end with (sign-de-v2.md §10.4), said plainly. */
    private static final Map<String, String> FAILURES = Map.of(
            "E_TOO_MANY_RECORDS", "more log messages than the export's maximum",
            "E_EXPORT_PROCESSING_TIMEOUT", "not completed in time",
            "E_INTERNAL", "an internal error");

    static ExportProgress of(ExportJob job) {
        long logs = job.logCount().orElse(0);
        String text = switch (job.state()) {
            case PENDING -> "Waiting to start";
            case WORKING -> "Writing the archive: " + logs + (logs == 1 ? " log message" : " log messages") + " so far";
            case COMPLETED -> "Completed";
            case CANCELLED -> "Cancelled";
            case ERROR -> "Failed: " + job.exception().map(e -> FAILURES.getOrDefault(e, e)).orElse("unknown error");
        };
        return new ExportProgress(job.state(), job.percentDone(), text);
    }

    /** The shape {@code hub.js} reads: {@code {"state": …, "percent": 0–100, "text": …}}. */
    String json() {
        ObjectNode node = Json.object();
        node.put("state", state.name());
        node.put("percent", percent);
        node.put("text", text);
        return Json.writeString(node);
    }
}
