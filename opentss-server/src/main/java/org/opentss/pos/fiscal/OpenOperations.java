package org.opentss.pos.fiscal;

import org.jdbi.v3.core.Handle;

/**
 * The open operations of a register, as far as fiscal units need them (pos-api.md §13.5, §13.8): operations
 * build on fiscal units, so this is how the fiscal unit lifecycle reaches them without depending on them.
 */
public interface OpenOperations {

    long count(Handle h, String registerId);

    /**
     * Closes the open operations of a fiscal unit that is retired in state {@code error}: their TSE
     * transactions can no longer be finished, so they become {@code cancelled} with fiscal state
     * {@code failed} and no end event.
     */
    void closeUnsignable(Handle h, String fiscalUnitId, String reason);
}
