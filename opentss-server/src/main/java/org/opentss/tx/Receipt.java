package org.opentss.tx;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code schema.standard_v1.receipt} (sign-de-v2.md §8.3.1). Strings are kept as sent, because
 * the echo shows them as sent; only the currency default is filled in.
 */
record Receipt(ReceiptType receiptType, List<VatAmount> amountsPerVatRate, Optional<List<Payment>> amountsPerPaymentType) {

    static final String DEFAULT_CURRENCY = "EUR";

    private static final Pattern CURRENCY = Pattern.compile("^[a-zA-Z]{3}$");

    /** One gross amount; {@code vatRate} is a name or a deprecated alias, echoed as sent. */
    record VatAmount(String vatRate, String amount) {

        VatRate slot() {
            return VatRate.ofWireName(vatRate);
        }

        BigDecimal value() {
            return new BigDecimal(amount);
        }
    }

    /** One payment; {@code currencyCode} is as sent, or {@code EUR} when it was absent. */
    record Payment(PaymentType paymentType, String amount, String currencyCode) {

        BigDecimal value() {
            return new BigDecimal(amount);
        }

        /** The ISO 4217 code as processData writes it (P3: upper case). */
        String currency() {
            return currencyCode.toUpperCase(Locale.ROOT);
        }
    }

    static Receipt parse(JsonInput in) {
        ReceiptType type = ReceiptType.valueOf(in.requiredEnum("receipt_type", ReceiptType.NAMES));
        List<VatAmount> vatAmounts = in.requiredObjectArray("amounts_per_vat_rate").stream()
                .map(item -> new VatAmount(
                        item.requiredEnum("vat_rate", VatRate.WIRE_NAMES),
                        item.requiredMatching("amount", Amounts.AMOUNT)))
                .toList();
        Optional<List<Payment>> payments = in.optionalObjectArray("amounts_per_payment_type")
                .map(items -> items.stream()
                        .map(item -> new Payment(
                                PaymentType.valueOf(item.requiredEnum("payment_type", PaymentType.NAMES)),
                                item.requiredMatching("amount", Amounts.AMOUNT),
                                item.optionalMatching("currency_code", CURRENCY).orElse(DEFAULT_CURRENCY)))
                        .toList());
        return new Receipt(type, vatAmounts, payments);
    }

    /** The normalized form: known members only, in schema order, every payment with its currency. */
    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("receipt_type", receiptType.name());
        ArrayNode vat = json.putArray("amounts_per_vat_rate");
        amountsPerVatRate.forEach(v -> vat.addObject().put("vat_rate", v.vatRate()).put("amount", v.amount()));
        amountsPerPaymentType.ifPresent(list -> {
            ArrayNode payments = json.putArray("amounts_per_payment_type");
            list.forEach(p -> payments.addObject()
                    .put("payment_type", p.paymentType().name())
                    .put("amount", p.amount())
                    .put("currency_code", p.currencyCode()));
        });
        return json;
    }
}
