package org.opentss.pos.sale;

import java.util.List;
import java.util.Set;

/** One line item of a sale as the client defined it, validated field by field (pos-api.md §15.3.1). */
public record SaleLine(Quantity quantity, long unitPriceGross, TaxRate taxRate, String taxCategory,
        List<Discount> lineDiscounts, Set<LineFlag> flags) {

    public SaleLine {
        if (unitPriceGross < 0 || unitPriceGross > Money.LIMIT) {
            throw new IllegalArgumentException("unit_price_gross is 0 … " + Money.LIMIT + ": " + unitPriceGross);
        }
        if (!taxRate.allows(taxCategory)) {
            throw new IllegalArgumentException(taxCategory + " is not a category of rate " + taxRate.wire());
        }
        lineDiscounts = List.copyOf(lineDiscounts);
        flags = Set.copyOf(flags);
    }

    boolean excludesCartDiscounts() {
        return flags.stream().anyMatch(LineFlag::excludesCartDiscounts);
    }
}
