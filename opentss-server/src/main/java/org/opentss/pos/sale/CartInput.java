package org.opentss.pos.sale;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opentss.http.PosError;
import org.opentss.http.PosIds;
import org.opentss.pos.PosInput;

/**
 * Reads the line items and cart discounts of a start or {@code PATCH} request (pos-api.md §15.3.1–§15.3.3).
 * Items get new ids; a {@code PATCH} may name the id of a current item to keep it, and an id that is not
 * part of the current cart is a 422.
 */
final class CartInput {

    static final int MAX_LINE_ITEMS = 500;
    static final int MAX_DISCOUNTS = 10;

    private static final Set<String> LINE_FIELDS = Set.of("description", "quantity", "unit", "unit_price_gross", "tax",
            "product_ref", "line_discounts", "flags");
    private static final Set<String> DISCOUNT_FIELDS = Set.of("type", "rate", "amount", "label", "source");
    /** A discount rate: greater than 0, at most 1, at most four decimals, with the leading digit. */
    private static final Pattern DISCOUNT_RATE = Pattern.compile("^(0(\\.[0-9]{1,4})?|1(\\.0{1,4})?)$");

    private final PosIds ids;
    /** Empty for a start request, which has no {@code id} members (they are unknown fields, 400). */
    private final Optional<Set<String>> keepableIds;
    private final Set<String> keptIds = new HashSet<>();

    private CartInput(PosIds ids, Optional<Set<String>> keepableIds) {
        this.ids = ids;
        this.keepableIds = keepableIds;
    }

    /** A start request: every item is new and an {@code id} member is unknown (400). */
    static CartInput forStart(PosIds ids) {
        return new CartInput(ids, Optional.empty());
    }

    /** A {@code PATCH}: items may keep the ids of the current cart. */
    static CartInput forUpdate(PosIds ids, SaleContent current) {
        Set<String> keepable = Stream.concat(
                current.lineItems().stream().flatMap(line -> Stream.concat(Stream.of(line.id()),
                        line.lineDiscounts().stream().map(DiscountItem::id))),
                current.cartDiscounts().stream().map(DiscountItem::id)).collect(Collectors.toUnmodifiableSet());
        return new CartInput(ids, Optional.of(keepable));
    }

    Optional<List<LineItem>> lineItems(PosInput body) {
        return body.optionalObjectArray("line_items", MAX_LINE_ITEMS)
                .map(items -> items.stream().map(this::lineItem).toList());
    }

    Optional<List<DiscountItem>> cartDiscounts(PosInput body) {
        return body.optionalObjectArray("cart_discounts", MAX_DISCOUNTS)
                .map(items -> items.stream().map(item -> discount(item, "cdsc")).toList());
    }

    private LineItem lineItem(PosInput in) {
        in.allowOnly(withId(LINE_FIELDS));
        String id = keptId(in, "li", "line item").orElseGet(() -> ids.next("li"));
        String description = in.requiredString("description", 1, 255);
        String quantityParam = in.param("quantity");
        Quantity quantity = Quantity.parse(in.requiredString("quantity", 0, Integer.MAX_VALUE))
                .orElseThrow(() -> PosError.validation(quantityParam, quantityParam + " must be a non-zero decimal "
                        + "string with at most 6 integer digits and 3 decimal places, e.g. \"2\" or \"0.375\"."));
        String unit = in.optionalString("unit", 1, 20).orElse("piece");
        long unitPriceGross = in.requiredInteger("unit_price_gross", 0, Money.LIMIT);
        PosInput tax = in.requiredObject("tax").allowOnly(Set.of("rate", "category"));
        String rateParam = tax.param("rate");
        TaxRate rate = TaxRate.of(tax.requiredString("rate", 0, Integer.MAX_VALUE))
                .orElseThrow(() -> PosError.validation(rateParam, rateParam + " must be one of \"0.19\", \"0.07\", "
                        + "\"0.107\", \"0.055\", \"0.00\"."));
        String category = tax.optionalString("category", 0, Integer.MAX_VALUE).orElse(rate.defaultCategory());
        if (!rate.allows(category)) {
            throw PosError.validation(tax.param("category"), tax.param("category") + " '" + category
                    + "' does not belong to rate " + rate.wire() + ".");
        }
        Optional<String> productRef = in.nullableString("product_ref", 0, 100);
        List<DiscountItem> lineDiscounts = in.optionalObjectArray("line_discounts", MAX_DISCOUNTS).orElse(List.of())
                .stream().map(item -> discount(item, "ldsc")).toList();
        return new LineItem(id, description, quantity, unit, unitPriceGross, rate, category, productRef, lineDiscounts,
                flags(in));
    }

