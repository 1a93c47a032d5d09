package org.opentss.pos.sale;

/**
 * Sale content whose amounts break a rule of pos-api.md §15.4 (a discount larger than what it reduces, a
 * total out of range). The API answers it {@code 422 validation_error} with {@link #param()}.
 */
public final class SaleRuleViolation extends RuntimeException {

    private final String param;

    public SaleRuleViolation(String param, String message) {
        super(message);
        this.param = param;
    }

    /** The request field at fault, e.g. {@code line_items[2].line_discounts}. */
    public String param() {
        return param;
    }
}
