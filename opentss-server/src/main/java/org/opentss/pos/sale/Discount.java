package org.opentss.pos.sale;

import java.math.BigDecimal;

/**
 * A line or cart discount as defined by the client: a rate for {@code percentage}, an amount for
 * {@code fixed} (pos-api.md §15.3.2). What it takes off is computed by {@link TotalsCalculator}.
 */
public sealed interface Discount {

    /** What this discount takes off a base, rounded half to even. */
    long amountOn(long base);

    /** {@code 0 < rate ≤ 1}, applied to the undiscounted base (discounts do not compound). */
    record Percentage(BigDecimal rate) implements Discount {
        public Percentage {
            if (rate.signum() <= 0 || rate.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("a percentage discount's rate is in (0, 1]: " + rate);
            }
        }

        @Override
        public long amountOn(long base) {
            return Money.round(BigDecimal.valueOf(base).multiply(rate));
        }
    }

    /** A fixed amount in minor units, at least 1. */
    record Fixed(long amount) implements Discount {
        public Fixed {
            if (amount < 1 || amount > Money.LIMIT) {
                throw new IllegalArgumentException("a fixed discount's amount is 1 … " + Money.LIMIT + ": " + amount);
            }
        }

        @Override
        public long amountOn(long base) {
            return amount;
        }
    }
}
