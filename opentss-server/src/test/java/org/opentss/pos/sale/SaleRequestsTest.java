package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import org.opentss.http.PosIds;
import org.opentss.identity.Environment;
import org.opentss.pos.register.Register;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The sale request bodies of pos-api.md §15.3 and §15.6: what is accepted, and the answer to what is not. */
class SaleRequestsTest {

    private static final PosIds IDS = new PosIds(Clock.systemUTC(), new SecureRandom());
    private static final Instant NOW = Instant.parse("2026-03-14T09:12:03.104Z");
    private static final String LINE = "{\"description\": \"Cappuccino\", \"quantity\": \"1\", \"unit_price_gross\": 350, "
            + "\"tax\": {\"rate\": \"0.19\"}}";

    @Test
    void aStartMayBeEmptyAndGetsDefaults() {
        SaleRequests.Start start = SaleRequests.start(Json.object(), NOW, IDS);
        assertThat(start.content().lineItems()).isEmpty();
        assertThat(start.clientOperationId()).isEmpty();
        assertThat(start.occurredAt()).isEmpty();
        assertThat(start.metadata()).isEmpty();
    }

    @Test
    void theClientOperationIdIsStoredInLowerCase() {
        SaleRequests.Start start = SaleRequests.start(object("{\"id\": \"57FA22C1-5FE6-4711-866C-1C79914750E9\"}"),
                NOW, IDS);
        assertThat(start.clientOperationId()).contains("57fa22c1-5fe6-4711-866c-1c79914750e9");
    }

