package org.opentss.tss;

import org.opentss.http.Json;
import org.opentss.http.Metadata;
import org.opentss.http.SignDe;
import org.opentss.identity.Environment;
import tools.jackson.databind.node.ObjectNode;

/** The client resource on the wire (sign-de-v2.md §7.1); the create response has no {@code time_update}. */
final class ClientJson {

    private ClientJson() {
    }

    static ObjectNode render(Client client, Environment env, boolean withTimeUpdate) {
        ObjectNode node = Json.object();
        node.put("_id", client.id());
        node.put("state", client.state().name());
        node.put("serial_number", client.serialNumber());
        node.put("time_creation", client.timeCreation());
        if (withTimeUpdate) {
            node.put("time_update", client.timeUpdate());
        }
        node.put("tss_id", client.tssId());
        if (!client.metadata().isEmpty()) {
            node.set("metadata", Metadata.toNode(client.metadata()));
        }
        node.put("_type", "CLIENT");
        node.put("_env", env.name());
        node.put("_version", SignDe.VERSION);
        return node;
    }
}
