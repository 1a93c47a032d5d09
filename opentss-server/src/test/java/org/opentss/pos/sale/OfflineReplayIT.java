package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertQrVerifies;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.testing.HttpResult;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * A register's queue of offline requests replayed as pos-api.md §18 and §20.3 describe: everything is
 * signed when it arrives, flagged late, and however often the queue is sent, each sale is signed once.
 */
class OfflineReplayIT {

    private static TestServer server;
    private static Shop shop;

    /** A queued request: method POST, its path, body and Idempotency-Key, as stored on the device (§18.2). */
    record Entry(String path, String idempotencyKey, String body) {
    }

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
    void theQueueOfTheSpecificationIsSignedOnArrivalAndOnceOnly() {
        Shop.Till sst = shop.till("SST-02");
        // whole milliseconds, never zero: Instant.toString() leaves out ".000", which the API always writes
        Instant offline = server.clock().instant().minus(Duration.ofMinutes(25)).minusSeconds(28)
                .truncatedTo(ChronoUnit.SECONDS).plusMillis(250);
        String sale1 = "57fa22c1-5fe6-4711-866c-1c79914750e9";
        String sale2 = "b6d62802-a30a-4214-a03d-f0d5ae46973d";
        List<Entry> queue = List.of(
                new Entry("/v1/registers/" + sst.id() + "/sales", "47af1328-47a8-4588-9178-00c00acffdf2", """
                        {"id": "%s", "external_id": "sst-order-0188", "occurred_at": "%s",
                         "line_items": [
                           {"description": "Brezel", "quantity": "2", "unit_price_gross": 120, "tax": {"rate": "0.07"},
                            "product_ref": "SKU-BRZ-01"},
                           {"description": "Apfelschorle 0,5 l", "quantity": "1", "unit_price_gross": 320,
                            "tax": {"rate": "0.19"}, "product_ref": "SKU-ASC-05"},
                           {"description": "Pfand Glasflasche", "quantity": "1", "unit_price_gross": 25,
                            "tax": {"rate": "0.19"}, "flags": ["deposit"]}]}""".formatted(sale1, offline)),
                new Entry("/v1/sales/" + sale1 + "/complete", "6c7e8f34-e0d9-4aec-a39f-600ce4630bcc", """
                        {"payments": [{"method": "cash", "amount": 585, "cash": {"amount_tendered": 1000}}],
                         "occurred_at": "%s"}""".formatted(offline.plusMillis(49_500))),
                new Entry("/v1/registers/" + sst.id() + "/sales", "faaa306e-c3d4-4fc0-89e0-68ceef443ad3", """
                        {"id": "%s", "external_id": "sst-order-0189", "occurred_at": "%s",
                         "line_items": [{"description": "Cappuccino", "quantity": "1", "unit_price_gross": 350,
                                         "tax": {"rate": "0.19"}, "product_ref": "SKU-CAP-01"}]}"""
                        .formatted(sale2, offline.plusSeconds(257).plusMillis(600))),
                new Entry("/v1/sales/" + sale2 + "/cancel", "5dd1cc54-0fc0-439d-af1d-a9744d0e9aa4", """
                        {"reason": "Customer left before paying", "occurred_at": "%s"}"""
                        .formatted(offline.plusSeconds(293).plusMillis(100))));

        HttpResult started = send(sst, queue.get(0));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.header("ETag")).contains("\"1\"");
        JsonNode first = started.json();
        assertThat(first.get("client_operation_id").asString()).isEqualTo(sale1);
        assertThat(first.get("occurred_at").asString()).isEqualTo(offline.toString());
        assertThat(first.at("/fiscal/late").asBoolean()).isTrue();
        assertThat(Instant.parse(first.get("started_at").asString())).isAfter(offline.plus(Duration.ofMinutes(25)));
        assertThat(first.at("/data/totals/total_net").asLong()).isEqualTo(514);
        long transactions = shop.tssTransactionCount(sst.tssId());

