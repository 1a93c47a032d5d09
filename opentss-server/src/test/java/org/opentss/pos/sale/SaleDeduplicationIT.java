package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.pos.sale.SalesIT.CAPPUCCINO;
import static org.opentss.testing.PosAssertions.assertPosError;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * A sale is signed once however often its requests arrive (pos-api.md §5): the client operation id and the
 * Idempotency-Key deduplicate starts, closed sales answer the repeat of what closed them, and concurrent
 * identical requests make one operation and one TSS transaction.
 */
class SaleDeduplicationIT {

    private static final int CONCURRENT = 20;

    private static TestServer server;
    private static Shop shop;
    private static Shop.Till kasse;
    private static Shop.Till kiosk;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        shop = new Shop(server);
        kasse = shop.till("KASSE-01");
        kiosk = shop.till("KIOSK-01");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theClientOperationIdMakesTheStartIdempotent() {
        String clientId = UUID.randomUUID().toString();
        String body = "{\"id\": \"" + clientId.toUpperCase() + "\", \"external_id\": \"sst-0188\", \"line_items\": ["
                + CAPPUCCINO + "]}";
        long transactions = shop.tssTransactionCount(kasse.tssId());
        HttpResult created = startOn(kasse, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode sale = created.json();
        assertThat(sale.get("client_operation_id").asString()).isEqualTo(clientId);
        String id = sale.get("id").asString();

        HttpResult again = startOn(kasse, "{ \"line_items\": [" + CAPPUCCINO + "], \"external_id\": \"sst-0188\", "
                + "\"id\": \"" + clientId.toUpperCase() + "\" }");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.header("ETag")).contains("\"1\"");
        assertThat(again.json()).isEqualTo(sale);

        assertThat(kasse.device().patch("/v1/sales/" + clientId, "{\"metadata\": {\"table\": \"4\"}}").status())
                .isEqualTo(200);
        HttpResult current = startOn(kasse, body);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.header("ETag")).as("the current envelope, not the first one").contains("\"2\"");
        assertThat(current.json().at("/metadata/table").asString()).isEqualTo("4");

        assertPosError(startOn(kasse, body.replace("sst-0188", "sst-0189")), 409, "idempotency_key_conflict", "id");
        assertPosError(startOn(kiosk, body), 409, "idempotency_key_conflict", "id");
        assertThat(shop.tssTransactionCount(kasse.tssId())).isEqualTo(transactions + 1);

