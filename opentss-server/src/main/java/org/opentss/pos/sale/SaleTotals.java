package org.opentss.pos.sale;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every amount OpenTSS computes for a sale (pos-api.md §15.4), in minor units. */
public record SaleTotals(List<LineTotals> lines, List<Long> cartDiscountAmounts, long subtotalGross,
        long totalLineDiscounts, long totalCartDiscounts, long totalGross, long totalNet, long totalTax,
        List<TaxGroup> taxBreakdown) {

    /**
     * The computed amounts of one line. {@code cartDiscountShares} holds one share per cart discount for a
     * line that takes part in cart discounts (possibly 0) and is empty for one that does not.
     */
    public record LineTotals(long subtotalGross, List<Long> lineDiscountAmounts, long lineDiscountAmount,
            long subtotalAfterLineDiscounts, List<Long> cartDiscountShares, long cartDiscountAmount,
            long totalGross) {
    }

    /** One (rate, category) group of the tax breakdown; {@code net + tax = gross}. */
    public record TaxGroup(TaxRate rate, String category, long gross, long net, long tax) {
    }

    /**
     * Gross amounts summed per TSE VAT slot, in processData order; both 0 % categories fall into the same
     * slot. Slots the sale does not use are absent.
     */
    public Map<TaxRate, Long> grossPerTseVatRate() {
        Map<TaxRate, Long> slots = new EnumMap<>(TaxRate.class);
        taxBreakdown.forEach(group -> slots.merge(group.rate(), group.gross(), Long::sum));
        return slots;
    }
}