        HttpResult completed = send(sst, queue.get(1));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.header("ETag")).contains("\"2\"");
        JsonNode receipt = completed.json();
        assertThat(receipt.at("/fiscal/end_event/process_data").asString())
                .isEqualTo("Beleg^3.45_2.40_0.00_0.00_0.00^5.85:Bar");
        assertThat(receipt.at("/data/payments/0/cash/change").asLong()).isEqualTo(415);
        assertThat(receipt.get("end_occurred_at").asString()).isEqualTo(offline.plusMillis(49_500).toString());
        assertThat(receipt.at("/fiscal/late").asBoolean()).isTrue();
        assertQrVerifies(receipt.at("/fiscal/verification/qr_data").asString());

        HttpResult resent = send(sst, queue.get(1));
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.header("ETag")).contains("\"2\"");
        assertThat(resent.header("Idempotent-Replayed")).contains("true");
        assertThat(resent.body()).isEqualTo(completed.body());

        HttpResult second = send(sst, queue.get(2));
        assertThat(second.status()).isEqualTo(201);
        HttpResult cancelled = send(sst, queue.get(3));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().at("/fiscal/end_event/process_data").asString())
                .isEqualTo("AVBelegabbruch^3.50_0.00_0.00_0.00_0.00^");
        assertThat(cancelled.json().get("cancellation_reason").asString()).isEqualTo("Customer left before paying");
        assertThat(shop.tssTransactionCount(sst.tssId())).isEqualTo(transactions + 1);

        for (Entry entry : queue) {
            HttpResult again = send(sst, entry);
            assertThat(again.status()).isIn(200, 201);
            assertThat(again.header("Idempotent-Replayed")).contains("true");
        }

        // a day later the keys are forgotten; the operations themselves still deduplicate (§5.3)
        server.clock().advance(Duration.ofHours(25));
        List<HttpResult> late = queue.stream().map(entry -> send(sst, entry)).toList();
        assertThat(late).extracting(HttpResult::status).containsExactly(200, 200, 200, 200);
        assertThat(late).allSatisfy(result -> assertThat(result.header("Idempotent-Replayed")).contains("true"));
        assertThat(late.get(1).json()).isEqualTo(receipt);
        assertThat(late.get(0).header("ETag")).as("the current envelope").contains("\"2\"");
        assertThat(shop.tssTransactionCount(sst.tssId())).isEqualTo(transactions + 1);
        long expiredRecords = server.app().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM idempotency_record WHERE created_at <= :expired")
                .bind("expired", server.clock().millis() - Duration.ofHours(24).toMillis()).mapTo(Long.class).one());
        assertThat(expiredRecords).as("records past their 24 hours are purged").isZero();
    }

    @Test
    void aQueueOfFiftySalesReplayedTwiceAtOnceGivesFiftyCompletedSalesAndFiftyTssTransactions() throws Exception {
        Shop.Till till = shop.till("SST-50");
        Instant offline = server.clock().instant().minus(Duration.ofHours(3));
        List<Entry> queue = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String sale = UUID.randomUUID().toString();
            Instant at = offline.plusSeconds(60L * i);
            queue.add(new Entry("/v1/registers/" + till.id() + "/sales", UUID.randomUUID().toString(),
                    "{\"id\": \"" + sale + "\", \"occurred_at\": \"" + at + "\", \"line_items\": [{\"description\": "
                            + "\"Brezel\", \"quantity\": \"" + (i % 3 + 1) + "\", \"unit_price_gross\": 120, \"tax\": "
                            + "{\"rate\": \"0.07\"}}]}"));
            queue.add(new Entry("/v1/sales/" + sale + "/complete", UUID.randomUUID().toString(),
                    "{\"payments\": [{\"method\": \"cash\", \"amount\": " + 120 * (i % 3 + 1) + "}], \"occurred_at\": \""
                            + at.plusSeconds(30) + "\"}"));
        }
        long transactions = shop.tssTransactionCount(till.tssId());

        try (ExecutorService replayers = Executors.newFixedThreadPool(2)) {
            List<Future<?>> replays = List.of(replayers.submit(() -> replay(till, queue)),
                    replayers.submit(() -> replay(till, queue)));
            for (Future<?> replay : replays) {
                replay.get();
            }
        }

        JsonNode completed = till.device().get("/v1/registers/" + till.id() + "/operations?state=completed&limit=200"
                + "&order=asc").json();
        assertThat(completed.get("data")).hasSize(50);
        assertThat(completed.get("data")).extracting(op -> op.get("sequence_number").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(completed.get("data")).allSatisfy(op -> assertThat(op.at("/fiscal/late").asBoolean()).isTrue());
        assertThat(till.device().get("/v1/registers/" + till.id() + "/operations?limit=200").json().get("data"))
                .hasSize(50);
        assertThat(shop.tssTransactionCount(till.tssId())).isEqualTo(transactions + 50);
    }

    /**
     * Sends the queue in order as §18.4 asks: an entry is repeated until it is confirmed (201 or 200), waiting
     * as {@code Retry-After} says while another replay of the same entry is still being processed.
     */
    private static void replay(Shop.Till till, List<Entry> queue) {
        for (Entry entry : queue) {
            HttpResult result = send(till, entry);
            for (int attempt = 0; result.status() == 409 && result.code().equals("idempotency_key_in_use"); attempt++) {
                assertThat(attempt).as("retries of " + entry).isLessThan(100);
                pause();
                result = send(till, entry);
            }
            assertThat(result.status()).as(entry + " → " + result).isIn(200, 201);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResult send(Shop.Till till, Entry entry) {
        return till.device().with("Idempotency-Key", entry.idempotencyKey()).post(entry.path(), entry.body());
    }
}
