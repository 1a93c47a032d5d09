package org.opentss.pos;

import java.util.OptionalLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * A successful POS API answer before it is written: status, body, the operation's
 * {@code resource_version} for the {@code ETag} (§6), and whether it is a replay (§5).
 */
public record PosResponse(int status, ObjectNode body, OptionalLong etag, boolean replayed) {

    public static PosResponse ok(ObjectNode body) {
        return new PosResponse(200, body, OptionalLong.empty(), false);
    }

    public static PosResponse created(ObjectNode body) {
        return new PosResponse(201, body, OptionalLong.empty(), false);
    }

    /** A single operation: its version travels as the ETag. */
    public static PosResponse operation(int status, ObjectNode body, long resourceVersion, boolean replayed) {
        return new PosResponse(status, body, OptionalLong.of(resourceVersion), replayed);
    }
}
