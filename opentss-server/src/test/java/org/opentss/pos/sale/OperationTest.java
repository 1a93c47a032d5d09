package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.opentss.http.Json;
import org.opentss.http.PosIds;
import org.opentss.identity.Environment;
import org.opentss.pos.register.Register;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operation envelope built from the requests of pos-api.md §15.6.1, §15.6.3 and §15.6.4 and the TSS
 * transactions that sign them is the specification's example response, value by value and in its order.
 */
class OperationTest {

    private static final PosIds IDS = new PosIds(Clock.systemUTC(), new SecureRandom());
    private static final Register KASSE_01 = new Register("reg_01KKBFPKT0C0KA21SK9BKE4YD9", "b1e5c7a2-org",
            Environment.TEST, "loc_01KKBFMS701ZAZ6PJ0DNSE6MWY", "Kasse 1", "KASSE-01", "DE", false, Map.of(), 0, 0,
            OptionalLong.empty());
    private static final String TSE_SERIAL = "0a6839a48ea3791013cdb476d5598f78bf0b19ca8ce7554cf4609dbc135907ed";
    private static final String PUBLIC_KEY = "BL5LfP7h0nWz/QSKnhTxsSn7q4FN1CrzSxU/CAUY8fpGGndiwMGy9M3EJXxp7ljsBLUMkqK7"
            + "JfcIrvLKASTxcTw=";

    private static final String START = """
            {"external_id": "pos-order-0042", "cashier": {"id": "emp-17", "display_name": "Maria R."},
             "occurred_at": "2026-03-14T09:12:02.870Z",
             "line_items": [
               {"description": "Cappuccino", "quantity": "2", "unit_price_gross": 350, "tax": {"rate": "0.19"},
                "product_ref": "SKU-CAP-01"},
               {"description": "Croissant", "quantity": "1", "unit_price_gross": 280, "tax": {"rate": "0.07"},
                "product_ref": "SKU-CRO-01"},
               {"description": "Pfand Mehrwegbecher", "quantity": "1", "unit_price_gross": 25,
                "tax": {"rate": "0.19"}, "flags": ["deposit"]}],
             "metadata": {"table": "12"}}""";

    private static final String UPDATE = """
            {"line_items": [
               {"description": "Cappuccino", "quantity": "2", "unit_price_gross": 350, "tax": {"rate": "0.19"},
                "product_ref": "SKU-CAP-01", "id": "%s"},
               {"description": "Croissant", "quantity": "1", "unit_price_gross": 280, "tax": {"rate": "0.07"},
                "product_ref": "SKU-CRO-01", "id": "%s",
                "line_discounts": [{"type": "percentage", "rate": "0.10", "label": "Tagesangebot",
                                    "source": "promotion"}]},
               {"description": "Pfand Mehrwegbecher", "quantity": "1", "unit_price_gross": 25,
                "tax": {"rate": "0.19"}, "flags": ["deposit"], "id": "%s"}],
             "cart_discounts": [{"type": "fixed", "amount": 100, "label": "Stammkunden-Rabatt", "source": "loyalty"}]}""";

    private static final String COMPLETE = """
            {"payments": [
               {"method": "cash", "amount": 500, "cash": {"amount_tendered": 500}},
               {"method": "card", "amount": 377, "reference": "TID-7731-000412",
                "card": {"scheme": "visa", "last4": "4242", "authorization_code": "A1B2C3",
                         "terminal_id": "TID-7731", "application_id": "A0000000031010"}}],
             "occurred_at": "2026-03-14T09:15:40.950Z"}""";

