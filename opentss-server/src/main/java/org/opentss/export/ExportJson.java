package org.opentss.export;

import org.opentss.http.Json;
import org.opentss.http.Metadata;
import org.opentss.http.SignDe;
import org.opentss.identity.Environment;
import tools.jackson.databind.node.ObjectNode;

/** The export resource on the wire, keys in the order of sign-de-v2.md §10.4. */
final class ExportJson {

    private ExportJson() {
    }

    static ObjectNode render(ExportJob job, Environment env) {
        ObjectNode node = Json.object();
        node.put("state", job.state().name());
        if (job.state() == ExportState.ERROR) {
            job.exception().ifPresent(e -> node.put("exception", e));
        }
        node.put("time_request", job.timeRequest());
        job.timeStart().ifPresent(t -> node.put("time_start", t));
        if (job.state() == ExportState.COMPLETED || job.state() == ExportState.CANCELLED) {
            job.timeEnd().ifPresent(t -> node.put("time_end", t));
        }
        if (job.state() == ExportState.COMPLETED) {
            job.timeExpiration().ifPresent(t -> node.put("time_expiration", t));
        }
        if (job.state() == ExportState.ERROR) {
            job.timeError().ifPresent(t -> node.put("time_error", t));
        }
        node.set("metadata", Metadata.toNode(job.metadata()));
        node.put("tss_id", job.tssId());
        node.put("_type", "EXPORT");
        node.put("_id", job.id());
        node.put("_env", env.name());
        node.put("_version", SignDe.VERSION);
        return node;
    }
}
