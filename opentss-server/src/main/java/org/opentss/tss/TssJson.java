package org.opentss.tss;

import java.util.Base64;
import org.opentss.http.Json;
import org.opentss.http.Metadata;
import org.opentss.http.SignDe;
import org.opentss.journal.SignatureAlgorithm;
import tools.jackson.databind.node.ObjectNode;

/** The TSS resource on the wire, keys in the order of sign-de-v2.md §4.3 and §4.5. */
final class TssJson {

    private TssJson() {
    }

    /** The answer to {@code PUT /tss/{id}}: the creation fields, the PUK once, and the state. */
    static ObjectNode created(NewTss created) {
        ObjectNode node = common(created.tss());
        created.adminPuk().ifPresent(puk -> node.put("admin_puk", puk));
        node.put("state", created.tss().state().name());
        return node;
    }

    /** The full TSS resource of GET, PATCH and lists. */
    static ObjectNode resource(Tss tss) {
        ObjectNode node = common(tss);
        node.put("description", tss.description());
        node.put("state", tss.state().name());
        node.putNull("bsi_certification_id");
        node.put("signature_counter", Long.toString(tss.signatureCounter()));
        node.put("transaction_counter", Long.toString(tss.transactionCounter()));
        node.put("number_registered_clients", tss.numberRegisteredClients());
        node.put("number_active_transactions", tss.numberActiveTransactions());
        tss.timeUninit().ifPresent(t -> node.put("time_uninit", t));
        tss.timeInit().ifPresent(t -> node.put("time_init", t));
        tss.timeDisable().ifPresent(t -> node.put("time_disable", t));
        if (tss.state() == TssState.DEFECTIVE) {
            tss.timeDefective().ifPresent(t -> node.put("time_defective", t));
        }
        return node;
    }

    private static ObjectNode common(Tss tss) {
        ObjectNode node = Json.object();
        Base64.Encoder base64 = Base64.getEncoder();
        node.put("certificate", base64.encodeToString(tss.certificate()));
        node.put("serial_number", tss.serialNumber());
        node.put("public_key", base64.encodeToString(tss.publicKey()));
        node.put("signature_algorithm", SignatureAlgorithm.ECDSA_PLAIN_SHA256.apiName());
        node.put("signature_timestamp_format", "unixTime");
        node.put("transaction_data_encoding", "UTF-8");
        node.put("max_number_registered_clients", tss.maxRegisteredClients());
        node.put("max_number_active_transactions", tss.maxActiveTransactions());
        node.put("supported_update_variants", "SIGNED");
        node.set("metadata", Metadata.toNode(tss.metadata()));
        SignDe.envelope(node, tss.id(), "TSS", tss.env());
        node.put("time_creation", tss.timeCreation());
        return node;
    }
}
