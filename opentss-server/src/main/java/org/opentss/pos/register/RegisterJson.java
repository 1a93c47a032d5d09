package org.opentss.pos.register;

import java.util.Optional;
import org.opentss.http.Json;
import org.opentss.http.Metadata;
import org.opentss.pos.PosTimes;
import tools.jackson.databind.node.ObjectNode;

/** The register object (pos-api.md §12.1), keys in the documented order. */
public final class RegisterJson {

    private RegisterJson() {
    }

    /**
     * @param posOrganizationId the owning organization's {@code org_} id
     * @param activeUnit the rendered fiscal unit if the register's current unit is active
     */
    public static ObjectNode render(Register register, String posOrganizationId, Optional<ObjectNode> activeUnit,
            Optional<RegisterKeys.Credential> credential) {
        ObjectNode node = Json.object();
        node.put("id", register.id());
        node.put("object", "register");
        node.put("organization_id", posOrganizationId);
        node.put("location_id", register.locationId());
        node.put("label", register.label());
        node.put("serial_number", register.serialNumber());
        node.put("jurisdiction", register.jurisdiction());
        node.put("state", register.archived() ? "archived" : "active");
        node.set("active_fiscal_unit", activeUnit.orElse(null));
        if (credential.isPresent()) {
            ObjectNode key = node.putObject("register_credential");
            key.put("issued_at", PosTimes.millis(credential.get().issuedAt()));
            key.put("last_used_at", credential.get().lastUsedAt().isPresent()
                    ? PosTimes.millis(credential.get().lastUsedAt().getAsLong()) : null);
        } else {
            node.putNull("register_credential");
        }
        node.set("metadata", Metadata.toNode(register.metadata()));
        node.put("created_at", PosTimes.millis(register.createdAt()));
        node.put("updated_at", PosTimes.millis(register.updatedAt()));
        node.put("archived_at", register.archivedAt().isPresent() ? PosTimes.millis(register.archivedAt().getAsLong())
                : null);
        return node;
    }
}
