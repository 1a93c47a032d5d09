package org.opentss.pos.fiscal;

import java.util.Locale;

/** The lifecycle of a fiscal unit (pos-api.md §13.1); only an active unit signs. */
public enum FiscalUnitState {
    PROVISIONING, ACTIVE, ERROR, DECOMMISSIONED;

    /** The value in the API and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FiscalUnitState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
