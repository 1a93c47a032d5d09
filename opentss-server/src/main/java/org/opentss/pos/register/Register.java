package org.opentss.pos.register;

import java.util.Map;
import java.util.OptionalLong;
import org.opentss.identity.Environment;

/**
 * A register (pos-api.md §12.1): one electronic recording system whose serial number is the TSE client
 * serial number of its fiscal units.
 *
 * @param organizationId the internal id of the owning organization
 */
public record Register(String id, String organizationId, Environment env, String locationId, String label,
        String serialNumber, String jurisdiction, boolean archived, Map<String, String> metadata, long createdAt,
        long updatedAt, OptionalLong archivedAt) {
}
