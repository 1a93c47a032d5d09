package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertPosError;
import static org.opentss.testing.PosAssertions.assertQrVerifies;
import static org.opentss.testing.PosAssertions.fieldNames;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Sales over real HTTP (pos-api.md §15.6): the examples of the specification, signed on the register's TSS
 * and verified with the independent verifier; versions and If-Match; closed sales; the operations list;
 * who may see which sale.
 */
class SalesIT {

    static final List<String> ENVELOPE = List.of("id", "object", "type", "state", "register_id", "location_id",
            "organization_id", "external_id", "client_operation_id", "sequence_number", "cashier", "fiscal",
            "fiscal_state", "references", "cancellation_reason", "metadata", "occurred_at", "received_at",
            "started_at", "end_occurred_at", "end_received_at", "completed_at", "cancelled_at", "created_at",
            "updated_at", "resource_version", "data");
    static final String CAPPUCCINO = "{\"description\": \"Cappuccino\", \"quantity\": \"1\", \"unit_price_gross\": 350, "
            + "\"tax\": {\"rate\": \"0.19\"}, \"product_ref\": \"SKU-CAP-01\"}";

    private static TestServer server;
    private static Shop shop;
    private static PosClient platform;
    private static Shop.Till kasse;
    private static Shop.Till kiosk;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        shop = new Shop(server);
        platform = shop.platform;
        kasse = shop.till("KASSE-01");
        kiosk = shop.till("KIOSK-01");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theExampleSaleIsStartedUpdatedAndCompletedAndItsReceiptVerifies() {
        Instant now = server.clock().instant();
        HttpResult started = platform.with("Idempotency-Key", "0a6aa3f9-5332-4ecb-beb1-f51498e5cd19")
                .post("/v1/registers/" + kasse.id() + "/sales", """
                        {"external_id": "pos-order-0042", "cashier": {"id": "emp-17", "display_name": "Maria R."},
                         "occurred_at": "%s",
                         "line_items": [
                           {"description": "Cappuccino", "quantity": "2", "unit_price_gross": 350,
                            "tax": {"rate": "0.19"}, "product_ref": "SKU-CAP-01"},
                           {"description": "Croissant", "quantity": "1", "unit_price_gross": 280,
                            "tax": {"rate": "0.07"}, "product_ref": "SKU-CRO-01"},
                           {"description": "Pfand Mehrwegbecher", "quantity": "1", "unit_price_gross": 25,
                            "tax": {"rate": "0.19"}, "flags": ["deposit"]}],
                         "metadata": {"table": "12"}}""".formatted(now.minusMillis(234)));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.header("ETag")).contains("\"1\"");
        assertThat(started.header("Idempotent-Replayed")).isEmpty();
        JsonNode sale = started.json();
        assertThat(fieldNames(sale)).isEqualTo(ENVELOPE);
        String id = sale.get("id").asString();
        assertThat(id).startsWith("op_");
        assertThat(sale.get("state").asString()).isEqualTo("open");
        assertThat(sale.get("fiscal_state").asString()).isEqualTo("succeeded");
        assertThat(sale.get("organization_id").asString()).isEqualTo(shop.merchant);
        assertThat(sale.get("location_id").asString()).isEqualTo(shop.location);
        assertThat(sale.get("sequence_number").asLong()).isPositive();
        assertThat(sale.at("/fiscal/late").asBoolean()).isFalse();
        assertThat(sale.at("/fiscal/fiscal_unit_id").asString()).isEqualTo(kasse.fiscalUnitId());
        assertThat(sale.at("/fiscal/client_id").asString()).isEqualTo("KASSE-01");
        assertThat(sale.at("/data/totals/total_gross").asLong()).isEqualTo(1005);
        assertThat(sale.at("/data/totals/total_net").asLong()).isEqualTo(871);
        assertThat(sale.at("/data/totals/total_tax").asLong()).isEqualTo(134);
        assertThat(sale.at("/data/totals/tax_breakdown/0/gross_amount").asLong()).isEqualTo(725);
        assertThat(sale.get("received_at").asString()).isEqualTo(sale.get("created_at").asString());

