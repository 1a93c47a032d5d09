package org.opentss.tx;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.Databases;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;
import org.opentss.verify.LogMessage;
import org.opentss.verify.LogVerificationResult;
import org.opentss.verify.Profile;
import org.opentss.verify.Verifier;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN.md invariant 1 under load: 32 clients signing concurrently on one TSS while 7 more TSSs sign in
 * parallel, 2,032 transactions in all, each started with metadata, finished, retried, read back as stored
 * (a group writes its transaction rows in batches) and then refused a further
 * revision and a changed copy of its last one, so that commit groups mix signing, answered retries and
 * refused requests (the changed copy is refused only after its group stored the logs signed so far, which
 * its rollback must not take away from the others). Afterwards every TSS's
 * stored logs carry exactly the counters 1..N and the transaction numbers 1..M, and each verifies with
 * the independent verifier. Runs on SQLite and on PostgreSQL.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class ConcurrentSigningIT {

    private static final int BUSY_TSS_CLIENTS = 32;
    private static final int BUSY_TSS_TRANSACTIONS_PER_CLIENT = 25;
    private static final int OTHER_TSSS = 7;
    private static final int OTHER_TSS_CLIENTS = 8;
    private static final int OTHER_TSS_TRANSACTIONS_PER_CLIENT = 22;
    private static final String RECEIPT = """
            {"state":"FINISHED","client_id":"%s","schema":{"standard_v1":{"receipt":{"receipt_type":"RECEIPT",
            "amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"%d.00"}],
            "amounts_per_payment_type":[{"payment_type":"CASH","amount":"%d.00"}]}}}}""";

    @Test
    void sqlite() throws Exception {
        try (TestServer server = TestServer.start(Map.of("OPENTSS_RATE_LIMIT_SIGN", "0"))) {
            run(server);
        }
    }

    @Test
    void postgresql() throws Exception {
        Map<String, String> settings = new HashMap<>(Databases.postgres().serverSettings());
        settings.put("OPENTSS_RATE_LIMIT_SIGN", "0");
        settings.put("OPENTSS_DB_POOL_SIZE", "24");
        try (TestServer server = TestServer.start(settings)) {
            run(server);
        }
    }

    private void run(TestServer server) throws Exception {
        String token = server.accessToken(server.createApiKey(server.createOrganization("Load").id(), Environment.TEST));
        List<ProvisionedTss> tsses = new ArrayList<>();
        tsses.add(ProvisionedTss.provision(server, token, BUSY_TSS_CLIENTS));
        for (int i = 0; i < OTHER_TSSS; i++) {
            tsses.add(ProvisionedTss.provision(server, token, OTHER_TSS_CLIENTS));
        }

        List<Callable<Integer>> work = new ArrayList<>();
        for (int t = 0; t < tsses.size(); t++) {
            ProvisionedTss tss = tsses.get(t);
            int perClient = t == 0 ? BUSY_TSS_TRANSACTIONS_PER_CLIENT : OTHER_TSS_TRANSACTIONS_PER_CLIENT;
            for (String clientId : tss.clientIds()) {
                work.add(() -> sell(server, token, tss.tssId(), clientId, perClient));
            }
        }
        int transactions = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(work.size())) {
            for (Future<Integer> done : pool.invokeAll(work)) {
                transactions += done.get();
            }
        }
        assertThat(transactions).isEqualTo(BUSY_TSS_CLIENTS * BUSY_TSS_TRANSACTIONS_PER_CLIENT
                + OTHER_TSSS * OTHER_TSS_CLIENTS * OTHER_TSS_TRANSACTIONS_PER_CLIENT);

        for (ProvisionedTss tss : tsses) {
            assertJournalIsGaplessAndVerifies(server, token, tss);
        }
    }

    /** Starts, finishes and retries {@code count} transactions; returns how many it finished. */
    private static int sell(TestServer server, String token, String tssId, String clientId, int count) {
        for (int i = 1; i <= count; i++) {
            String tx = "/api/v2/tss/" + tssId + "/tx/" + UUID.randomUUID();
            HttpResult start = server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + clientId
                    + "\",\"metadata\":{\"sale\":\"" + i + "\"}}", token);
            assertThat(start.status()).as(start.toString()).isEqualTo(200);
            String finish = RECEIPT.formatted(clientId, i, i);
            HttpResult finished = server.put(tx + "?tx_revision=2", finish, token);
            assertThat(finished.status()).as(finished.toString()).isEqualTo(200);
            HttpResult retried = server.put(tx + "?tx_revision=2", finish, token);
            assertThat(retried.json()).isEqualTo(finished.json());
            // the transaction row as its group stored it (in a batch with the group's other rows)
            assertThat(server.get(tx, token).json()).isEqualTo(finished.json());
            // refused requests share commit groups with the others: each rolls back only its own work
            HttpResult refused = server.put(tx + "?tx_revision=3", "{\"state\":\"ACTIVE\",\"client_id\":\""
                    + clientId + "\"}", token);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).isEqualTo("E_TX_UPSERT");
            HttpResult changed = server.put(tx + "?tx_revision=2", RECEIPT.formatted(clientId, i + 1, i + 1), token);
            assertThat(changed.status()).as(changed.toString()).isEqualTo(400);
            assertThat(changed.json().get("code").asString()).isEqualTo("E_TX_UPSERT");
            assertThat(finished.json().get("metadata").get("sale").asString()).isEqualTo(String.valueOf(i));
            assertThat(Verifier.verifyQr(finished.json().get("qr_code_data").asString()).isValid()).isTrue();
        }
        return count;
    }

    private static void assertJournalIsGaplessAndVerifies(TestServer server, String token, ProvisionedTss tss) {
        JsonNode resource = server.get("/api/v2/tss/" + tss.tssId(), token).json();
        byte[] point = Base64.getDecoder().decode(resource.get("public_key").asString());
        long counter = Long.parseLong(resource.get("signature_counter").asString());
        long transactionCounter = Long.parseLong(resource.get("transaction_counter").asString());

        List<byte[]> messages = server.app().logStore().messages(tss.tssId());
        assertThat(messages).hasSize((int) counter);
        Set<Long> startNumbers = new HashSet<>();
        Set<Long> finishNumbers = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            LogVerificationResult result = Verifier.verifyLog(messages.get(i), point, Profile.OPENTSS);
            assertThat(result.findings()).as("log %d of %s", i + 1, tss.tssId()).isEmpty();
            LogMessage log = result.log().orElseThrow();
            assertThat(log.signatureCounter()).isEqualTo(i + 1);
            switch (log.operationType()) {
                case "StartTransaction" -> assertThat(startNumbers.add(log.transactionNumber())).isTrue();
                case "FinishTransaction" -> {
                    assertThat(startNumbers).contains(log.transactionNumber());
                    assertThat(finishNumbers.add(log.transactionNumber())).isTrue();
                }
                default -> {
                }
            }
        }
        assertThat(startNumbers).hasSize((int) transactionCounter);
        assertThat(startNumbers.stream().mapToLong(Long::longValue).max().orElse(0)).isEqualTo(transactionCounter);
        assertThat(finishNumbers).isEqualTo(startNumbers);
        assertThat(resource.get("number_active_transactions").asInt()).isZero();
    }
}
