package org.opentss.pos.fiscal;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A fiscal unit (pos-api.md §13.2): the binding of a register to a TSE, a client registered on a TSS
 * under the register's serial number. Replaced, never edited, so the history of who signed what stays.
 *
 * @param tssId the TSS, once provisioning reached it
 * @param tssClientId the client on that TSS
 * @param registeredAt TSE time (Unix seconds) of the client's registration
 */
public record FiscalUnit(String id, String registerId, FiscalUnitState state, Optional<String> tssId,
        Optional<String> tssClientId, OptionalLong registeredAt, Optional<String> reason, Optional<String> replaces,
        Optional<String> replacedBy, OptionalLong provisionedAt, OptionalLong decommissionedAt, long createdAt) {
}