    @Test
    void startUpdateAndCompletionGiveTheExampleEnvelopeOfTheSpecification() {
        Operation op = started();
        assertThat(op.resourceVersion()).isEqualTo(1);
        assertThat(op.render().at("/fiscal/start_event/transaction_counter").asLong()).isEqualTo(4822);

        SaleContent cart = op.content();
        String update = UPDATE.formatted(cart.lineItems().get(0).id(), cart.lineItems().get(1).id(),
                cart.lineItems().get(2).id());
        op.update(SaleRequests.update(object(update), op, IDS), millis("2026-03-14T09:13:10.220Z"));
        assertThat(op.resourceVersion()).isEqualTo(2);
        assertThat(op.content().lineItems()).extracting(LineItem::id)
                .containsExactlyElementsOf(cart.lineItems().stream().map(LineItem::id).toList());

        SaleRequests.Completion completion = SaleRequests.completion(object(COMPLETE), Instant.now());
        op.complete(finish(), ZoneId.of("Europe/Berlin"), completion.payments(), "{}",
                millis("2026-03-14T09:15:40.950Z"), millis("2026-03-14T09:15:41.180Z"),
                millis("2026-03-14T09:15:41.402Z"));

        ObjectNode expected = resource("completed-sale.json");
        ObjectNode actual = withExampleIds(op.render(), expected);
        assertThat(Json.writeString(actual)).isEqualTo(Json.writeString(expected));
    }

    @Test
    void aPatchThatChangesNothingKeepsTheVersion() {
        Operation op = started();
        op.update(SaleRequests.update(object("{\"metadata\": {\"table\": \"12\"}}"), op, IDS), 1);
        assertThat(op.resourceVersion()).isEqualTo(1);
        op.update(SaleRequests.update(object("{\"external_id\": null}"), op, IDS), 2);
        assertThat(op.resourceVersion()).isEqualTo(2);
        assertThat(op.render().get("external_id").isNull()).isTrue();
    }

    @Test
    void aSaleWhoseStartWasNeverSignedIsCancelledWithoutTseDataAtTheServerTime() {
        Operation op = newSale("{\"line_items\": [{\"description\": \"Cappuccino\", \"quantity\": \"1\", "
                + "\"unit_price_gross\": 350, \"tax\": {\"rate\": \"0.19\"}}]}", millis("2026-03-14T10:00:00.090Z"));
        op.recordFailedStep();
        assertThat(op.render().get("fiscal_state").asString()).isEqualTo("failed");

        op.cancel(Optional.empty(), ZoneId.of("Europe/Berlin"), "Customer left", "{}",
                millis("2026-03-14T09:58:00.000Z"), millis("2026-03-14T10:02:31.015Z"),
                millis("2026-03-14T10:02:31.020Z"));

        JsonNode shown = op.render();
        assertThat(shown.get("state").asString()).isEqualTo("cancelled");
        assertThat(shown.get("fiscal_state").asString()).isEqualTo("succeeded");
        assertThat(shown.get("cancelled_at").asString()).isEqualTo("2026-03-14T10:02:31.015Z");
        assertThat(shown.get("cancellation_reason").asString()).isEqualTo("Customer left");
        assertThat(shown.at("/fiscal/start_event").isNull()).isTrue();
        assertThat(shown.at("/fiscal/end_event").isNull()).isTrue();
        assertThat(shown.at("/fiscal/document_number").isNull()).isTrue();
        assertThat(shown.at("/fiscal/tse_serial").asString()).isEqualTo(TSE_SERIAL);
        assertThat(shown.at("/fiscal/late").asBoolean()).as("cancelled 4.5 minutes after the device did").isTrue();
        assertThat(shown.get("resource_version").asLong()).isEqualTo(2);
    }

    @Test
    void aStartThatArrivesMoreThanAMinuteLateIsFlaggedLate() {
        String body = "{\"occurred_at\": \"2026-03-14T11:05:12.400Z\"}";
        assertThat(newSale(body, millis("2026-03-14T11:06:12.400Z")).render().at("/fiscal/late").asBoolean()).isFalse();
        assertThat(newSale(body, millis("2026-03-14T11:06:12.401Z")).render().at("/fiscal/late").asBoolean()).isTrue();
    }

    private static Operation started() {
        Operation op = newSale(START, millis("2026-03-14T09:12:03.104Z"));
        ObjectNode tx = transaction(19731, "njaDXJNltEgTuO92YyVKhVU6EppRx86kns8q8pCoqMS87+uaWkxi9F/MQTG2bu4lLchRi/SiXN2f"
                + "QigjZx9L9w==");
        op.recordStart(tx, millis("2026-03-14T09:12:03.391Z"));
        return op;
    }

