package org.opentss.pos.sale;

import java.time.Clock;
import org.jdbi.v3.core.Handle;
import org.opentss.pos.fiscal.OpenOperations;

/** The open sales of registers, for the fiscal unit lifecycle (§13.5, §13.8). */
public final class UnsignableOperations implements OpenOperations {

    private final OperationRepository operations = new OperationRepository();
    private final Clock clock;

    public UnsignableOperations(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long count(Handle h, String registerId) {
        return operations.countOpen(h, registerId);
    }

    @Override
    public void closeUnsignable(Handle h, String fiscalUnitId, String reason) {
        long now = clock.millis();
        for (Operation operation : operations.openOfFiscalUnit(h, fiscalUnitId)) {
            operation.closeUnsignable(reason, now);
            operations.update(h, operation);
        }
    }
}
