package org.opentss.pos.sale;

import java.util.Locale;
import java.util.Optional;

/** The flags a line item may carry (pos-api.md §15.3.1). */
public enum LineFlag {
    DEPOSIT,
    GIFT_CARD,
    SERVICE_CHARGE,
    TIP;

    /** Deposits, gift cards and tips are passed through at face value: no cart discount reduces them. */
    boolean excludesCartDiscounts() {
        return this != SERVICE_CHARGE;
    }

    /** The flag as the API writes it, e.g. {@code gift_card}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The flag a client sent; empty for any other value. */
    public static Optional<LineFlag> of(String wire) {
        for (LineFlag flag : values()) {
            if (flag.wire().equals(wire)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }
}
