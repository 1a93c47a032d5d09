package org.opentss.pos.fiscal;

import java.util.Base64;
import java.util.Optional;
import org.opentss.http.Json;
import org.opentss.journal.SignatureAlgorithm;
import org.opentss.pos.PosTimes;
import org.opentss.tss.Tss;
import tools.jackson.databind.node.ObjectNode;

/** The fiscal unit object (pos-api.md §13.2), keys in the documented order. */
public final class FiscalUnitJson {

    private FiscalUnitJson() {
    }

    /**
     * @param tss the unit's TSS, once provisioning reached it
     * @param clientSerial the register's serial number, the TSE client id
     */
    public static ObjectNode render(FiscalUnit unit, Optional<Tss> tss, String clientSerial) {
        ObjectNode node = Json.object();
        node.put("id", unit.id());
        node.put("object", "fiscal_unit");
        node.put("register_id", unit.registerId());
        node.put("state", unit.state().wire());
        node.put("jurisdiction", "DE");
        if (tss.isPresent() && unit.tssClientId().isPresent() && unit.registeredAt().isPresent()) {
            ObjectNode registration = node.putObject("fiscal_registration");
            registration.put("regime", "tse");
            registration.put("tss_id", tss.get().id());
            registration.put("tse_serial", tss.get().serialNumber());
            registration.put("client_id", clientSerial);
            registration.put("tss_client_id", unit.tssClientId().get());
            registration.put("signature_algorithm", SignatureAlgorithm.ECDSA_PLAIN_SHA256.apiName());
            registration.put("time_format", "unixTime");
            registration.put("public_key", Base64.getEncoder().encodeToString(tss.get().publicKey()));
            registration.put("certificate", Base64.getEncoder().encodeToString(tss.get().certificate()));
            registration.put("registered_at", PosTimes.tse(unit.registeredAt().getAsLong()));
        } else {
            node.putNull("fiscal_registration");
        }
        node.put("reason", unit.reason().orElse(null));
        node.put("replaces", unit.replaces().orElse(null));
        node.put("replaced_by", unit.replacedBy().orElse(null));
        node.put("provisioned_at", unit.provisionedAt().isPresent() ? PosTimes.millis(unit.provisionedAt().getAsLong())
                : null);
        node.put("decommissioned_at", unit.decommissionedAt().isPresent()
                ? PosTimes.millis(unit.decommissionedAt().getAsLong()) : null);
        node.put("created_at", PosTimes.millis(unit.createdAt()));
        return node;
    }
}
