package org.opentss.pos.register;

import org.jdbi.v3.core.Handle;
import org.opentss.http.PosError;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.organization.Locations;

/**
 * Finds the register a request names, as the caller may see it (pos-api.md §4.2, §4.3): a register key
 * reaches only its own register (403 for any other); a platform key reaches the registers of the
 * organizations its acting organization reaches, in its environment (404 for any other).
 */
public final class RegisterAccess {

    private final RegisterRepository registers;
    private final Locations locations;
    private final PosDirectory directory;

    public RegisterAccess(RegisterRepository registers, Locations locations, PosDirectory directory) {
        this.registers = registers;
        this.locations = locations;
        this.directory = directory;
    }

    /** The internal id of the organization owning a location the caller reaches; 404 otherwise. */
    public String requireLocation(PosCaller caller, String locationId) {
        return locations.visible(caller, locationId).organizationId();
    }

    public Register require(Handle h, PosCaller caller, String registerId) {
        caller.requireOwnRegister(registerId);
        return registers.find(h, registerId)
                .filter(r -> r.env() == caller.env() && directory.reaches(caller.actingOrganization(), r.organizationId()))
                .orElseThrow(() -> PosError.notFound("Register " + registerId + " not found."));
    }
}
