package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.pos.sale.SalesIT.CAPPUCCINO;
import static org.opentss.testing.PosAssertions.assertPosError;
import static org.opentss.testing.PosAssertions.assertQrVerifies;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * A TSE step that fails (pos-api.md §15.2): nothing is signed, the operation records the failure and is
 * answered 502 with its id, the fiscal unit goes into {@code error} when the cause lasts, and the retry
 * resumes the same operation once the unit is recovered. The failure is provoked by deregistering the
 * register's TSE client behind OpenTSS's back.
 */
class SaleFailureIT {

    private static TestServer server;
    private static Shop shop;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        shop = new Shop(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFailedStartIsRecordedAndTheRetryResumesItOnceTheFiscalUnitIsRecovered() {
        Shop.Till till = shop.till("KASSE-11");
        String signed = SalesIT.start(till, "{\"line_items\": [" + CAPPUCCINO + "]}").get("id").asString();
        long transactions = shop.tssTransactionCount(till.tssId());
        deregisterClient(till);

        String clientId = UUID.randomUUID().toString();
        String body = "{\"id\": \"" + clientId + "\", \"line_items\": [" + CAPPUCCINO + "]}";
        PosClient keyed = till.device().with("Idempotency-Key", UUID.randomUUID().toString());
        HttpResult failed = keyed.post("/v1/registers/" + till.id() + "/sales", body);
        assertPosError(failed, 502, "fiscal_device_error", null);
        String id = failed.json().get("operation_id").asString();
        assertThat(id).startsWith("op_");

        HttpResult recorded = till.device().get("/v1/sales/" + id);
        assertThat(recorded.header("ETag")).contains("\"1\"");
        JsonNode sale = recorded.json();
        assertThat(sale.get("state").asString()).isEqualTo("open");
        assertThat(sale.get("fiscal_state").asString()).isEqualTo("failed");
        assertThat(sale.at("/fiscal/start_event").isNull()).isTrue();
        assertThat(sale.get("started_at").isNull()).isTrue();
        assertThat(sale.get("client_operation_id").asString()).isEqualTo(clientId);
        JsonNode unit = shop.platform.get("/v1/fiscal-units/" + till.fiscalUnitId()).json();
        assertThat(unit.get("state").asString()).isEqualTo("error");
        assertThat(unit.get("reason").asString()).contains("no longer registered");

        assertPosError(keyed.post("/v1/registers/" + till.id() + "/sales", body), 409, "fiscal_unit_not_active", null);
        String payments = "{\"payments\": [{\"method\": \"cash\", \"amount\": 350}]}";
        assertPosError(till.device().post("/v1/sales/" + signed + "/complete", payments), 409, "fiscal_unit_not_active",
                null);
        assertPosError(till.device().post("/v1/sales/" + signed + "/cancel", "{\"reason\": \"x\"}"), 409,
                "fiscal_unit_not_active", null);

        recover(till);
        HttpResult resumed = keyed.post("/v1/registers/" + till.id() + "/sales", body);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(201);
        assertThat(resumed.header("ETag")).contains("\"2\"");
        JsonNode started = resumed.json();
        assertThat(started.get("id").asString()).isEqualTo(id);
        assertThat(started.get("fiscal_state").asString()).isEqualTo("succeeded");
        assertThat(started.at("/fiscal/start_event").isObject()).isTrue();
        assertThat(started.get("sequence_number")).isEqualTo(sale.get("sequence_number"));

        HttpResult byClientId = till.device().post("/v1/registers/" + till.id() + "/sales", body);
        assertThat(byClientId.status()).isEqualTo(200);
        assertThat(byClientId.json()).isEqualTo(started);
        assertThat(shop.tssTransactionCount(till.tssId())).isEqualTo(transactions + 1);
        assertThat(till.device().post("/v1/sales/" + signed + "/complete", payments).status()).isEqualTo(200);
    }

    @Test
    void aFailedCompletionLeavesTheSaleOpenAndItsRetryCompletesIt() {
        Shop.Till till = shop.till("KASSE-12");
        String id = SalesIT.start(till, "{\"line_items\": [" + CAPPUCCINO + "]}").get("id").asString();
        deregisterClient(till);

        PosClient keyed = till.device().with("Idempotency-Key", UUID.randomUUID().toString());
        String payments = "{\"payments\": [{\"method\": \"card\", \"amount\": 350}]}";
        HttpResult failed = keyed.post("/v1/sales/" + id + "/complete", payments);
        assertPosError(failed, 502, "fiscal_device_error", null);
        assertThat(failed.json().get("operation_id").asString()).isEqualTo(id);
        JsonNode open = till.device().get("/v1/sales/" + id).json();
        assertThat(open.get("state").asString()).isEqualTo("open");
        assertThat(open.get("fiscal_state").asString()).isEqualTo("failed");
        assertThat(open.get("resource_version").asLong()).isEqualTo(2);
        assertThat(open.at("/fiscal/start_event").isObject()).isTrue();
        assertThat(open.at("/fiscal/end_event").isNull()).isTrue();

        recover(till);
        HttpResult completed = keyed.post("/v1/sales/" + id + "/complete", payments);
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.header("ETag")).contains("\"3\"");
        assertThat(completed.json().get("fiscal_state").asString()).isEqualTo("succeeded");
        assertQrVerifies(completed.json().at("/fiscal/verification/qr_data").asString());
    }

