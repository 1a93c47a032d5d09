package org.opentss.pos.sale;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opentss.pos.sale.SaleTotals.LineTotals;
import org.opentss.pos.sale.SaleTotals.TaxGroup;

/**
 * The totals computation of pos-api.md §15.4, step by step. All arithmetic is exact (BigDecimal and
 * BigInteger where a product can leave the long range); rounding is half to even.
 */
public final class TotalsCalculator {

    private TotalsCalculator() {
    }

    public static SaleTotals compute(List<SaleLine> lines, List<Discount> cartDiscounts) {
        int count = lines.size();
        long[] afterLineDiscounts = new long[count];
        List<LineDraft> drafts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LineDraft draft = lineDiscounts(i, lines.get(i));
            drafts.add(draft);
            afterLineDiscounts[i] = draft.subtotalGross - draft.lineDiscountAmount;
        }

        // Step 3: deposits, gift cards, tips and lines at or below zero keep their amount.
        boolean[] eligible = new boolean[count];
        long base = 0;
        for (int i = 0; i < count; i++) {
            eligible[i] = afterLineDiscounts[i] > 0 && !lines.get(i).excludesCartDiscounts();
            if (eligible[i]) {
                base += afterLineDiscounts[i];
            }
        }

        // Step 4: every percentage applies to the same base B.
        List<Long> cartAmounts = new ArrayList<>(cartDiscounts.size());
        long totalCartDiscounts = 0;
        for (Discount discount : cartDiscounts) {
            long amount = discount.amountOn(base);
            cartAmounts.add(amount);
            totalCartDiscounts += amount;
        }
        if (!cartDiscounts.isEmpty() && base == 0) {
            throw new SaleRuleViolation("cart_discounts", "no line of the sale can take a cart discount");
        }
        if (totalCartDiscounts > base) {
            throw new SaleRuleViolation("cart_discounts", "the cart discounts (" + totalCartDiscounts
                    + ") exceed the discountable amount of the sale (" + base + ")");
        }

        List<List<Long>> shares = allocate(cartAmounts, afterLineDiscounts, eligible);

        List<LineTotals> lineTotals = new ArrayList<>(count);
        long subtotalGross = 0;
        long totalLineDiscounts = 0;
        long totalGross = 0;
        for (int i = 0; i < count; i++) {
            LineDraft draft = drafts.get(i);
            long cartShare = shares.get(i).stream().mapToLong(Long::longValue).sum();
            long lineTotal = afterLineDiscounts[i] - cartShare;
            lineTotals.add(new LineTotals(draft.subtotalGross, draft.discountAmounts, draft.lineDiscountAmount,
                    afterLineDiscounts[i], shares.get(i), cartShare, lineTotal));
            subtotalGross += draft.subtotalGross;
            totalLineDiscounts += draft.lineDiscountAmount;
            totalGross += lineTotal;
        }
        if (!Money.inRange(subtotalGross) || !Money.inRange(totalGross)) {
            throw new SaleRuleViolation("line_items", "the sale's total is outside ±" + Money.LIMIT + " minor units");
        }

