package org.opentss.pos.register;

import org.jdbi.v3.core.Handle;
import org.opentss.pos.PosDirectory;
import tools.jackson.databind.node.ObjectNode;

/** The register object with everything it shows of other resources: organization id, fiscal unit, key. */
public final class RegisterViews {

    private final PosDirectory directory;
    private final RegisterKeys keys;
    private final ActiveUnitView activeUnits;

    public RegisterViews(PosDirectory directory, RegisterKeys keys, ActiveUnitView activeUnits) {
        this.directory = directory;
        this.keys = keys;
        this.activeUnits = activeUnits;
    }

    public ObjectNode render(Handle h, Register register) {
        return RegisterJson.render(register, directory.posId(h, register.organizationId()),
                activeUnits.activeUnit(h, register), keys.credential(h, register.id()));
    }
}