    private static Operation newSale(String start, long receivedAt) {
        return Operation.newSale("op_01KKNSVWNRNTRC4H8AZGGM9QX5", KASSE_01, "org_01KKBFJYM02CNDSQ4A424ZD88X",
                "fu_01KKBFRED07W5N83HRRVBCMEFH", "tss-1", TSE_SERIAL, "tx-1", 1377,
                SaleRequests.start(object(start), Instant.ofEpochMilli(receivedAt), IDS), "{}", receivedAt);
    }

    /** A TSS transaction as {@code upsertInLockedTss} returns it, with the example's TSE values. */
    private static ObjectNode transaction(long signatureCounter, String signature) {
        ObjectNode tx = Json.object();
        tx.put("tss_serial_number", TSE_SERIAL);
        tx.put("client_serial_number", "KASSE-01");
        tx.put("number", 4822);
        tx.put("time_start", Instant.parse("2026-03-14T09:12:03Z").getEpochSecond());
        tx.putObject("signature").put("value", signature).put("algorithm", "ecdsa-plain-SHA256")
                .put("counter", signatureCounter).put("public_key", PUBLIC_KEY);
        tx.putObject("log").put("timestamp_format", "unixTime");
        return tx;
    }

    private static ObjectNode finish() {
        String processData = "Beleg^6.51_2.26_0.00_0.00_0.00^5.00:Bar_3.77:Unbar";
        String signature = "EfeLpBH8x9HEJoeh/jIyj0LdkVTZ/+nbv6ADCjGHYaa24RvQayOP7346slKUYLn08XLpibh31TSG13pGXnjOfQ==";
        ObjectNode tx = transaction(19734, signature);
        tx.putObject("schema").putObject("raw").put("process_type", "Kassenbeleg-V1")
                .put("process_data", Base64.getEncoder().encodeToString(processData.getBytes(StandardCharsets.UTF_8)));
        tx.put("time_end", Instant.parse("2026-03-14T09:15:41Z").getEpochSecond());
        tx.put("qr_code_data", "V0;KASSE-01;Kassenbeleg-V1;" + processData + ";4822;19734;2026-03-14T09:12:03.000Z;"
                + "2026-03-14T09:15:41.000Z;ecdsa-plain-SHA256;unixTime;" + signature + ";" + PUBLIC_KEY);
        return tx;
    }

    /** The rendered envelope with the generated line and discount ids replaced by the example's. */
    private static ObjectNode withExampleIds(ObjectNode actual, ObjectNode expected) {
        Map<String, String> ids = new HashMap<>();
        ArrayNode lines = (ArrayNode) actual.at("/data/line_items");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            JsonNode exampleLine = expected.at("/data/line_items").get(i);
            ids.put(line.get("id").asString(), exampleLine.get("id").asString());
            for (int d = 0; d < line.get("line_discounts").size(); d++) {
                ids.put(line.get("line_discounts").get(d).get("id").asString(),
                        exampleLine.get("line_discounts").get(d).get("id").asString());
            }
        }
        for (int k = 0; k < actual.at("/data/cart_discounts").size(); k++) {
            ids.put(actual.at("/data/cart_discounts").get(k).get("id").asString(),
                    expected.at("/data/cart_discounts").get(k).get("id").asString());
        }
        String text = Json.writeString(actual);
        for (Map.Entry<String, String> id : ids.entrySet()) {
            text = text.replace("\"" + id.getKey() + "\"", "\"" + id.getValue() + "\"");
        }
        return Json.parseStoredObject(text);
    }

    private static ObjectNode resource(String name) {
        try (InputStream in = OperationTest.class.getResourceAsStream(name)) {
            return Json.parseStoredObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(String json) {
        return Json.parseStoredObject(json);
    }

    private static long millis(String time) {
        return Instant.parse(time).toEpochMilli();
    }
}
