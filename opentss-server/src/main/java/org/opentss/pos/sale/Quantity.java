package org.opentss.pos.sale;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** A line quantity: up to six integer digits and three decimals, never zero (pos-api.md §3.5). */
public record Quantity(BigDecimal value) {

    private static final Pattern FORM = Pattern.compile("^-?[0-9]{1,6}(\\.[0-9]{1,3})?$");

    /** The quantity a client sent, or empty when it is malformed or zero. */
    public static Optional<Quantity> parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(text);
        return value.signum() == 0 ? Optional.empty() : Optional.of(new Quantity(value));
    }

    public boolean isNegative() {
        return value.signum() < 0;
    }

    /** Without trailing zeros or a trailing point: {@code "2.500"} is written {@code "2.5"}. */
    public String canonical() {
        return value.stripTrailingZeros().toPlainString();
    }
}
