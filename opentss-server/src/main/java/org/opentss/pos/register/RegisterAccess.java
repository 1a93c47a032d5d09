package org.opentss.pos.register;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.opentss.http.PosError;
import org.opentss.identity.Environment;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosDirectory;
import org.opentss.store.Database;

/**
 * Finds the register a request names, as the caller may see it (pos-api.md §4.2, §4.3): a register key
 * reaches only its own register (403 for any other); a platform key reaches the registers of the
 * organizations its acting organization reaches, in its environment (404 for any other).
 */
public final class RegisterAccess {

    private final Jdbi jdbi;
    private final RegisterRepository registers;
    private final PosDirectory directory;

    public RegisterAccess(Database database, RegisterRepository registers, PosDirectory directory) {
        this.jdbi = database.jdbi();
        this.registers = registers;
        this.directory = directory;
    }

    /** The internal id of the organization owning a location the caller reaches; 404 otherwise. */
    public String requireLocation(PosCaller caller, String locationId) {
        record Owner(String organizationId, Environment env) {
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT organization_id, env FROM pos_location WHERE id = :id")
                        .bind("id", locationId)
                        .map((rs, ctx) -> new Owner(rs.getString("organization_id"),
                                Environment.valueOf(rs.getString("env"))))
                        .findOne())
                .filter(o -> o.env() == caller.env() && directory.reaches(caller.actingOrganization(), o.organizationId()))
                .map(Owner::organizationId)
                .orElseThrow(() -> PosError.notFound("Location " + locationId + " not found."));
    }

    public Register require(Handle h, PosCaller caller, String registerId) {
        caller.requireOwnRegister(registerId);
        return registers.find(h, registerId)
                .filter(r -> r.env() == caller.env() && directory.reaches(caller.actingOrganization(), r.organizationId()))
                .orElseThrow(() -> PosError.notFound("Register " + registerId + " not found."));
    }
}
