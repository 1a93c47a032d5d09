package org.opentss.tx;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import org.opentss.http.Metadata;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code PUT …/tx/{id}?tx_revision=N} request.
 *
 * @param metadataChange the request's metadata member, {@code {}} when absent
 * @param fingerprint the canonical form that decides whether a retry is identical (§8.2 rule 9)
 */
record UpsertRequest(long revision, TxState state, String clientId, TransactionSchema schema,
        ObjectNode metadataChange, Map<String, String> metadataOnCreate, String fingerprint) {

    private static final Set<String> STATES = EnumSet.allOf(TxState.class).stream().map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    /** Reads the body of a {@code PUT …/tx/{id}?tx_revision=revision} request. */
    static UpsertRequest parse(JsonInput in, long revision) {
        TxState state = TxState.valueOf(in.requiredEnum("state", STATES));
        String clientId = JsonInput.uuid(in.requiredString("client_id", 0, Integer.MAX_VALUE), in.where("client_id"));
        TransactionSchema schema = TransactionSchema.parse(in);
        ObjectNode metadata = in.optionalObject("metadata").orElseGet(Json::object);
        Map<String, String> metadataOnCreate = Metadata.forCreate(metadata, in.where("metadata"));
        return new UpsertRequest(revision, state, clientId, schema, metadata, metadataOnCreate,
                fingerprint(state, clientId, schema, metadata));
    }

    /** Two requests are equivalent when these canonical forms are equal (§8.2 rule 9). */
    private static String fingerprint(TxState state, String clientId, TransactionSchema schema, ObjectNode metadata) {
        ObjectNode canonical = Json.object();
        canonical.put("state", state.name());
        canonical.put("client_id", clientId);
        canonical.set("schema", schema.normalized());
        canonical.set("metadata", metadata);
        return JsonCanonicalizer.canonicalize(canonical);
    }
}
