package org.opentss.hub;

import java.util.Optional;
import org.opentss.http.JsonInput;

/**
 * Ids in HUB addresses and filters. TSS, client, transaction, key and export ids are UUIDs; anything else
 * names nothing and is never sent to the database (PostgreSQL refuses a NUL byte in text with an error).
 */
final class HubIds {

    private HubIds() {
    }

    /** The UUID in its stored (lower-case) form, or empty for anything that is not one. */
    static Optional<String> uuid(String raw) {
        return raw != null && JsonInput.isUuid(raw) ? Optional.of(JsonInput.uuid(raw, "id")) : Optional.empty();
    }
}
