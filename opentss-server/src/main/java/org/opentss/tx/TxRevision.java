package org.opentss.tx;

import tools.jackson.databind.node.ObjectNode;

/**
 * One signed revision of a transaction, as stored next to its log message: what the response shows and
 * what the receipt QR code is built from, never re-derived from a request.
 *
 * @param fingerprint the canonical form of the request that created it, for idempotent retries (§8.2 rule 9)
 */
public record TxRevision(
        String tssId,
        String txId,
        int revision,
        TxState state,
        String clientId,
        String clientSerial,
        ObjectNode schemaEcho,
        String fingerprint,
        String processType,
        byte[] processData,
        long signatureCounter,
        long logTime,
        byte[] signature) {

    /** {@code Start} for revision 1, {@code Finish} for the revision that ends it, else {@code Update}. */
    public String operation() {
        if (revision == 1) {
            return "Start";
        }
        return state.isEnded() ? "Finish" : "Update";
    }
}
