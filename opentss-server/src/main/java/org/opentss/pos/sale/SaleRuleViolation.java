package org.opentss.pos.sale;

import org.opentss.http.PosError;

/**
 * Sale content whose amounts break a rule of pos-api.md §15.4 (a discount larger than what it reduces, a
 * total out of range, payments that do not settle the total). The API answers it 422 with {@link #code()}
 * and {@link #param()}.
 */
public final class SaleRuleViolation extends RuntimeException {

    private final String code;
    private final String param;

    /** A {@code validation_error}. */
    public SaleRuleViolation(String param, String message) {
        this("validation_error", param, message);
    }

    public SaleRuleViolation(String code, String param, String message) {
        super(message);
        this.code = code;
        this.param = param;
    }

    /** The error code of pos-api.md §7.2. */
    public String code() {
        return code;
    }

    /** The request field at fault, e.g. {@code line_items[2].line_discounts}. */
    public String param() {
        return param;
    }

    /** The API's answer: 422 with the code and field at fault, the message as a sentence. */
    public PosError toPosError() {
        String message = getMessage();
        String sentence = Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
        return PosError.of(422, code, sentence, param);
    }
}