    @Test
    void lineItemsGetIdsUnitsCategoriesAndCanonicalQuantities() {
        SaleRequests.Start start = SaleRequests.start(object("{\"line_items\": [{\"description\": \"Käse\", "
                + "\"quantity\": \"0.370\", \"unit\": \"kg\", \"unit_price_gross\": 2490, \"tax\": {\"rate\": \"0.070\"}},"
                + LINE + ", {\"description\": \"Buch\", \"quantity\": \"-1\", \"unit_price_gross\": 1000, "
                + "\"tax\": {\"rate\": \"0.00\", \"category\": \"tax_exempt\"}, \"flags\": [\"gift_card\", \"tip\"]}]}"),
                NOW, IDS);
        List<LineItem> lines = start.content().lineItems();
        assertThat(lines).extracting(LineItem::id).allMatch(id -> PosIds.isWellFormed("li", id)).doesNotHaveDuplicates();
        assertThat(lines).extracting(line -> line.quantity().canonical()).containsExactly("0.37", "1", "-1");
        assertThat(lines).extracting(LineItem::unit).containsExactly("kg", "piece", "piece");
        assertThat(lines).extracting(LineItem::taxCategory).containsExactly("reduced", "standard", "tax_exempt");
        assertThat(lines.get(2).flags()).containsExactly(LineFlag.GIFT_CARD, LineFlag.TIP);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\": \"op-42\"}                                                   | id",
        "{\"currency\": \"USD\"}                                               | currency",
        "{\"cashier\": {\"display_name\": \"Maria\"}}                          | cashier.id",
        "{\"occurred_at\": \"2026-03-14T09:17:04Z\"}                           | occurred_at",
        "{\"line_items\": [{\"quantity\": \"1\", \"unit_price_gross\": 1, \"tax\": {\"rate\": \"0.19\"}}]} "
                + "| line_items[0].description",
        "{\"line_items\": [" + "{\"description\": \"x\", \"quantity\": \"0\", \"unit_price_gross\": 1, "
                + "\"tax\": {\"rate\": \"0.19\"}}]}                            | line_items[0].quantity",
        "{\"line_items\": [{\"description\": \"x\", \"quantity\": \"1.2345\", \"unit_price_gross\": 1, "
                + "\"tax\": {\"rate\": \"0.19\"}}]}                            | line_items[0].quantity",
        "{\"line_items\": [{\"description\": \"x\", \"quantity\": \"1\", \"unit_price_gross\": -1, "
                + "\"tax\": {\"rate\": \"0.19\"}}]}                            | line_items[0].unit_price_gross",
        "{\"line_items\": [{\"description\": \"x\", \"quantity\": \"1\", \"unit_price_gross\": 1, "
                + "\"tax\": {\"rate\": \"0.16\"}}]}                            | line_items[0].tax.rate",
        "{\"line_items\": [{\"description\": \"x\", \"quantity\": \"1\", \"unit_price_gross\": 1, "
                + "\"tax\": {\"rate\": \"0.19\", \"category\": \"reduced\"}}]} | line_items[0].tax.category",
        "{\"line_items\": [{\"description\": \"x\", \"quantity\": \"1\", \"unit_price_gross\": 1, "
                + "\"tax\": {\"rate\": \"0.19\"}, \"flags\": [\"tip\", \"tip\"]}]} | line_items[0].flags[1]",
        "{\"line_items\": [{\"description\": \"x\", \"quantity\": \"1\", \"unit_price_gross\": 1, "
                + "\"tax\": {\"rate\": \"0.19\"}, \"flags\": [\"pfand\"]}]}    | line_items[0].flags[0]",
        "{\"line_items\": [{\"description\": \"x\", \"quantity\": \"-1\", \"unit_price_gross\": 100, "
                + "\"tax\": {\"rate\": \"0.19\"}, \"line_discounts\": [{\"type\": \"fixed\", \"amount\": 1}]}]} "
                + "| line_items[0].line_discounts",
        "{\"cart_discounts\": [{\"type\": \"percentage\", \"rate\": \"1.5\"}]}  | cart_discounts[0].rate",
        "{\"cart_discounts\": [{\"type\": \"percentage\", \"rate\": \"0.00\"}]} | cart_discounts[0].rate",
        "{\"cart_discounts\": [{\"type\": \"percentage\", \"rate\": \"0.12345\"}]} | cart_discounts[0].rate",
        "{\"cart_discounts\": [{\"type\": \"percentage\", \"rate\": \"0.1\", \"amount\": 5}]} | cart_discounts[0].amount",
        "{\"cart_discounts\": [{\"type\": \"fixed\", \"amount\": 5, \"rate\": \"0.1\"}]} | cart_discounts[0].rate",
        "{\"cart_discounts\": [{\"type\": \"fixed\", \"amount\": 0}]}           | cart_discounts[0].amount",
        "{\"cart_discounts\": [{\"type\": \"fixed\", \"amount\": 5}]}           | cart_discounts",
    })
    void unacceptableValuesAre422WithTheirField(String body, String param) {
        assertThatThrownBy(() -> SaleRequests.start(object(body), NOW, IDS)).isInstanceOfSatisfying(PosError.class,
                e -> {
                    assertThat(e.status()).as(e.getMessage()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("validation_error");
                    assertThat(e.param()).contains(param);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"total\": 5}                                                        | total",
        "{\"id\": 42}                                                          | id",
        "{\"line_items\": {}}                                                  | line_items",
        "{\"line_items\": [" + LINE + ", 7]}                                   | line_items[1]",
        "{\"line_items\": [{\"id\": \"li_01KKNSVWNR7RTNT5R2YZB26TT0\", \"description\": \"x\"}]} | line_items[0].id",
        "{\"line_items\": [{\"description\": \"x\", \"quantity\": 1}]}         | line_items[0].quantity",
        "{\"line_items\": [{\"description\": \"x\", \"quantity\": \"1\", \"unit_price_gross\": 1, "
                + "\"tax\": {\"rate\": \"0.19\", \"vat\": 1}}]}                | line_items[0].tax.vat",
    })
    void whatCannotBeUnderstoodIs400WithItsField(String body, String param) {
        assertThatThrownBy(() -> SaleRequests.start(object(body), NOW, IDS)).isInstanceOfSatisfying(PosError.class,
                e -> {
                    assertThat(e.status()).as(e.getMessage()).isEqualTo(400);
                    assertThat(e.param()).contains(param);
                });
    }

    @Test
    void atMost500LineItemsAndTenDiscounts() {
        String lines = "{\"line_items\": [" + String.join(",", Collections.nCopies(501, LINE)) + "]}";
        assertThatThrownBy(() -> SaleRequests.start(object(lines), NOW, IDS))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.param()).contains("line_items"));
        String discount = "{\"type\": \"fixed\", \"amount\": 1}";
        String discounts = "{\"line_items\": [" + LINE + "], \"cart_discounts\": ["
                + String.join(",", Collections.nCopies(11, discount)) + "]}";
        assertThatThrownBy(() -> SaleRequests.start(object(discounts), NOW, IDS))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.param()).contains("cart_discounts"));
    }

    @Test
    void aPatchKeepsTheIdsItNamesAndRefusesOthers() {
        Operation op = sale("{\"line_items\": [" + LINE + "], \"cart_discounts\": [{\"type\": \"fixed\", "
                + "\"amount\": 10}]}");
        String lineId = op.content().lineItems().getFirst().id();
        String cartDiscountId = op.content().cartDiscounts().getFirst().id();

        SaleRequests.Update kept = SaleRequests.update(object("{\"line_items\": [" + LINE.replaceFirst("\\{", "{\"id\": \""
                + lineId + "\", ") + ", " + LINE + "]}"), op, IDS);
        assertThat(kept.content().lineItems().get(0).id()).isEqualTo(lineId);
        assertThat(kept.content().lineItems().get(1).id()).isNotEqualTo(lineId);
        assertThat(kept.content().cartDiscounts()).extracting(DiscountItem::id).containsExactly(cartDiscountId);

        assertRefused(op, "{\"line_items\": [" + LINE.replaceFirst("\\{", "{\"id\": \"li_01KKNSVWNR7RTNT5R2YZB26TT0\", ")
                + "]}", "line_items[0].id");
        assertRefused(op, "{\"line_items\": [" + LINE.replaceFirst("\\{", "{\"id\": \"" + lineId + "\", ") + ", "
                + LINE.replaceFirst("\\{", "{\"id\": \"" + lineId + "\", ") + "]}", "line_items[1].id");
        assertRefused(op, "{\"cart_discounts\": [{\"id\": \"" + lineId + "\", \"type\": \"fixed\", \"amount\": 1}]}",
                "cart_discounts[0].id");
        assertRefused(op, "{\"cart_discounts\": [{\"type\": \"fixed\", \"amount\": 351}]}", "cart_discounts");
    }

    @Test
    void paymentsShowTheirTsePaymentTypeAndTheChangeGiven() {
        SaleRequests.Completion completion = SaleRequests.completion(object("{\"payments\": ["
                + "{\"method\": \"cash\", \"amount\": 585, \"cash\": {\"amount_tendered\": 1000}},"
                + "{\"method\": \"cash\", \"amount\": 100},"
                + "{\"method\": \"cash\", \"amount\": 50, \"direction\": \"outbound\"},"
                + "{\"method\": \"digital_wallet\", \"amount\": 5, \"wallet\": {\"provider\": \"apple_pay\"}},"
                + "{\"method\": \"bank_transfer\", \"amount\": 7, \"currency\": \"EUR\", \"reference\": \"SEPA-1\"}]}"),
                NOW);
        List<JsonNode> shown = completion.payments().stream().map(p -> (JsonNode) p.render()).toList();
        assertThat(Json.writeString(shown.get(0))).isEqualTo("{\"method\":\"cash\",\"direction\":\"inbound\","
                + "\"amount\":585,\"currency\":\"EUR\",\"reference\":null,\"tse_payment_type\":\"CASH\","
                + "\"cash\":{\"amount_tendered\":1000,\"change\":415}}");
        assertThat(shown.get(1).get("cash").get("change").asLong()).isZero();
        assertThat(shown.get(2).has("cash")).isFalse();
        assertThat(shown.get(2).get("direction").asString()).isEqualTo("outbound");
        assertThat(Json.writeString(shown.get(3).get("wallet"))).isEqualTo("{\"provider\":\"apple_pay\"}");
        assertThat(shown.get(3).get("tse_payment_type").asString()).isEqualTo("NON_CASH");
        assertThat(shown.get(4).get("reference").asString()).isEqualTo("SEPA-1");
        assertThat(completion.payments()).extracting(p -> p.payment().signedAmount())
                .containsExactly(585L, 100L, -50L, 5L, 7L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                                                                    | payments",
        "{\"payments\": [{\"method\": \"cheque\", \"amount\": 1}]}             | payments[0].method",
        "{\"payments\": [{\"method\": \"cash\", \"amount\": 0}]}               | payments[0].amount",
        "{\"payments\": [{\"method\": \"cash\", \"amount\": 5, \"currency\": \"USD\"}]} | payments[0].currency",
        "{\"payments\": [{\"method\": \"card\", \"amount\": 5, \"cash\": {\"amount_tendered\": 5}}]} | payments[0].cash",
        "{\"payments\": [{\"method\": \"cash\", \"amount\": 5, \"direction\": \"outbound\", "
                + "\"cash\": {\"amount_tendered\": 5}}]}                       | payments[0].cash",
        "{\"payments\": [{\"method\": \"cash\", \"amount\": 5, \"cash\": {\"amount_tendered\": 4}}]} "
                + "| payments[0].cash.amount_tendered",
        "{\"payments\": [{\"method\": \"card\", \"amount\": 5, \"card\": {\"last4\": \"42\"}}]} | payments[0].card.last4",
        "{\"payments\": [{\"method\": \"other\", \"amount\": 5, \"voucher\": {\"code\": \"X\"}}]} | payments[0].voucher",
    })
    void unacceptablePaymentsAre422(String body, String param) {
        assertThatThrownBy(() -> SaleRequests.completion(object(body), NOW)).isInstanceOfSatisfying(PosError.class,
                e -> {
                    assertThat(e.status()).as(e.getMessage()).isEqualTo(422);
                    assertThat(e.param()).contains(param);
                });
    }

    @Test
    void aCancellationNeedsAReason() {
        assertThat(SaleRequests.cancellation(object("{\"reason\": \"Customer left\"}"), NOW).reason())
                .isEqualTo("Customer left");
        assertThatThrownBy(() -> SaleRequests.cancellation(object("{\"reason\": \"\"}"), NOW))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.param()).contains("reason"));
        assertThatThrownBy(() -> SaleRequests.cancellation(object("{\"reason\": \"x\", \"payments\": []}"), NOW))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private static void assertRefused(Operation op, String body, String param) {
        assertThatThrownBy(() -> SaleRequests.update(object(body), op, IDS)).isInstanceOfSatisfying(PosError.class,
                e -> {
                    assertThat(e.status()).as(e.getMessage()).isEqualTo(422);
                    assertThat(e.param()).contains(param);
                });
    }

    private static Operation sale(String start) {
        Register register = new Register("reg_1", "org-uuid", Environment.TEST, "loc_1", "Kasse", "KASSE-01", "DE", false,
                Map.of(), 0, 0, OptionalLong.empty());
        return Operation.newSale("op_1", register, "org_1", "fu_1", "tss", "serial", "tx", 1,
                SaleRequests.start(object(start), NOW, IDS), "{}", NOW.toEpochMilli());
    }

    private static ObjectNode object(String json) {
        return Json.parseStoredObject(json);
    }
}
