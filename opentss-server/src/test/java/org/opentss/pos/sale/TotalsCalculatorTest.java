package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentss.pos.sale.SaleTotals.LineTotals;
import org.opentss.pos.sale.SaleTotals.TaxGroup;

class TotalsCalculatorTest {

    /** The worked example of pos-api.md §15.4, figure by figure. */
    @Test
    void workedExampleOfTheSpecification() {
        SaleTotals totals = workedExample();

        assertThat(totals.lines()).extracting(LineTotals::subtotalGross).containsExactly(934L, 312L, 597L, -1490L);
        assertThat(totals.lines()).extracting(LineTotals::subtotalAfterLineDiscounts)
                .containsExactly(934L, 312L, 547L, -1490L);
        assertThat(totals.cartDiscountAmounts()).containsExactly(90L, 33L);
        assertThat(totals.lines()).extracting(LineTotals::cartDiscountShares)
                .containsExactly(List.of(47L, 17L), List.of(16L, 6L), List.of(27L, 10L), List.of());
        assertThat(totals.lines()).extracting(LineTotals::totalGross).containsExactly(870L, 290L, 510L, -1490L);
        assertThat(totals.subtotalGross()).isEqualTo(353);
        assertThat(totals.totalLineDiscounts()).isEqualTo(50);
        assertThat(totals.totalCartDiscounts()).isEqualTo(123);
        assertThat(totals.totalGross()).isEqualTo(180);
        assertThat(totals.taxBreakdown()).containsExactly(
                new TaxGroup(TaxRate.STANDARD, "standard", -980, -824, -156),
                new TaxGroup(TaxRate.REDUCED, "reduced", 1160, 1084, 76));
        assertThat(totals.totalTax()).isEqualTo(-80);
        assertThat(totals.totalNet()).isEqualTo(260);
        // The amounts processData signs: Beleg^-9.80_11.60_0.00_0.00_0.00^1.80:Bar
        assertThat(totals.grossPerTseVatRate().values().stream().map(Money::euros)).containsExactly("-9.80", "11.60");
    }

    @Test
    void halfToEvenOnTheExactProduct() {
        SaleTotals totals = TotalsCalculator.compute(List.of(line("0.5", 3, TaxRate.STANDARD),
                line("0.5", 5, TaxRate.STANDARD)), List.of());
        assertThat(totals.lines()).extracting(LineTotals::subtotalGross).containsExactly(2L, 2L);
    }

    @Test
    void bothZeroRateCategoriesAreSeparateGroupsButOneTseSlot() {
        SaleTotals totals = TotalsCalculator.compute(List.of(
                new SaleLine(quantity("1"), 500, TaxRate.ZERO, "tax_exempt", List.of(), Set.of()),
                new SaleLine(quantity("1"), 300, TaxRate.ZERO, "not_taxable", List.of(), Set.of()),
                line("1", 119, TaxRate.STANDARD)), List.of());
        assertThat(totals.taxBreakdown()).extracting(TaxGroup::category)
                .containsExactly("standard", "not_taxable", "tax_exempt");
        assertThat(totals.taxBreakdown().getFirst().tax()).isEqualTo(19);
        assertThat(totals.grossPerTseVatRate()).containsEntry(TaxRate.ZERO, 800L).containsEntry(TaxRate.STANDARD, 119L);
    }

    @Test
    void depositsGiftCardsAndTipsTakeNoCartDiscount() {
        SaleTotals totals = TotalsCalculator.compute(List.of(
                line("1", 1000, TaxRate.STANDARD),
                new SaleLine(quantity("1"), 25, TaxRate.STANDARD, "standard", List.of(), Set.of(LineFlag.DEPOSIT)),
                new SaleLine(quantity("1"), 100, TaxRate.STANDARD, "standard", List.of(), Set.of(LineFlag.SERVICE_CHARGE))),
                List.of(new Discount.Percentage(new BigDecimal("0.10"))));
        assertThat(totals.cartDiscountAmounts()).containsExactly(110L);
        assertThat(totals.lines()).extracting(LineTotals::cartDiscountShares)
                .containsExactly(List.of(100L), List.of(), List.of(10L));
        assertThat(totals.totalGross()).isEqualTo(1015);
    }

