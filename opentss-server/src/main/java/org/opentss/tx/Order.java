package org.opentss.tx;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A validated {@code schema.standard_v1.order} (sign-de-v2.md §8.3.2), strings kept as sent. */
record Order(List<LineItem> lineItems) {

    static final int MAX_TEXT_LENGTH = 255;

    /** A CR or LF in the text would break the line structure of Bestellung-V1, so controls are refused. */
    private static final Pattern NO_CONTROL_CHARACTERS = Pattern.compile("^[^\\x00-\\x1F\\x7F]*$");

    record LineItem(String quantity, String text, String pricePerUnit) {

        BigDecimal quantityValue() {
            return new BigDecimal(quantity);
        }

        BigDecimal pricePerUnitValue() {
            return new BigDecimal(pricePerUnit);
        }
    }

    static Order parse(JsonInput in) {
        return new Order(in.requiredObjectArray("line_items").stream()
                .map(item -> new LineItem(
                        item.requiredMatching("quantity", Amounts.QUANTITY),
                        text(item),
                        item.requiredMatching("price_per_unit", Amounts.AMOUNT)))
                .toList());
    }

    private static String text(JsonInput item) {
        String text = item.requiredString("text", 0, MAX_TEXT_LENGTH);
        item.checkPattern("text", text, NO_CONTROL_CHARACTERS);
        return WellFormedText.check(text, item.where("text"));
    }

    /** The normalized form: known members only, in schema order. */
    ObjectNode toJson() {
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("line_items");
        lineItems.forEach(i -> items.addObject()
                .put("quantity", i.quantity())
                .put("text", i.text())
                .put("price_per_unit", i.pricePerUnit()));
        return json;
    }
}
