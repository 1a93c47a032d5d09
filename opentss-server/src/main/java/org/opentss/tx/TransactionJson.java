package org.opentss.tx;

import java.util.Base64;
import org.opentss.http.Json;
import org.opentss.http.Metadata;
import org.opentss.http.SignDe;
import org.opentss.identity.Environment;
import org.opentss.journal.SignatureAlgorithm;
import tools.jackson.databind.node.ObjectNode;

/** The transaction resource on the wire, keys in the order of sign-de-v2.md §8.6 and §8.7. */
final class TransactionJson {

    private TransactionJson() {
    }

    static ObjectNode render(Transaction tx, TxRevision revision, String tssSerial, byte[] tssPublicKey,
            Environment env) {
        ObjectNode node = Json.object();
        node.set("schema", revision.schemaEcho());
        node.put("state", revision.state().name());
        node.put("tss_id", tx.tssId());
        node.put("tss_serial_number", tssSerial);
        node.put("client_id", revision.clientId());
        node.put("client_serial_number", revision.clientSerial());
        node.put("revision", revision.revision());
        node.put("latest_revision", tx.latestRevision());
        node.put("number", tx.number());
        node.put("time_start", tx.timeStart());
        boolean ending = revision.state().isEnded();
        if (ending) {
            node.put("time_end", revision.logTime());
        }
        SignDe.envelope(node, tx.id(), "TRANSACTION", env);
        String publicKey = Base64.getEncoder().encodeToString(tssPublicKey);
        ObjectNode signature = node.putObject("signature");
        signature.put("value", Base64.getEncoder().encodeToString(revision.signature()));
        signature.put("algorithm", SignatureAlgorithm.ECDSA_PLAIN_SHA256.apiName());
        signature.put("counter", revision.signatureCounter());
        signature.put("public_key", publicKey);
        ObjectNode log = node.putObject("log");
        log.put("operation", revision.operation());
        log.put("timestamp", revision.logTime());
        log.put("timestamp_format", "unixTime");
        if (ending) {
            QrCodeData.of(revision, tx.number(), tx.timeStart(), tssPublicKey).ifPresent(qr -> node.put("qr_code_data", qr));
        }
        if (!tx.metadata().isEmpty()) {
            node.set("metadata", Metadata.toNode(tx.metadata()));
        }
        return node;
    }
}