        List<TaxGroup> breakdown = taxBreakdown(lines, lineTotals);
        long totalTax = breakdown.stream().mapToLong(TaxGroup::tax).sum();
        long totalNet = breakdown.stream().mapToLong(TaxGroup::net).sum();
        return new SaleTotals(lineTotals, List.copyOf(cartAmounts), subtotalGross, totalLineDiscounts,
                totalCartDiscounts, totalGross, totalNet, totalTax, breakdown);
    }

    private record LineDraft(long subtotalGross, List<Long> discountAmounts, long lineDiscountAmount) {
    }

    /** Steps 1 and 2 for one line. */
    private static LineDraft lineDiscounts(int index, SaleLine line) {
        long subtotal = Money.round(line.quantity().value().multiply(BigDecimal.valueOf(line.unitPriceGross())));
        String param = "line_items[" + index + "]";
        if (!Money.inRange(subtotal)) {
            throw new SaleRuleViolation(param, "quantity × unit_price_gross is outside ±" + Money.LIMIT
                    + " minor units");
        }
        if (line.lineDiscounts().isEmpty()) {
            return new LineDraft(subtotal, List.of(), 0);
        }
        if (line.quantity().isNegative()) {
            throw new SaleRuleViolation(param + ".line_discounts", "a returned item (negative quantity) has no line discounts");
        }
        List<Long> amounts = new ArrayList<>(line.lineDiscounts().size());
        long sum = 0;
        for (Discount discount : line.lineDiscounts()) {
            long amount = discount.amountOn(subtotal);
            amounts.add(amount);
            sum += amount;
        }
        if (sum > subtotal) {
            throw new SaleRuleViolation(param + ".line_discounts", "the line discounts (" + sum
                    + ") exceed the line's subtotal (" + subtotal + ")");
        }
        return new LineDraft(subtotal, List.copyOf(amounts), sum);
    }

    /**
     * Step 5: each cart discount in turn is spread over the eligible lines in proportion to what is left of
     * them, by largest remainder (ties to the lower position), so the shares add up to the discount exactly.
     */
    private static List<List<Long>> allocate(List<Long> cartAmounts, long[] afterLineDiscounts, boolean[] eligible) {
        int count = afterLineDiscounts.length;
        long[] remaining = afterLineDiscounts.clone();
        List<List<Long>> shares = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            shares.add(eligible[i] ? new ArrayList<>(cartAmounts.size()) : List.of());
        }
        for (long amount : cartAmounts) {
            long weight = 0;
            for (int i = 0; i < count; i++) {
                if (eligible[i]) {
                    weight += remaining[i];
                }
            }
            long[] share = new long[count];
            long[] remainder = new long[count];
            List<Integer> order = new ArrayList<>();
            long distributed = 0;
            for (int i = 0; i < count; i++) {
                if (!eligible[i]) {
                    continue;
                }
                // amount × remaining can exceed a long. W is 0 only once earlier discounts took everything,
                // and then this amount is 0 as well (the amounts add up to at most B): every share is 0.
                BigInteger[] division = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(remaining[i]))
                        .divideAndRemainder(BigInteger.valueOf(Math.max(weight, 1)));
                share[i] = division[0].longValueExact();
                remainder[i] = division[1].longValueExact();
                distributed += share[i];
                order.add(i);
            }
            order.sort(Comparator.<Integer>comparingLong(i -> remainder[i]).reversed()
                    .thenComparing(Comparator.naturalOrder()));
            for (int k = 0; k < amount - distributed; k++) {
                share[order.get(k)]++;
            }
            for (int i : order) {
                shares.get(i).add(share[i]);
                remaining[i] -= share[i];
            }
        }
        return shares.stream().map(List::copyOf).toList();
    }

    /** Step 8: tax per (rate, category), ordered as the rate table, then by category. */
    private static List<TaxGroup> taxBreakdown(List<SaleLine> lines, List<LineTotals> totals) {
        Map<GroupKey, Long> gross = new TreeMap<>(Comparator.comparing(GroupKey::rate)
                .thenComparingInt(key -> key.rate().categoryOrder(key.category())));
        for (int i = 0; i < lines.size(); i++) {
            SaleLine line = lines.get(i);
            gross.merge(new GroupKey(line.taxRate(), line.taxCategory()), totals.get(i).totalGross(), Long::sum);
        }
        List<TaxGroup> groups = new ArrayList<>(gross.size());
        gross.forEach((key, amount) -> {
            BigDecimal rate = key.rate().value();
            long tax = Money.round(BigDecimal.valueOf(amount).multiply(rate), BigDecimal.ONE.add(rate));
            groups.add(new TaxGroup(key.rate(), key.category(), amount, amount - tax, tax));
        });
        return List.copyOf(groups);
    }

    private record GroupKey(TaxRate rate, String category) {
    }
}
