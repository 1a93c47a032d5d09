package org.opentss.pos.register;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a register's current fiscal unit if it is active (pos-api.md §12.1 {@code active_fiscal_unit}).
 * Fiscal units build on registers; this is how the register object shows one without depending on them.
 */
@FunctionalInterface
public interface ActiveUnitView {

    Optional<ObjectNode> activeUnit(Handle h, Register register);
}
