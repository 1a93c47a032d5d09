package org.opentss.pos.sale;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Integer minor units of EUR (pos-api.md §3.5) and the exact rounding every amount goes through. */
public final class Money {

    /** The largest magnitude any money field may carry. */
    public static final long LIMIT = 9_999_999_999L;

    private Money() {
    }

    public static boolean inRange(long amount) {
        return Math.abs(amount) <= LIMIT;
    }

    /** Round half to even of an exact decimal, to whole minor units. */
    static long round(BigDecimal exact) {
        return exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * Round half to even of the exact quotient {@code numerator / denominator}; BigDecimal's scaled divide
     * rounds the true quotient, not a truncated one, so nothing is lost to a finite expansion.
     */
    static long round(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** Euros with two decimals as processData and the TSS receipt write them: {@code -980} → {@code "-9.80"}. */
    public static String euros(long minorUnits) {
        return new BigDecimal(BigInteger.valueOf(minorUnits), 2).toPlainString();
    }
}
