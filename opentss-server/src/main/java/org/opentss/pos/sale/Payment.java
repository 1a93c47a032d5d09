package org.opentss.pos.sale;

import java.util.List;

/**
 * A payment applied to a sale (pos-api.md §15.3.4). Cash is signed as {@code Bar}, every other method as
 * {@code Unbar}; an outbound payment (money paid out, e.g. for a net return) counts negatively.
 */
public record Payment(String method, long amount, boolean outbound) {

    public Payment {
        if (amount < 1 || amount > Money.LIMIT) {
            throw new IllegalArgumentException("a payment's amount is 1 … " + Money.LIMIT + ": " + amount);
        }
    }

    /** The {@code payment_type} of the TSS receipt: {@code CASH} or {@code NON_CASH}. */
    public String tsePaymentType() {
        return "cash".equals(method) ? "CASH" : "NON_CASH";
    }

    /** What the payment contributes to settling the sale. */
    public long signedAmount() {
        return outbound ? -amount : amount;
    }

    /** The payment rule: inbound minus outbound equals the amount due, to the cent. */
    public static void requireSettles(List<Payment> payments, long totalGross) {
        long paid = payments.stream().mapToLong(Payment::signedAmount).sum();
        if (paid != totalGross) {
            throw new SaleRuleViolation("payment_mismatch", "payments", "the payments come to " + Money.euros(paid)
                    + " EUR but the sale's total_gross is " + Money.euros(totalGross) + " EUR");
        }
    }
}