        JsonNode start = sale.at("/fiscal/start_event");
        long number = start.get("transaction_counter").asLong();
        JsonNode signedStart = shop.tssTransaction(kasse.tssId(), number, 1);
        assertThat(sale.at("/fiscal/tse_serial").asString()).isEqualTo(signedStart.get("tss_serial_number").asString());
        assertThat(start.get("signature").asString()).isEqualTo(signedStart.at("/signature/value").asString());
        assertThat(start.get("signature_counter").asLong()).isEqualTo(signedStart.at("/signature/counter").asLong());
        assertThat(start.get("signed_at").asString()).isEqualTo(tse(signedStart.get("time_start").asLong()));
        assertThat(sale.get("started_at")).isEqualTo(start.get("signed_at"));
        assertThat(signedStart.at("/metadata/pos_operation_id").asString()).isEqualTo(id);

        List<String> lineIds = new ArrayList<>();
        sale.at("/data/line_items").forEach(line -> lineIds.add(line.get("id").asString()));
        HttpResult updated = platform.with("If-Match", "\"1\"").patch("/v1/sales/" + id, """
                {"line_items": [
                   {"description": "Cappuccino", "quantity": "2", "unit_price_gross": 350, "tax": {"rate": "0.19"},
                    "product_ref": "SKU-CAP-01", "id": "%s"},
                   {"description": "Croissant", "quantity": "1", "unit_price_gross": 280, "tax": {"rate": "0.07"},
                    "product_ref": "SKU-CRO-01", "id": "%s",
                    "line_discounts": [{"type": "percentage", "rate": "0.10", "label": "Tagesangebot",
                                        "source": "promotion"}]},
                   {"description": "Pfand Mehrwegbecher", "quantity": "1", "unit_price_gross": 25,
                    "tax": {"rate": "0.19"}, "flags": ["deposit"], "id": "%s"}],
                 "cart_discounts": [{"type": "fixed", "amount": 100, "label": "Stammkunden-Rabatt",
                                     "source": "loyalty"}]}""".formatted(lineIds.toArray()));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.header("ETag")).contains("\"2\"");
        JsonNode changed = updated.json();
        assertThat(changed.at("/data/totals/total_gross").asLong()).isEqualTo(877);
        assertThat(changed.at("/data/line_items/0/id").asString()).isEqualTo(lineIds.get(0));
        assertThat(changed.at("/data/line_items/0/cart_discount_allocations/0/amount").asLong()).isEqualTo(74);
        assertThat(changed.at("/data/line_items/1/cart_discount_allocations/0/amount").asLong()).isEqualTo(26);
        assertThat(changed.at("/data/line_items/1/line_discounts/0/amount").asLong()).isEqualTo(28);
        assertThat(changed.at("/fiscal/start_event")).isEqualTo(start);

        HttpResult completed = platform.with("If-Match", "\"2\"")
                .with("Idempotency-Key", "e2b7a4c1-5d93-4f86-b1a0-c84e7f2d9b35")
                .post("/v1/sales/" + id + "/complete", """
                        {"payments": [
                           {"method": "cash", "amount": 500, "cash": {"amount_tendered": 500}},
                           {"method": "card", "amount": 377, "reference": "TID-7731-000412",
                            "card": {"scheme": "visa", "last4": "4242", "authorization_code": "A1B2C3",
                                     "terminal_id": "TID-7731", "application_id": "A0000000031010"}}],
                         "occurred_at": "%s"}""".formatted(now.minusMillis(230)));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.header("ETag")).contains("\"3\"");
        JsonNode receipt = completed.json();
        assertThat(receipt.get("state").asString()).isEqualTo("completed");
        assertThat(receipt.get("resource_version").asLong()).isEqualTo(3);
        JsonNode end = receipt.at("/fiscal/end_event");
        assertThat(end.get("process_type").asString()).isEqualTo("Kassenbeleg-V1");
        assertThat(end.get("process_data").asString()).isEqualTo("Beleg^6.51_2.26_0.00_0.00_0.00^5.00:Bar_3.77:Unbar");
        assertThat(end.get("transaction_counter").asLong()).isEqualTo(number);
        assertThat(receipt.get("completed_at")).isEqualTo(end.get("signed_at"));
        assertThat(receipt.at("/fiscal/document_number").asString()).isEqualTo(
                Instant.parse(end.get("signed_at").asString()).atZone(ZoneId.of("Europe/Berlin")).getYear() + "-"
                        + String.format("%06d", number));
        assertThat(receipt.at("/data/payments/0/cash/change").asLong()).isZero();
        assertThat(receipt.at("/data/payments/1/tse_payment_type").asString()).isEqualTo("NON_CASH");

        JsonNode signedEnd = shop.tssTransaction(kasse.tssId(), number, 2);
        String qr = receipt.at("/fiscal/verification/qr_data").asString();
        assertThat(qr).isEqualTo(signedEnd.get("qr_code_data").asString());
        assertThat(end.get("signature").asString()).isEqualTo(signedEnd.at("/signature/value").asString());
        assertThat(end.get("signature_counter").asLong()).isEqualTo(signedEnd.at("/signature/counter").asLong());
        assertThat(end.get("process_data").asString()).isEqualTo(new String(Base64.getDecoder().decode(
                signedEnd.at("/schema/raw/process_data").asString())));
        assertQrVerifies(qr);

        HttpResult read = platform.get("/v1/sales/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).contains("\"3\"");
        assertThat(read.json()).isEqualTo(receipt);
    }

    @Test
    void aCancelledSaleSignsAnAbortWithTheAmountsOfItsCart() {
        JsonNode sale = start(kasse, "{\"external_id\": \"pos-order-0051\", \"line_items\": [" + CAPPUCCINO + "]}");
        String id = sale.get("id").asString();

        HttpResult cancelled = platform.post("/v1/sales/" + id + "/cancel", "{\"reason\": \"Customer left before paying\"}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.header("ETag")).contains("\"2\"");
        JsonNode body = cancelled.json();
        assertThat(body.get("state").asString()).isEqualTo("cancelled");
        assertThat(body.get("cancellation_reason").asString()).isEqualTo("Customer left before paying");
        assertThat(body.at("/fiscal/end_event/process_data").asString()).isEqualTo("AVBelegabbruch^3.50_0.00_0.00_0.00_0.00^");
        assertThat(body.get("cancelled_at")).isEqualTo(body.at("/fiscal/end_event/signed_at"));
        assertThat(body.get("completed_at").isNull()).isTrue();
        assertThat(body.at("/fiscal/document_number").asString()).endsWith(
                String.format("-%06d", body.at("/fiscal/start_event/transaction_counter").asLong()));
        assertThat(body.at("/data/payments").isEmpty()).isTrue();
        assertQrVerifies(body.at("/fiscal/verification/qr_data").asString());
    }

    @Test
    void ifMatchMustNameTheCurrentVersion() {
        String id = start(kasse, "{\"line_items\": [" + CAPPUCCINO + "]}").get("id").asString();

        assertPosError(platform.with("If-Match", "\"2\"").patch("/v1/sales/" + id, "{\"external_id\": \"x\"}"), 412,
                "precondition_failed", "If-Match");
        for (String malformed : List.of("1", "W/\"1\"", "\"1\", \"2\"", "*")) {
            assertPosError(platform.with("If-Match", malformed).patch("/v1/sales/" + id, "{\"external_id\": \"x\"}"),
                    400, "invalid_request", "If-Match");
        }
        HttpResult updated = platform.with("If-Match", "\"1\"").patch("/v1/sales/" + id, "{\"external_id\": \"x\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("ETag")).contains("\"2\"");

        HttpResult stale = platform.with("If-Match", "\"1\"").post("/v1/sales/" + id + "/cancel", "{\"reason\": \"x\"}");
        assertPosError(stale, 412, "precondition_failed", "If-Match");
        assertThat(stale.json().get("message").asString()).isEqualTo("Resource version mismatch: expected 1, current is 2.");
        assertPosError(platform.with("If-Match", "\"1\"").post("/v1/sales/" + id + "/complete",
                "{\"payments\": [{\"method\": \"cash\", \"amount\": 350}]}"), 412, "precondition_failed", "If-Match");
        assertThat(platform.get("/v1/sales/" + id).json().get("state").asString()).isEqualTo("open");
        assertThat(platform.with("If-Match", "\"2\"").post("/v1/sales/" + id + "/cancel", "{\"reason\": \"x\"}")
                .status()).isEqualTo(200);
    }

    @Test
    void aClosedSaleOnlyAnswersTheRepeatOfTheRequestThatClosedIt() {
        String id = start(kasse, "{\"line_items\": [" + CAPPUCCINO + "]}").get("id").asString();
        String payments = "{\"payments\": [{\"method\": \"card\", \"amount\": 350}]}";
        JsonNode completed = platform.post("/v1/sales/" + id + "/complete", payments).json();
        long signatures = completed.at("/fiscal/end_event/signature_counter").asLong();

        HttpResult repeated = platform.post("/v1/sales/" + id + "/complete",
                "{ \"payments\" : [ { \"amount\": 350.0, \"method\": \"card\" } ] }");
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.header("Idempotent-Replayed")).contains("true");
        assertThat(repeated.header("ETag")).contains("\"2\"");
        assertThat(repeated.json()).isEqualTo(completed);
        assertThat(repeated.json().at("/fiscal/end_event/signature_counter").asLong()).isEqualTo(signatures);

        assertPosError(platform.post("/v1/sales/" + id + "/complete", "{\"payments\": [{\"method\": \"cash\", "
                + "\"amount\": 350}]}"), 409, "operation_not_open", null);
        assertPosError(platform.post("/v1/sales/" + id + "/cancel", "{\"reason\": \"x\"}"), 409, "operation_not_open",
                null);
        assertPosError(platform.patch("/v1/sales/" + id, "{\"external_id\": \"x\"}"), 409, "operation_not_open", null);

        String cancelled = start(kasse, "{}").get("id").asString();
        assertThat(platform.post("/v1/sales/" + cancelled + "/cancel", "{\"reason\": \"x\"}").status()).isEqualTo(200);
        HttpResult again = platform.post("/v1/sales/" + cancelled + "/cancel", "{\"reason\": \"x\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertPosError(platform.post("/v1/sales/" + cancelled + "/cancel", "{\"reason\": \"y\"}"), 409,
                "operation_not_open", null);
        assertPosError(platform.post("/v1/sales/" + cancelled + "/complete", "{\"payments\": []}"), 409,
                "operation_not_open", null);
    }

    @Test
    void aCompletionNeedsLineItemsAndPaymentsThatSettleTheTotal() {
        String empty = start(kasse, "{}").get("id").asString();
        assertPosError(platform.post("/v1/sales/" + empty + "/complete", "{\"payments\": []}"), 422, "validation_error",
                "line_items");

        String id = start(kasse, "{\"line_items\": [" + CAPPUCCINO + "]}").get("id").asString();
        HttpResult mismatch = platform.post("/v1/sales/" + id + "/complete",
                "{\"payments\": [{\"method\": \"cash\", \"amount\": 349}]}");
        assertPosError(mismatch, 422, "payment_mismatch", "payments");
        assertThat(mismatch.json().get("message").asString()).contains("3.49", "3.50");
        assertPosError(platform.post("/v1/sales/" + id + "/complete", "{\"payments\": [{\"method\": \"cash\"}]}"), 422,
                "validation_error", "payments[0].amount");
        assertPosError(platform.post("/v1/sales/" + id + "/complete", "{\"payments\": [], \"tip\": 1}"), 400,
                "invalid_request", "tip");
        JsonNode unchanged = platform.get("/v1/sales/" + id).json();
        assertThat(unchanged.get("state").asString()).isEqualTo("open");
        assertThat(unchanged.get("resource_version").asLong()).isEqualTo(1);

        HttpResult returned = platform.post("/v1/sales/" + id + "/complete", "{\"payments\": [{\"method\": \"cash\", "
                + "\"amount\": 400, \"cash\": {\"amount_tendered\": 500}}, {\"method\": \"cash\", \"amount\": 50, "
                + "\"direction\": \"outbound\"}]}");
        assertThat(returned.status()).as(returned.toString()).isEqualTo(200);
        assertThat(returned.json().at("/fiscal/end_event/process_data").asString())
                .isEqualTo("Beleg^3.50_0.00_0.00_0.00_0.00^3.50:Bar");
    }

    @Test
    void startsAreRefusedOnInvalidContent() {
        assertPosError(platform.post("/v1/registers/" + kasse.id() + "/sales", "{\"line_items\": [{\"description\": "
                + "\"x\", \"quantity\": \"1\", \"unit_price_gross\": 1, \"tax\": {\"rate\": \"0.16\"}}]}"), 422,
                "validation_error", "line_items[0].tax.rate");
        assertPosError(platform.post("/v1/registers/" + kasse.id() + "/sales", "{\"lines\": []}"), 400,
                "invalid_request", "lines");
        assertPosError(platform.post("/v1/registers/" + kasse.id() + "/sales", "{\"occurred_at\": \""
                + server.clock().instant().plusSeconds(301) + "\"}"), 422, "validation_error", "occurred_at");
    }

    @Test
    void aRegisterKeyReachesOnlyTheSalesOfItsOwnRegister() {
        HttpResult own = kasse.device().post("/v1/registers/" + kasse.id() + "/sales", "{\"line_items\": ["
                + CAPPUCCINO + "]}");
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        String sale = own.json().get("id").asString();
        assertThat(kasse.device().get("/v1/sales/" + sale).status()).isEqualTo(200);
        assertThat(kasse.device().get("/v1/registers/" + kasse.id() + "/operations").status()).isEqualTo(200);

        assertPosError(kiosk.device().post("/v1/registers/" + kasse.id() + "/sales", "{}"), 403, "forbidden", null);
        assertPosError(kiosk.device().get("/v1/registers/" + kasse.id() + "/operations"), 403, "forbidden", null);
        assertPosError(kiosk.device().get("/v1/sales/" + sale), 404, "not_found", null);
        assertPosError(kiosk.device().patch("/v1/sales/" + sale, "{}"), 404, "not_found", null);
        assertPosError(kiosk.device().post("/v1/sales/" + sale + "/complete", "{}"), 404, "not_found", null);
        assertPosError(kiosk.device().post("/v1/sales/" + sale + "/cancel", "{}"), 404, "not_found", null);
        assertPosError(kiosk.device().get("/v1/sales/op_01KKNSVWNRNTRC4H8AZGGM9QX5"), 404, "not_found", null);

        assertThat(kasse.device().post("/v1/sales/" + sale + "/cancel", "{\"reason\": \"x\"}").status())
                .isEqualTo(200);
    }

    @Test
    void otherVendorsAndEnvironmentsSeeNoSale() {
        String sale = start(kasse, "{}").get("id").asString();
        PosFixture stranger = PosFixture.bootstrap(server, Environment.TEST);
        assertPosError(stranger.platform().get("/v1/sales/" + sale), 404, "not_found", null);
        assertPosError(stranger.platform().post("/v1/registers/" + kasse.id() + "/sales", "{}"), 404, "not_found", null);
        assertPosError(stranger.platform().get("/v1/registers/" + kasse.id() + "/operations"), 404, "not_found", null);
        PosFixture live = PosFixture.bootstrap(server, Environment.LIVE);
        assertPosError(live.platform().get("/v1/sales/" + sale), 404, "not_found", null);
        assertThat(shop.vendor.platform().get("/v1/sales/" + sale).status()).as("the vendor manages the merchant")
                .isEqualTo(200);
        assertPosError(platform.get("/v1/sales/not-a-sale"), 404, "not_found", null);
    }

    @Test
    void theOperationsListFiltersOrdersAndPages() {
        Shop.Till till = shop.till("LIST-01");
        PosClient device = till.device();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(start(till, "{\"line_items\": [" + CAPPUCCINO + "]}").get("id").asString());
        }
        assertThat(device.post("/v1/sales/" + ids.get(1) + "/complete", "{\"payments\": [{\"method\": \"cash\", "
                + "\"amount\": 350}]}").status()).isEqualTo(200);
        assertThat(device.post("/v1/sales/" + ids.get(3) + "/cancel", "{\"reason\": \"x\"}").status()).isEqualTo(200);
        String operations = "/v1/registers/" + till.id() + "/operations";

        assertThat(listed(device.get(operations))).isEqualTo(ids.reversed());
        assertThat(listed(device.get(operations + "?order=asc"))).isEqualTo(ids);
        assertThat(listed(device.get(operations + "?state=open&order=asc")))
                .containsExactly(ids.get(0), ids.get(2), ids.get(4));
        assertThat(listed(device.get(operations + "?state=completed"))).containsExactly(ids.get(1));
        assertThat(listed(device.get(operations + "?state=cancelled&type=sale&fiscal_state=succeeded")))
                .containsExactly(ids.get(3));
        assertThat(listed(device.get(operations + "?fiscal_state=failed"))).isEmpty();
        String createdAt = platform.get("/v1/sales/" + ids.get(0)).json().get("created_at").asString();
        assertThat(listed(device.get(operations + "?from=" + createdAt))).hasSize(5);
        assertThat(listed(device.get(operations + "?to=" + createdAt))).isEmpty();

        JsonNode first = device.get(operations + "?limit=2&order=asc").json();
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("data")).extracting(op -> op.get("id").asString()).containsExactly(ids.get(0), ids.get(1));
        assertThat(fieldNames(first.get("data").get(0))).isEqualTo(ENVELOPE);
        String cursor = first.get("next_cursor").asString();
        JsonNode second = device.get(operations + "?limit=2&order=asc&cursor=" + cursor).json();
        assertThat(second.get("data")).extracting(op -> op.get("id").asString()).containsExactly(ids.get(2), ids.get(3));
        JsonNode last = device.get(operations + "?limit=2&order=asc&cursor=" + second.get("next_cursor").asString())
                .json();
        assertThat(last.get("data")).extracting(op -> op.get("id").asString()).containsExactly(ids.get(4));
        assertThat(last.get("has_more").asBoolean()).isFalse();
        assertThat(last.get("next_cursor").isNull()).isTrue();

        assertPosError(device.get(operations + "?limit=2&cursor=" + cursor), 400, "invalid_request", "cursor");
        assertPosError(device.get(operations + "?state=closed"), 400, "invalid_request", "state");
        assertPosError(device.get(operations + "?order=newest"), 400, "invalid_request", "order");
        assertPosError(device.get(operations + "?from=yesterday"), 400, "invalid_request", "from");
        assertPosError(device.get(operations + "?status=open"), 400, "invalid_request", "status");
        assertPosError(device.get(operations + "?limit=0"), 400, "invalid_request", "limit");
    }

    @Test
    void anArchivedRegisterOrOneWithoutActiveFiscalUnitTakesNoSale() {
        String register = shop.vendor.createRegister(shop.location, "NEU-01");
        assertPosError(platform.post("/v1/registers/" + register + "/sales", "{}"), 409, "fiscal_unit_not_active", null);
        assertThat(platform.post("/v1/registers/" + register + "/archive", "{}").status()).isEqualTo(200);
        assertPosError(platform.post("/v1/registers/" + register + "/sales", "{}"), 409, "register_archived", null);
    }

    static JsonNode start(Shop.Till till, String body) {
        HttpResult started = till.device().post("/v1/registers/" + till.id() + "/sales", body);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return started.json();
    }

    private static List<String> listed(HttpResult list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().get("data").forEach(op -> ids.add(op.get("id").asString()));
        return ids;
    }

    private static String tse(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }
}
