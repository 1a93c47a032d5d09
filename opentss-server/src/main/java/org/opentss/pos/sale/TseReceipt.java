package org.opentss.pos.sale;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opentss.http.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code standard_v1} receipt schema a sale is finished with in the TSS layer (pos-api.md §15.5), built
 * from the computed totals so that the signed processData carries exactly the amounts the receipt prints.
 */
public final class TseReceipt {

    private TseReceipt() {
    }

    /** The schema of a completed sale: gross per VAT slot and the net cash and non-cash payments. */
    public static ObjectNode receipt(SaleTotals totals, List<Payment> payments) {
        Payment.requireSettles(payments, totals.totalGross());
        // CASH sorts before NON_CASH, the Bar-before-Unbar order of processData.
        Map<String, Long> perType = new TreeMap<>();
        payments.forEach(payment -> perType.merge(payment.tsePaymentType(), payment.signedAmount(), Long::sum));
        ObjectNode schema = schema("RECEIPT", totals);
        ArrayNode paymentTypes = schema.withObject("standard_v1").withObject("receipt").putArray("amounts_per_payment_type");
        perType.forEach((type, amount) -> {
            if (amount != 0) {
                paymentTypes.addObject().put("payment_type", type).put("amount", Money.euros(amount))
                        .put("currency_code", "EUR");
            }
        });
        return schema;
    }

    /** The schema of a cancelled sale: its gross per VAT slot and no payments. */
    public static ObjectNode cancellation(SaleTotals totals) {
        ObjectNode schema = schema("CANCELLATION", totals);
        schema.withObject("standard_v1").withObject("receipt").putArray("amounts_per_payment_type");
        return schema;
    }

    private static ObjectNode schema(String receiptType, SaleTotals totals) {
        ObjectNode schema = Json.object();
        ObjectNode receipt = schema.putObject("standard_v1").putObject("receipt").put("receipt_type", receiptType);
        ArrayNode vatRates = receipt.putArray("amounts_per_vat_rate");
        totals.grossPerTseVatRate().forEach((rate, gross) -> {
            if (gross != 0) {
                vatRates.addObject().put("vat_rate", rate.tseVatRate()).put("amount", Money.euros(gross));
            }
        });
        return schema;
    }
}