    @Test
    void aSaleWhoseStartWasNeverSignedIsCancelledWithoutTheTseOrSignedWhenItIsCompleted() {
        Shop.Till till = shop.till("KASSE-13");
        deregisterClient(till);
        String body = "{\"line_items\": [" + CAPPUCCINO + "]}";
        String abandoned = failedStart(till, body);
        assertPosError(till.device().post("/v1/registers/" + till.id() + "/sales", body), 409,
                "fiscal_unit_not_active", null);

        HttpResult cancelled = till.device().post("/v1/sales/" + abandoned + "/cancel", "{\"reason\": \"TSE down\"}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        JsonNode shown = cancelled.json();
        assertThat(shown.get("state").asString()).isEqualTo("cancelled");
        assertThat(shown.get("fiscal_state").asString()).isEqualTo("succeeded");
        assertThat(shown.at("/fiscal/start_event").isNull()).isTrue();
        assertThat(shown.at("/fiscal/end_event").isNull()).isTrue();
        assertThat(shown.get("cancelled_at").asString()).isEqualTo(shown.get("end_received_at").asString());

        recover(till);
        deregisterClient(till);
        String unsigned = failedStart(till, body);
        recover(till);
        long transactions = shop.tssTransactionCount(till.tssId());
        HttpResult completed = till.device().post("/v1/sales/" + unsigned + "/complete",
                "{\"payments\": [{\"method\": \"cash\", \"amount\": 350}]}");
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        JsonNode receipt = completed.json();
        assertThat(receipt.get("resource_version").asLong()).isEqualTo(2);
        assertThat(receipt.at("/fiscal/start_event/transaction_counter"))
                .isEqualTo(receipt.at("/fiscal/end_event/transaction_counter"));
        assertQrVerifies(receipt.at("/fiscal/verification/qr_data").asString());
        assertThat(shop.tssTransactionCount(till.tssId())).isEqualTo(transactions + 1);
    }

    /** §13.5, §13.8: retiring a unit in error closes the sales it can no longer finish, signing nothing. */
    @Test
    void retiringAFailedUnitClosesItsOpenSales() {
        Shop.Till till = shop.till("KASSE-14");
        String body = "{\"line_items\": [" + CAPPUCCINO + "]}";
        String payments = "{\"payments\": [{\"method\": \"cash\", \"amount\": 350}]}";
        String first = SalesIT.start(till, body).get("id").asString();
        String second = SalesIT.start(till, body).get("id").asString();
        assertPosError(shop.platform.post("/v1/registers/" + till.id() + "/fiscal-units/replace",
                "{\"reason\": \"new TSE\"}"), 409, "open_operations_exist", null);
        deregisterClient(till.fiscalUnitId(), till.tssId());
        assertPosError(till.device().post("/v1/sales/" + first + "/complete", payments), 502, "fiscal_device_error",
                null);

        HttpResult replaced = shop.platform.post("/v1/registers/" + till.id() + "/fiscal-units/replace",
                "{\"reason\": \"TSE failed\"}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(201);
        for (String id : List.of(first, second)) {
            JsonNode closed = till.device().get("/v1/sales/" + id).json();
            assertThat(closed.get("state").asString()).isEqualTo("cancelled");
            assertThat(closed.get("fiscal_state").asString()).isEqualTo("failed");
            assertThat(closed.at("/fiscal/end_event").isNull()).isTrue();
            assertThat(closed.get("cancellation_reason").asString())
                    .isEqualTo("Fiscal unit " + till.fiscalUnitId() + " replaced while in error: TSE failed");
        }

        JsonNode unit = replaced.json().get("new_binding");
        String third = SalesIT.start(till, body).get("id").asString();
        deregisterClient(unit.get("id").asString(), unit.at("/fiscal_registration/tss_id").asString());
        assertPosError(till.device().post("/v1/sales/" + third + "/cancel", "{\"reason\": \"x\"}"), 502,
                "fiscal_device_error", null);
        HttpResult retired = shop.platform.post("/v1/fiscal-units/" + unit.get("id").asString() + "/decommission",
                "{\"reason\": \"shop closed\"}");
        assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
        JsonNode closed = till.device().get("/v1/sales/" + third).json();
        assertThat(closed.get("state").asString()).isEqualTo("cancelled");
        assertThat(closed.get("fiscal_state").asString()).isEqualTo("failed");
        assertThat(closed.get("cancellation_reason").asString()).isEqualTo("Fiscal unit " + unit.get("id").asString()
                + " decommissioned while in error: shop closed");
    }

    private static String failedStart(Shop.Till till, String body) {
        HttpResult failed = till.device().post("/v1/registers/" + till.id() + "/sales", body);
        assertPosError(failed, 502, "fiscal_device_error", null);
        return failed.json().get("operation_id").asString();
    }

    /** The TSE client disappears as if the TSS had deregistered it. */
    private static void deregisterClient(Shop.Till till) {
        deregisterClient(till.fiscalUnitId(), till.tssId());
    }

    private static void deregisterClient(String fiscalUnitId, String tssId) {
        server.app().database().inTransaction(h -> {
            h.createUpdate("UPDATE client SET state = 'DEREGISTERED' WHERE id = (SELECT tss_client_id FROM fiscal_unit "
                    + "WHERE id = :unit)").bind("unit", fiscalUnitId).execute();
            return h.createUpdate("UPDATE tss SET number_registered_clients = number_registered_clients - 1 "
                    + "WHERE id = :tss").bind("tss", tssId).execute();
        });
    }

    private static void recover(Shop.Till till) {
        HttpResult recovered = shop.platform.post("/v1/fiscal-units/" + till.fiscalUnitId() + "/recover", "{}");
        assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
        assertThat(recovered.json().get("state").asString()).isEqualTo("active");
    }
}
