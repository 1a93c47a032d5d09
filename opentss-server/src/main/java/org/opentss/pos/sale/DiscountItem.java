package org.opentss.pos.sale;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.opentss.http.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A line or cart discount of a sale with its id ({@code ldsc_…} or {@code cdsc_…}), printed label and
 * source (pos-api.md §15.3.2, §15.3.3). The rate keeps the scale the client sent ({@code "0.10"}).
 */
record DiscountItem(String id, Discount discount, Optional<String> label, String source) {

    static final Set<String> SOURCES = Set.of("manual", "promotion", "loyalty", "employee", "other");

    /** The discount as the API shows it, with the amount it takes off. */
    ObjectNode render(long amount) {
        ObjectNode node = Json.object();
        node.put("id", id);
        if (discount instanceof Discount.Percentage percentage) {
            node.put("type", "percentage");
            node.put("rate", percentage.rate().toPlainString());
        } else {
            node.put("type", "fixed");
            node.putNull("rate");
        }
        node.put("amount", amount);
        node.put("label", label.orElse(null));
        node.put("source", source);
        return node;
    }

    /** A discount as {@link #render} stored it. */
    static DiscountItem read(JsonNode node) {
        Discount discount = node.get("type").asString().equals("percentage")
                ? new Discount.Percentage(new BigDecimal(node.get("rate").asString()))
                : new Discount.Fixed(node.get("amount").asLong());
        return new DiscountItem(node.get("id").asString(), discount, StoredJson.optionalText(node, "label"),
                node.get("source").asString());
    }
}
