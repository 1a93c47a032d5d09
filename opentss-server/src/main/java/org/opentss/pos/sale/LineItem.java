package org.opentss.pos.sale;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.opentss.http.Json;
import org.opentss.pos.sale.SaleTotals.LineTotals;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A line item of a sale as accepted (pos-api.md §15.3.1): what the client sent, with its {@code li_} id. */
record LineItem(String id, String description, Quantity quantity, String unit, long unitPriceGross, TaxRate taxRate,
        String taxCategory, Optional<String> productRef, List<DiscountItem> lineDiscounts, List<LineFlag> flags) {

    LineItem {
        lineDiscounts = List.copyOf(lineDiscounts);
        flags = List.copyOf(flags);
    }

    /** What the totals computation needs of the line. */
    SaleLine saleLine() {
        EnumSet<LineFlag> flagSet = EnumSet.noneOf(LineFlag.class);
        flagSet.addAll(flags);
        return new SaleLine(quantity, unitPriceGross, taxRate, taxCategory,
                lineDiscounts.stream().map(DiscountItem::discount).toList(), flagSet);
    }

    /** The line as the API shows it at {@code position}, with its computed amounts. */
    ObjectNode render(int position, LineTotals totals, List<DiscountItem> cartDiscounts) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("position", position);
        node.put("description", description);
        node.put("quantity", quantity.canonical());
        node.put("unit", unit);
        node.put("unit_price_gross", unitPriceGross);
        node.putObject("tax").put("rate", taxRate.wire()).put("category", taxCategory);
        node.put("product_ref", productRef.orElse(null));
        ArrayNode flagArray = node.putArray("flags");
        flags.forEach(flag -> flagArray.add(flag.wire()));
        node.put("subtotal_gross", totals.subtotalGross());
        ArrayNode discounts = node.putArray("line_discounts");
        for (int i = 0; i < lineDiscounts.size(); i++) {
            discounts.add(lineDiscounts.get(i).render(totals.lineDiscountAmounts().get(i)));
        }
        node.put("line_discount_amount", totals.lineDiscountAmount());
        node.put("subtotal_after_line_discounts", totals.subtotalAfterLineDiscounts());
        ArrayNode allocations = node.putArray("cart_discount_allocations");
        for (int k = 0; k < totals.cartDiscountShares().size(); k++) {
            DiscountItem discount = cartDiscounts.get(k);
            allocations.addObject().put("discount_id", discount.id()).put("amount", totals.cartDiscountShares().get(k))
                    .put("label", discount.label().orElse(null));
        }
        node.put("cart_discount_amount", totals.cartDiscountAmount());
        node.put("total_gross", totals.totalGross());
        return node;
    }

    /** A line as {@link #render} stored it. */
    static LineItem read(JsonNode node) {
        List<DiscountItem> discounts = new ArrayList<>();
        node.get("line_discounts").forEach(discount -> discounts.add(DiscountItem.read(discount)));
        List<LineFlag> flags = new ArrayList<>();
        node.get("flags").forEach(flag -> flags.add(LineFlag.of(flag.asString()).orElseThrow()));
        JsonNode tax = node.get("tax");
        return new LineItem(node.get("id").asString(), node.get("description").asString(),
                Quantity.parse(node.get("quantity").asString()).orElseThrow(), node.get("unit").asString(),
                node.get("unit_price_gross").asLong(), TaxRate.of(tax.get("rate").asString()).orElseThrow(),
                tax.get("category").asString(), StoredJson.optionalText(node, "product_ref"), discounts, flags);
    }
}
