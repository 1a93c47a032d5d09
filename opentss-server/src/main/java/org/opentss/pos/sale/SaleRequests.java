package org.opentss.pos.sale;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import org.opentss.http.PosIds;
import org.opentss.pos.PosInput;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bodies of the sale requests (pos-api.md §15.6), read and validated before anything changes: what
 * cannot be understood is a 400, unacceptable values and carts that break a rule of §15.4 are a 422.
 */
final class SaleRequests {

    /** A client operation id: a UUID in canonical textual form, any case (§3.3). */
    private static final Pattern CLIENT_OPERATION_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> START_FIELDS = Set.of("id", "external_id", "cashier", "occurred_at", "currency",
            "line_items", "cart_discounts", "metadata");
    private static final Set<String> UPDATE_FIELDS = Set.of("line_items", "cart_discounts", "cashier", "external_id",
            "metadata");

    private SaleRequests() {
    }

    /**
     * @param clientOperationId lower case
     * @param cashier as the API shows it: {@code {"id", "display_name"}}
     */
    record Start(Optional<String> clientOperationId, Optional<String> externalId, Optional<ObjectNode> cashier,
            Optional<Instant> occurredAt, SaleContent content, Map<String, String> metadata) {
    }

    /** The values of a sale after a {@code PATCH}: every field, changed or not. */
    record Update(SaleContent content, Optional<String> externalId, Optional<ObjectNode> cashier,
            Map<String, String> metadata) {
    }

    record Completion(List<SalePayment> payments, Optional<Instant> occurredAt) {
    }

    record Cancellation(String reason, Optional<Instant> occurredAt) {
    }

    static boolean isClientOperationId(String text) {
        return CLIENT_OPERATION_ID.matcher(text).matches();
    }

    static Start start(ObjectNode body, Instant now, PosIds ids) {
        PosInput in = PosInput.of(body).allowOnly(START_FIELDS);
        Optional<String> clientOperationId = in.optionalString("id", 0, Integer.MAX_VALUE).map(id -> {
            if (!isClientOperationId(id)) {
                throw PosError.validation("id", "id must be a UUID in canonical form, e.g. "
                        + "\"57fa22c1-5fe6-4711-866c-1c79914750e9\".");
            }
            return id.toLowerCase(Locale.ROOT);
        });
        Optional<String> externalId = in.nullableString("external_id", 0, 255);
        Optional<ObjectNode> cashier = cashier(in);
        Optional<Instant> occurredAt = in.optionalDeviceTime("occurred_at", now);
        in.optionalString("currency", 0, Integer.MAX_VALUE).ifPresent(currency -> {
            if (!currency.equals(SaleContent.CURRENCY)) {
                throw PosError.validation("currency", "currency must be \"EUR\"; no other currency is supported.");
            }
        });
        CartInput cart = CartInput.forStart(ids);
        SaleContent content = new SaleContent(cart.lineItems(in).orElse(List.of()),
                cart.cartDiscounts(in).orElse(List.of()));
        content.totals();
        return new Start(clientOperationId, externalId, cashier, occurredAt, content, in.metadataForCreate());
    }

    /** A {@code PATCH}: line items and cart discounts are replaced when sent, metadata is merged (§15.6.3). */
    static Update update(ObjectNode body, Operation current, PosIds ids) {
        PosInput in = PosInput.of(body).allowOnly(UPDATE_FIELDS);
        SaleContent stored = current.content();
        CartInput cart = CartInput.forUpdate(ids, stored);
        SaleContent content = new SaleContent(cart.lineItems(in).orElse(stored.lineItems()),
                cart.cartDiscounts(in).orElse(stored.cartDiscounts()));
        content.totals();
        Optional<String> externalId = in.has("external_id") ? in.nullableString("external_id", 0, 255)
                : current.externalId();
        Optional<ObjectNode> cashier = in.has("cashier") ? cashier(in) : current.cashier();
        return new Update(content, externalId, cashier, in.mergedMetadata(current.metadata()));
    }

    static Completion completion(ObjectNode body, Instant now) {
        PosInput in = PosInput.of(body).allowOnly(Set.of("payments", "occurred_at"));
        List<SalePayment> payments = SalePayment.parse(in.requiredObjectArray("payments", SalePayment.MAX_PAYMENTS));
        return new Completion(payments, in.optionalDeviceTime("occurred_at", now));
    }

    static Cancellation cancellation(ObjectNode body, Instant now) {
        PosInput in = PosInput.of(body).allowOnly(Set.of("reason", "occurred_at"));
        String reason = in.requiredString("reason", 1, 500);
        return new Cancellation(reason, in.optionalDeviceTime("occurred_at", now));
    }

    private static Optional<ObjectNode> cashier(PosInput in) {
        return in.nullableObject("cashier").map(cashier -> {
            cashier.allowOnly(Set.of("id", "display_name"));
            ObjectNode shown = Json.object();
            shown.put("id", cashier.requiredString("id", 1, 64));
            shown.put("display_name", cashier.nullableString("display_name", 0, 100).orElse(null));
            return shown;
        });
    }
}
