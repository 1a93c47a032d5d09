package org.opentss.pos.account;

import java.util.Optional;
import org.opentss.http.Json;
import org.opentss.identity.Environment;
import org.opentss.pos.PosTimes;
import tools.jackson.databind.node.ObjectNode;

/**
 * A platform API key as stored (pos-api.md §9.0): never the secret, only its masked form.
 *
 * @param organizationId the internal id of the home organization
 */
record PlatformApiKey(String id, String organizationId, Environment env, String label, Optional<String> description,
        String maskedKey, long createdAt, Optional<Long> lastUsedAt, Optional<Long> revokedAt) {

    /**
     * The {@code platform_api_key} object, members in the order of the spec's examples.
     *
     * @param posOrganizationId the home organization's {@code org_} id
     * @param secret the key itself, only in the response that creates it
     */
    ObjectNode render(String posOrganizationId, Optional<String> secret) {
        ObjectNode node = Json.object();
        node.put("object", "platform_api_key");
        node.put("id", id);
        node.put("organization_id", posOrganizationId);
        node.put("environment", env.keyPrefix());
        node.put("label", label);
        node.put("description", description.orElse(null));
        secret.ifPresent(key -> node.put("api_key", key));
        node.put("masked_key", maskedKey);
        node.put("created_at", PosTimes.millis(createdAt));
        node.put("last_used_at", lastUsedAt.map(PosTimes::millis).orElse(null));
        node.put("revoked_at", revokedAt.map(PosTimes::millis).orElse(null));
        return node;
    }
}
