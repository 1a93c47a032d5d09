package org.opentss.pos.sale;

import java.util.ArrayList;
import java.util.List;
import org.opentss.http.Json;
import org.opentss.pos.sale.SaleTotals.TaxGroup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cart of a sale: its line items and cart discounts as accepted (pos-api.md §15.3). Amounts are never
 * stored as input; they are computed from the cart whenever it is shown or signed (§15.4).
 */
record SaleContent(List<LineItem> lineItems, List<DiscountItem> cartDiscounts) {

    static final String CURRENCY = "EUR";

    SaleContent {
        lineItems = List.copyOf(lineItems);
        cartDiscounts = List.copyOf(cartDiscounts);
    }

    /** The amounts of §15.4; content that breaks a rule of the computation is a 422. */
    SaleTotals totals() {
        try {
            return TotalsCalculator.compute(lineItems.stream().map(LineItem::saleLine).toList(),
                    cartDiscounts.stream().map(DiscountItem::discount).toList());
        } catch (SaleRuleViolation e) {
            throw e.toPosError();
        }
    }

    /** The operation's {@code data} (§15.1) with no payments, as while the sale is open. */
    ObjectNode render(SaleTotals totals) {
        ObjectNode data = Json.object();
        data.put("currency", CURRENCY);
        ArrayNode lines = data.putArray("line_items");
        for (int i = 0; i < lineItems.size(); i++) {
            lines.add(lineItems.get(i).render(i + 1, totals.lines().get(i), cartDiscounts));
        }
        ArrayNode discounts = data.putArray("cart_discounts");
        for (int k = 0; k < cartDiscounts.size(); k++) {
            discounts.add(cartDiscounts.get(k).render(totals.cartDiscountAmounts().get(k)));
        }
        data.set("totals", renderTotals(totals));
        data.putArray("payments");
        return data;
    }

    private static ObjectNode renderTotals(SaleTotals totals) {
        ObjectNode node = Json.object();
        node.put("subtotal_gross", totals.subtotalGross());
        node.put("total_line_discounts", totals.totalLineDiscounts());
        node.put("total_cart_discounts", totals.totalCartDiscounts());
        node.put("total_gross", totals.totalGross());
        node.put("total_net", totals.totalNet());
        node.put("total_tax", totals.totalTax());
        ArrayNode breakdown = node.putArray("tax_breakdown");
        for (TaxGroup group : totals.taxBreakdown()) {
            breakdown.addObject().put("rate", group.rate().wire()).put("category", group.category())
                    .put("tse_vat_rate", group.rate().tseVatRate()).put("gross_amount", group.gross())
                    .put("net_amount", group.net()).put("tax_amount", group.tax());
        }
        return node;
    }

    /** The cart of an operation's stored {@code data}. */
    static SaleContent read(JsonNode data) {
        List<LineItem> lines = new ArrayList<>();
        data.get("line_items").forEach(line -> lines.add(LineItem.read(line)));
        List<DiscountItem> discounts = new ArrayList<>();
        data.get("cart_discounts").forEach(discount -> discounts.add(DiscountItem.read(discount)));
        return new SaleContent(lines, discounts);
    }
}
