package org.opentss.tx;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** The decimal strings of the standard_v1 schemas and how processData writes them (sign-de-v2.md §8.4). */
final class Amounts {

    /** A money amount: 2 to 5 decimals, may be negative (§8.3.1). */
    static final Pattern AMOUNT = Pattern.compile("^-?\\d+(\\.\\d{2,5})$");

    /** An order quantity: up to 5 decimals, negative for cancelled items (§8.3.2). */
    static final Pattern QUANTITY = Pattern.compile("^-?\\d+(\\.\\d{1,5})?$");

    private Amounts() {
    }

    /**
     * Two decimals, truncated toward zero (DSFinV-K cuts, it does not round). BigDecimal has no negative
     * zero, so {@code -0.004} comes out as {@code 0.00}, never {@code -0.00}.
     */
    static String format(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.DOWN).toPlainString();
    }

    /** The fewest decimals that keep the value: {@code 1.500} → {@code 1.5}, {@code -0.0} → {@code 0}. */
    static String formatQuantity(BigDecimal quantity) {
        return quantity.stripTrailingZeros().toPlainString();
    }
}
