package org.opentss.pos.sale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import org.opentss.pos.PosInput;
import tools.jackson.databind.node.ObjectNode;

/**
 * A payment of a completion as accepted (pos-api.md §15.3.4), with the detail object of its method. The
 * TSE only learns the cash / non-cash split ({@link #payment()}); the details are the client's record.
 *
 * @param details the detail object as accepted; for inbound cash always {@code {"amount_tendered": …}}
 */
record SalePayment(String method, long amount, boolean outbound, Optional<String> reference,
        Optional<ObjectNode> details) {

    static final int MAX_PAYMENTS = 20;

    private static final Set<String> METHODS = Set.of("cash", "card", "digital_wallet", "bank_transfer", "voucher",
            "gift_card", "online", "other");
    /** The member that carries each method's details; methods without details are absent. */
    private static final Map<String, String> DETAIL_MEMBER = Map.of("cash", "cash", "card", "card",
            "digital_wallet", "wallet", "voucher", "voucher", "gift_card", "gift_card", "online", "online");
    /** The optional string fields of each detail object, in the order the API writes them. */
    private static final Map<String, List<String>> DETAIL_FIELDS = Map.of(
            "card", List.of("scheme", "last4", "authorization_code", "terminal_id", "application_id"),
            "wallet", List.of("provider", "scheme", "last4", "authorization_code"),
            "voucher", List.of("code", "type"),
            "gift_card", List.of("gift_card_id", "last4"),
            "online", List.of("provider", "transaction_reference"));
    private static final int MAX_DETAIL_LENGTH = 64;
    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");
    private static final Set<String> FIELDS = Set.of("method", "amount", "direction", "currency", "reference", "cash",
            "card", "wallet", "voucher", "gift_card", "online");

    /** What the TSE signs of the payment. */
    Payment payment() {
        return new Payment(method, amount, outbound);
    }

    /** The payment as the API shows it: the accepted fields, the TSE payment type and the change given. */
    ObjectNode render() {
        ObjectNode node = Json.object();
        node.put("method", method);
        node.put("direction", outbound ? "outbound" : "inbound");
        node.put("amount", amount);
        node.put("currency", SaleContent.CURRENCY);
        node.put("reference", reference.orElse(null));
        node.put("tse_payment_type", payment().tsePaymentType());
        details.ifPresent(detail -> {
            ObjectNode shown = detail.deepCopy();
            if (method.equals("cash")) {
                shown.put("change", detail.get("amount_tendered").asLong() - amount);
            }
            node.set(DETAIL_MEMBER.get(method), shown);
        });
        return node;
    }

    /** Reads {@code payments} of a completion; each item is located as {@code payments[i]}. */
    static List<SalePayment> parse(List<PosInput> items) {
        List<SalePayment> payments = new ArrayList<>();
        for (PosInput item : items) {
            payments.add(parse(item));
        }
        return payments;
    }

    private static SalePayment parse(PosInput in) {
        in.allowOnly(FIELDS);
        String method = in.requiredEnum("method", METHODS);
        long amount = in.requiredInteger("amount", 1, Money.LIMIT);
        boolean outbound = in.optionalEnum("direction", Set.of("inbound", "outbound")).orElse("inbound")
                .equals("outbound");
        in.optionalString("currency", 0, Integer.MAX_VALUE).ifPresent(currency -> {
            if (!currency.equals(SaleContent.CURRENCY)) {
                throw PosError.validation(in.param("currency"), in.param("currency") + " must be \"EUR\", the "
                        + "currency of the sale.");
            }
        });
        Optional<String> reference = in.nullableString("reference", 0, 255);
        String member = DETAIL_MEMBER.get(method);
        for (String other : DETAIL_MEMBER.values()) {
            if (in.has(other) && !other.equals(member)) {
                throw PosError.validation(in.param(other), in.param(other) + " does not match method '" + method
                        + "'.");
            }
        }
        Optional<ObjectNode> details;
        if (method.equals("cash")) {
            details = cash(in, amount, outbound);
        } else {
            details = member == null ? Optional.empty() : in.optionalObject(member).map(detail -> strings(detail, member));
        }
        return new SalePayment(method, amount, outbound, reference, details);
    }

    /** The cash handed over; change is not a payment (§15.3.4). */
    private static Optional<ObjectNode> cash(PosInput in, long amount, boolean outbound) {
        Optional<PosInput> cash = in.optionalObject("cash");
        if (outbound) {
            if (cash.isPresent()) {
                throw PosError.validation(in.param("cash"), in.param("cash") + " is only allowed for inbound "
                        + "payments.");
            }
            return Optional.empty();
        }
        long tendered = amount;
        if (cash.isPresent()) {
            PosInput detail = cash.get().allowOnly(Set.of("amount_tendered"));
            tendered = detail.requiredInteger("amount_tendered", 0, Money.LIMIT);
            if (tendered < amount) {
                throw PosError.validation(detail.param("amount_tendered"), detail.param("amount_tendered")
                        + " must be at least the payment's amount (" + amount + ").");
            }
        }
        return Optional.of(Json.object().put("amount_tendered", tendered));
    }

    private static ObjectNode strings(PosInput detail, String member) {
        List<String> fields = DETAIL_FIELDS.get(member);
        detail.allowOnly(Set.copyOf(fields));
        ObjectNode accepted = Json.object();
        for (String field : fields) {
            if (!detail.has(field)) {
                continue;
            }
            Optional<String> value = detail.nullableString(field, 0, MAX_DETAIL_LENGTH);
            if (field.equals("last4") && value.isPresent() && !LAST4.matcher(value.get()).matches()) {
                throw PosError.validation(detail.param(field), detail.param(field) + " must be exactly 4 digits.");
            }
            accepted.put(field, value.orElse(null));
        }
        return accepted;
    }
}
