package org.opentss.pos.organization;

import java.util.Map;
import org.opentss.http.Json;
import org.opentss.http.Metadata;
import org.opentss.identity.Environment;
import org.opentss.pos.PosTimes;
import tools.jackson.databind.node.ObjectNode;

/**
 * A location (pos-api.md §11.1): a place of business of one organization, in one environment.
 *
 * @param organizationId the internal id of the owning organization
 * @param timezone an IANA time zone name
 */
public record Location(String id, String organizationId, Environment env, String name, PostalAddress address,
        String timezone, Map<String, String> metadata, long createdAt, long updatedAt) {

    /** @param posOrganizationId the owning organization's {@code org_} id */
    public ObjectNode render(String posOrganizationId) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("object", "location");
        node.put("organization_id", posOrganizationId);
        node.put("name", name);
        node.set("address", address.render());
        node.put("timezone", timezone);
        node.set("metadata", Metadata.toNode(metadata));
        node.put("created_at", PosTimes.millis(createdAt));
        node.put("updated_at", PosTimes.millis(updatedAt));
        return node;
    }
}
