package org.opentss.identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An API key (sign-de-v2.md §12.4). Only the keyed hash of its secret is kept. {@code managedBy} is the
 * organization of the token that created it when that is not the key's own organization.
 */
public record ApiKey(
        String id,
        String organizationId,
        Environment env,
        String key,
        String secretHash,
        String name,
        Status status,
        Map<String, String> metadata,
        Optional<String> createdBy,
        Optional<String> managedBy,
        long createdAt) {

    public enum Status {
        ENABLED, DISABLED;

        public String wireName() {
            return this == ENABLED ? "enabled" : "disabled";
        }

        public static Status ofWireName(String name) {
            return switch (name) {
                case "enabled" -> ENABLED;
                case "disabled" -> DISABLED;
                default -> throw new IllegalArgumentException("unknown API key status " + name);
            };
        }
    }

    public ApiKey {
        // keeps the caller's key order, which the API echoes
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The same key with another status. */
    public ApiKey withStatus(Status changed) {
        return new ApiKey(id, organizationId, env, key, secretHash, name, changed, metadata, createdBy, managedBy,
                createdAt);
    }

    public boolean isEnabled() {
        return status == Status.ENABLED;
    }

    /** The secret hash is left out, so that a key can be logged. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", organizationId=" + organizationId + ", env=" + env + ", key=" + key
                + ", status=" + status + "]";
    }
}
