package org.opentss.pos.sale;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The VAT rates a sale line may carry (pos-api.md §15.3.1), declared in the order of that table, which is
 * also the order of the tax breakdown and of the five amounts in Kassenbeleg-V1 processData.
 */
public enum TaxRate {
    STANDARD("0.19", "NORMAL", "standard"),
    REDUCED("0.07", "REDUCED_1", "reduced"),
    AVERAGE_10_7("0.107", "SPECIAL_RATE_1", "flat_rate_10_7"),
    AVERAGE_5_5("0.055", "SPECIAL_RATE_2", "flat_rate_5_5"),
    ZERO("0.00", "NULL", "not_taxable", "tax_exempt");

    /** A rate is a plain decimal with a leading 0 (pos-api.md §3.5), never an exponent spelling. */
    private static final Pattern FORM = Pattern.compile("^0\\.[0-9]+$");

    private final String wire;
    private final BigDecimal value;
    private final String tseVatRate;
    private final List<String> categories;

    TaxRate(String wire, String tseVatRate, String... categories) {
        this.wire = wire;
        this.value = new BigDecimal(wire);
        this.tseVatRate = tseVatRate;
        this.categories = List.of(categories);
    }

    /**
     * The rate a client sent, compared by value so that {@code "0.190"} is the standard rate; empty for
     * any rate that is not in the table or not written as a plain decimal.
     */
    public static Optional<TaxRate> of(String rate) {
        if (rate == null || !FORM.matcher(rate).matches()) {
            return Optional.empty();
        }
        BigDecimal sent = new BigDecimal(rate);
        for (TaxRate candidate : values()) {
            if (candidate.value.compareTo(sent) == 0) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The rate as OpenTSS writes it, e.g. {@code "0.19"}. */
    public String wire() {
        return wire;
    }

    BigDecimal value() {
        return value;
    }

    /** The {@code vat_rate} of the TSS receipt schema this rate is signed under. */
    public String tseVatRate() {
        return tseVatRate;
    }

    /** The category used when the client sends none. */
    public String defaultCategory() {
        return categories.getFirst();
    }

    /** Whether a category belongs to this rate; the category never changes an amount. */
    public boolean allows(String category) {
        return categories.contains(category);
    }

    /** Position of a category in the breakdown order (rate first, then the table's category order). */
    int categoryOrder(String category) {
        return categories.indexOf(category);
    }
}
