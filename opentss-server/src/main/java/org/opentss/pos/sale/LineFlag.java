package org.opentss.pos.sale;

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
}