    @Test
    void lineDiscountsLargerThanTheLineAreRefused() {
        assertThatThrownBy(() -> TotalsCalculator.compute(List.of(line("1", 100, TaxRate.STANDARD),
                line("1", 40, TaxRate.STANDARD, new Discount.Fixed(30), new Discount.Percentage(new BigDecimal("0.5")))),
                List.of()))
                .isInstanceOfSatisfying(SaleRuleViolation.class,
                        e -> assertThat(e.param()).isEqualTo("line_items[1].line_discounts"));
    }

    @Test
    void returnedItemsHaveNoLineDiscounts() {
        assertThatThrownBy(() -> TotalsCalculator.compute(List.of(line("-1", 100, TaxRate.STANDARD,
                new Discount.Fixed(1))), List.of()))
                .isInstanceOfSatisfying(SaleRuleViolation.class,
                        e -> assertThat(e.param()).isEqualTo("line_items[0].line_discounts"));
    }

    @Test
    void cartDiscountsBeyondTheDiscountableAmountAreRefused() {
        List<SaleLine> lines = List.of(line("1", 100, TaxRate.STANDARD),
                new SaleLine(quantity("1"), 500, TaxRate.STANDARD, "standard", List.of(), Set.of(LineFlag.TIP)));
        assertThatThrownBy(() -> TotalsCalculator.compute(lines, List.of(new Discount.Fixed(101))))
                .isInstanceOfSatisfying(SaleRuleViolation.class, e -> assertThat(e.param()).isEqualTo("cart_discounts"));
        assertThat(TotalsCalculator.compute(lines, List.of(new Discount.Fixed(100))).totalGross()).isEqualTo(500);
    }

    @Test
    void cartDiscountsWithoutAnEligibleLineAreRefused() {
        assertThatThrownBy(() -> TotalsCalculator.compute(List.of(line("-1", 100, TaxRate.STANDARD)),
                List.of(new Discount.Percentage(new BigDecimal("0.0001")))))
                .isInstanceOfSatisfying(SaleRuleViolation.class, e -> assertThat(e.param()).isEqualTo("cart_discounts"));
    }

    @Test
    void aTotalOutsideTheMoneyRangeIsRefused() {
        assertThatThrownBy(() -> TotalsCalculator.compute(List.of(line("999999.999", Money.LIMIT, TaxRate.STANDARD)),
                List.of()))
                .isInstanceOfSatisfying(SaleRuleViolation.class, e -> assertThat(e.param()).isEqualTo("line_items[0]"));
    }

    @Test
    void quantitiesAndRatesAreReadAsSpecified() {
        assertThat(Quantity.parse("2.500").orElseThrow().canonical()).isEqualTo("2.5");
        assertThat(Quantity.parse("-1").orElseThrow().canonical()).isEqualTo("-1");
        assertThat(Quantity.parse("0.000")).isEmpty();
        assertThat(Quantity.parse("1.2345")).isEmpty();
        assertThat(Quantity.parse("1234567")).isEmpty();
        assertThat(Quantity.parse("1e3")).isEmpty();
        assertThat(TaxRate.of("0.190")).contains(TaxRate.STANDARD);
        assertThat(TaxRate.of("0.16")).isEmpty();
        assertThat(TaxRate.of("abc")).isEmpty();
        assertThat(TaxRate.of("1.9E-1")).isEmpty();
        assertThat(TaxRate.of(".19")).isEmpty();
        assertThat(TaxRate.ZERO.allows("tax_exempt")).isTrue();
        assertThat(TaxRate.STANDARD.allows("reduced")).isFalse();
        assertThat(Money.euros(-5)).isEqualTo("-0.05");
        assertThat(Money.euros(0)).isEqualTo("0.00");
    }

    /** The sale of the worked example in pos-api.md §15.4: four lines, a 5 % and a 0.33 EUR cart discount. */
    static SaleTotals workedExample() {
        return TotalsCalculator.compute(List.of(
                line("0.375", 2490, TaxRate.REDUCED),
                line("2.5", 125, TaxRate.REDUCED),
                line("3", 199, TaxRate.STANDARD, new Discount.Fixed(50)),
                line("-1", 1490, TaxRate.STANDARD)),
                List.of(new Discount.Percentage(new BigDecimal("0.05")), new Discount.Fixed(33)));
    }

    /** A quantity the test knows to be valid. */
    static Quantity quantity(String text) {
        return Quantity.parse(text).orElseThrow();
    }

    /** A line in the rate's default category without flags. */
    static SaleLine line(String quantity, long unitPrice, TaxRate rate, Discount... discounts) {
        return new SaleLine(quantity(quantity), unitPrice, rate, rate.defaultCategory(), List.of(discounts), Set.of());
    }
}