    private static List<LineFlag> flags(PosInput in) {
        List<String> sent = in.optionalStringArray("flags", LineFlag.values().length).orElse(List.of());
        List<LineFlag> flags = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            String where = in.param("flags") + "[" + i + "]";
            LineFlag flag = LineFlag.of(sent.get(i)).orElseThrow(() -> PosError.validation(where, where
                    + " must be one of deposit, gift_card, service_charge, tip."));
            if (flags.contains(flag)) {
                throw PosError.validation(where, where + " repeats the flag " + flag.wire() + ".");
            }
            flags.add(flag);
        }
        return flags;
    }

    private DiscountItem discount(PosInput in, String prefix) {
        in.allowOnly(withId(DISCOUNT_FIELDS));
        String id = keptId(in, prefix, "discount").orElseGet(() -> ids.next(prefix));
        String type = in.requiredEnum("type", Set.of("percentage", "fixed"));
        Discount discount;
        if (type.equals("percentage")) {
            refuse(in, "amount", "the amount of a percentage discount is computed; send rate");
            String rate = in.requiredString("rate", 0, Integer.MAX_VALUE);
            if (!DISCOUNT_RATE.matcher(rate).matches() || new BigDecimal(rate).signum() == 0) {
                throw PosError.validation(in.param("rate"), in.param("rate") + " must be a decimal string greater "
                        + "than 0 and at most 1 with at most 4 decimal places, e.g. \"0.10\".");
            }
            discount = new Discount.Percentage(new BigDecimal(rate));
        } else {
            refuse(in, "rate", "a fixed discount has an amount, not a rate");
            discount = new Discount.Fixed(in.requiredInteger("amount", 1, Money.LIMIT));
        }
        Optional<String> label = in.nullableString("label", 0, 100);
        String source = in.optionalEnum("source", DiscountItem.SOURCES).orElse("manual");
        return new DiscountItem(id, discount, label, source);
    }

    /** A member that the discount's type does not allow; {@code null} counts as absent. */
    private static void refuse(PosInput in, String name, String why) {
        if (in.has(name) && !in.isNull(name)) {
            throw PosError.validation(in.param(name), in.param(name) + " is not allowed: " + why + ".");
        }
    }

    private Set<String> withId(Set<String> fields) {
        if (keepableIds.isEmpty()) {
            return fields;
        }
        Set<String> all = new HashSet<>(fields);
        all.add("id");
        return all;
    }

    /** The id of a current item the request keeps; each id may be kept once. */
    private Optional<String> keptId(PosInput in, String prefix, String kind) {
        Optional<String> id = in.optionalString("id", 0, Integer.MAX_VALUE);
        id.ifPresent(value -> {
            if (!value.startsWith(prefix + "_") || !keepableIds.orElseThrow().contains(value)) {
                throw PosError.validation(in.param("id"), in.param("id") + " '" + value + "' is not the id of a "
                        + kind + " of this sale.");
            }
            if (!keptIds.add(value)) {
                throw PosError.validation(in.param("id"), in.param("id") + " '" + value + "' is used twice.");
            }
        });
        return id;
    }
}
