package org.opentss.tx;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code PUT …/tx/{id}?tx_revision=N} request.
 *
 * @param metadataChange the request's metadata member, {@code {}} when absent
 * @param fingerprint the canonical form that decides whether a retry is identical (§8.2 rule 9)
 */
record UpsertRequest(long revision, TxState state, String clientId, TransactionSchema schema,
        ObjectNode metadataChange, Map<String, String> metadataOnCreate, String fingerprint) {
}