        HttpResult read = shop.platform.get("/v1/sales/" + clientId.toUpperCase());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").asString()).isEqualTo(id);
        HttpResult completed = kasse.device().post("/v1/sales/" + clientId + "/complete",
                "{\"payments\": [{\"method\": \"cash\", \"amount\": 350}]}");
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().get("id").asString()).isEqualTo(id);
    }

    @Test
    void twentyConcurrentStartsWithOneClientIdMakeOneSaleAndOneTssTransaction() throws Exception {
        String clientId = UUID.randomUUID().toString();
        String body = "{\"id\": \"" + clientId + "\", \"line_items\": [" + CAPPUCCINO + "]}";
        long transactions = shop.tssTransactionCount(kasse.tssId());

        List<HttpResult> results = concurrently(() -> startOn(kasse, body));

        assertThat(results).extracting(HttpResult::status).as(results.toString()).isSubsetOf(200, 201);
        assertThat(results).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(results).filteredOn(r -> r.status() == 200)
                .allSatisfy(r -> assertThat(r.header("Idempotent-Replayed")).contains("true"));
        assertThat(results).extracting(r -> r.json().get("id").asString()).containsOnly(
                results.getFirst().json().get("id").asString());
        assertThat(operationsWithClientId(clientId)).isEqualTo(1);
        assertThat(shop.tssTransactionCount(kasse.tssId())).isEqualTo(transactions + 1);
    }

    @Test
    void twentyConcurrentStartsWithOneIdempotencyKeyMakeOneSaleAndOneTssTransaction() throws Exception {
        PosClient device = kasse.device().with("Idempotency-Key", UUID.randomUUID().toString());
        String body = "{\"external_id\": \"" + UUID.randomUUID() + "\", \"line_items\": [" + CAPPUCCINO + "]}";
        long transactions = shop.tssTransactionCount(kasse.tssId());

        List<HttpResult> results = concurrently(() -> device.post("/v1/registers/" + kasse.id() + "/sales", body));

        assertThat(results).extracting(HttpResult::status).as(results.toString()).isSubsetOf(201, 409).contains(201);
        List<HttpResult> created = results.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).extracting(r -> r.json().get("id").asString()).hasSize(created.size())
                .containsOnly(created.getFirst().json().get("id").asString());
        results.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertPosError(r, 409, "idempotency_key_in_use", null));
        assertThat(shop.tssTransactionCount(kasse.tssId())).isEqualTo(transactions + 1);

        HttpResult replay = device.post("/v1/registers/" + kasse.id() + "/sales", body);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.json()).isEqualTo(created.getFirst().json());
        assertThat(shop.tssTransactionCount(kasse.tssId())).isEqualTo(transactions + 1);
    }

    @Test
    void twentyConcurrentIdenticalCompletionsSignOnce() throws Exception {
        String id = SalesIT.start(kasse, "{\"line_items\": [" + CAPPUCCINO + "]}").get("id").asString();
        String payments = "{\"payments\": [{\"method\": \"card\", \"amount\": 350}]}";

        List<HttpResult> results = concurrently(() -> kasse.device().post("/v1/sales/" + id + "/complete", payments));

        assertThat(results).extracting(HttpResult::status).as(results.toString()).containsOnly(200);
        assertThat(results).filteredOn(r -> r.header("Idempotent-Replayed").isEmpty()).hasSize(1);
        assertThat(results).extracting(r -> r.json().at("/fiscal/end_event/signature").asString()).containsOnly(
                results.getFirst().json().at("/fiscal/end_event/signature").asString());
        assertThat(results).extracting(r -> r.header("ETag").orElseThrow()).containsOnly("\"2\"");
    }

    @Test
    void anIdempotencyKeyReplaysTheStoredAnswerAndRefusesAnotherPayload() {
        String clientId = UUID.randomUUID().toString();
        PosClient keyed = kasse.device().with("Idempotency-Key", "47af1328-47a8-4588-9178-00c00acffdf2");
        String body = "{\"id\": \"" + clientId + "\", \"line_items\": [" + CAPPUCCINO + "]}";
        HttpResult first = keyed.post("/v1/registers/" + kasse.id() + "/sales", body);
        assertThat(first.status()).isEqualTo(201);
        HttpResult replay = keyed.post("/v1/registers/" + kasse.id() + "/sales", body);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.header("ETag")).contains("\"1\"");
        assertThat(replay.body()).isEqualTo(first.body());
        assertPosError(keyed.post("/v1/registers/" + kasse.id() + "/sales", "{\"line_items\": []}"), 409,
                "idempotency_key_conflict", "Idempotency-Key");

        String id = first.json().get("id").asString();
        String payments = "{\"payments\": [{\"method\": \"cash\", \"amount\": 350}]}";
        PosClient completing = kasse.device().with("Idempotency-Key", "6c7e8f34-e0d9-4aec-a39f-600ce4630bcc");
        HttpResult completed = completing.post("/v1/sales/" + id + "/complete", payments);
        assertThat(completed.status()).isEqualTo(200);
        HttpResult byClientId = completing.post("/v1/sales/" + clientId + "/complete", payments);
        assertThat(byClientId.header("Idempotent-Replayed")).as("the same endpoint under either name").contains("true");
        assertThat(byClientId.body()).isEqualTo(completed.body());
        assertPosError(completing.post("/v1/sales/" + clientId + "/complete", "{\"payments\": []}"), 409,
                "idempotency_key_conflict", "Idempotency-Key");
    }

    private static HttpResult startOn(Shop.Till till, String body) {
        return till.device().post("/v1/registers/" + till.id() + "/sales", body);
    }

    private static long operationsWithClientId(String clientId) {
        return server.app().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM pos_operation WHERE client_operation_id = :id").bind("id", clientId)
                .mapTo(Long.class).one());
    }

    private static List<HttpResult> concurrently(Callable<HttpResult> request) throws Exception {
        List<Callable<HttpResult>> work = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            work.add(request);
        }
        List<HttpResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT)) {
            for (Future<HttpResult> result : pool.invokeAll(work)) {
                results.add(result.get());
            }
        }
        return results;
    }
}
