package org.opentss.pos.sale;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reading back what the sale classes stored as they show it: JSON the server wrote itself, never input. */
final class StoredJson {

    private StoredJson() {
    }

    /** A string member that may be {@code null}. */
    static Optional<String> optionalText(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asString());
    }
}
