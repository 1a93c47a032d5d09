package org.opentss.pos.fiscal;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.opentss.pos.register.ActiveUnitView;
import org.opentss.pos.register.Register;
import org.opentss.tss.TssRepository;
import tools.jackson.databind.node.ObjectNode;

/** Renders fiscal units with the TSS facts of their registration (§13.2). */
public final class FiscalUnitViews implements ActiveUnitView {

    private final FiscalUnitRepository units;
    private final TssRepository tsses;

    public FiscalUnitViews(FiscalUnitRepository units, TssRepository tsses) {
        this.units = units;
        this.tsses = tsses;
    }

    public ObjectNode render(Handle h, FiscalUnit unit, Register register) {
        return FiscalUnitJson.render(unit, unit.tssId().flatMap(id -> tsses.find(h, id)), register.serialNumber());
    }

    @Override
    public Optional<ObjectNode> activeUnit(Handle h, Register register) {
        return units.current(h, register.id())
                .filter(unit -> unit.state() == FiscalUnitState.ACTIVE)
                .map(unit -> render(h, unit, register));
    }
}
