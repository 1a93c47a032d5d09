package org.opentss.pos.register;

import org.opentss.http.PosError;
import org.opentss.pos.PosInput;

/** Jurisdictions (pos-api.md §12.3): only Germany is supported; Austria and Italy are recognised. */
final class Jurisdiction {

    private Jurisdiction() {
    }

    /** The optional member {@code name}, default {@code DE}. */
    static String require(PosInput in, String name) {
        String value = in.optionalString(name, 0, Integer.MAX_VALUE).orElse("DE");
        if (value.equals("AT") || value.equals("IT")) {
            throw PosError.of(422, "jurisdiction_not_supported", "Jurisdiction '" + value
                    + "' is not supported yet. Only 'DE' is supported.", in.param(name));
        }
        if (!value.equals("DE")) {
            throw PosError.validation(in.param(name), name + " must be DE.");
        }
        return value;
    }
}
