package org.opentss.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;
import org.opentss.verify.LogMessage;
import org.opentss.verify.Profile;
import org.opentss.verify.Verifier;
import tools.jackson.databind.JsonNode;

/** The lifecycle rules of {@code PUT …/tx/…} (sign-de-v2.md §8.2) and what each revision signs (§8.4–§8.6). */
class TransactionRulesIT {

    private static TestServer server;
    private static String token;
    private static ProvisionedTss tss;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OPENTSS_MAX_ACTIVE_TRANSACTIONS", "3"));
        token = server.accessToken(server.createApiKey(server.createOrganization("Rules").id(), Environment.TEST));
        tss = ProvisionedTss.provision(server, token, 2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newTx() {
        return tss.path() + "/tx/" + UUID.randomUUID();
    }

    private static HttpResult put(String tx, long revision, String body) {
        return server.put(tx + "?tx_revision=" + revision, body, token);
    }

    private static String body(String state, String schema) {
        return "{\"state\":\"" + state + "\",\"client_id\":\"" + tss.clientId() + "\"" + (schema == null ? ""
                : ",\"schema\":" + schema) + "}";
    }

    private static void assertError(HttpResult result, int status, String code, String message) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.code()).isEqualTo(code);
        if (message != null) {
            assertThat(result.json().get("message").asString()).isEqualTo(message);
        }
    }

    /** The stored log of a response, read back and verified independently. */
    private static LogMessage signedLog(HttpResult result) {
        long counter = result.json().get("signature").get("counter").asLong();
        byte[] message = server.app().logStore().message(tss.tssId(), counter).orElseThrow();
        var verified = Verifier.verifyLog(message, tss.publicKey(), Profile.OPENTSS);
        assertThat(verified.findings()).isEmpty();
        return verified.log().orElseThrow();
    }

    private static String started() {
        String tx = newTx();
        assertThat(put(tx, 1, body("ACTIVE", null)).status()).isEqualTo(200);
        return tx;
    }

    @Test
    void startRules() {
        String tx = newTx();
        assertError(server.put(tx, body("ACTIVE", null), token), 400, "E_TX_UPSERT", "tx_revision query parameter is required");
        assertError(put(tx, 0, body("ACTIVE", null)), 400, "E_FAILED_SCHEMA_VALIDATION", null);
        assertError(put(tx, 2, body("ACTIVE", null)), 400, "E_TX_UPSERT", null);
        assertError(put(tx, 1, body("FINISHED", null)), 400, "E_TX_UPSERT", "a transaction must be started with state ACTIVE");
        assertError(put(tx, 1, body("ACTIVE", "{\"standard_v1\":{\"other\":{}}}")), 400, "E_TX_UPSERT",
                "schema must be empty when a transaction is started");
        assertError(put(tss.path() + "/tx/4711", 1, body("ACTIVE", null)), 400, "E_TX_UPSERT", null);
        assertError(put(tx, 1, body("ACTIVE", "{\"dsfinvtw_v1\":{}}")), 400, "E_FAILED_SCHEMA_VALIDATION",
                "schema.dsfinvtw_v1 is not supported");
        HttpResult emptyRaw = put(tx, 1, body("ACTIVE", "{\"raw\":{\"process_type\":\"\",\"process_data\":\"\"}}"));
        assertThat(emptyRaw.status()).as(emptyRaw.toString()).isEqualTo(200);
        LogMessage start = signedLog(emptyRaw);
        assertThat(start.processData()).isEmpty();
        assertThat(start.processType()).hasValue("");
    }

    @Test
    void signedUpdatesCarryTheirOwnDataAndTheTypeCannotChange() {
        String tx = started();
        String order = "{\"standard_v1\":{\"order\":{\"line_items\":[{\"quantity\":\"2\",\"text\":\"Apfelschorle 0,4l\","
                + "\"price_per_unit\":\"3.90\"}]}}}";
        HttpResult update = put(tx, 2, body("ACTIVE", order));
        assertThat(update.json().get("log").get("operation").asString()).isEqualTo("Update");
        LogMessage updateLog = signedLog(update);
        assertThat(updateLog.operationType()).isEqualTo("UpdateTransaction");
        assertThat(updateLog.processType()).hasValue("Bestellung-V1");
        assertThat(new String(updateLog.processData())).isEqualTo("2;\"Apfelschorle 0,4l\";3.90");

        HttpResult empty = put(tx, 3, body("ACTIVE", null));
        assertThat(empty.json().get("schema").isEmpty()).isTrue();
        assertThat(signedLog(empty).processData()).isEmpty();

        assertError(put(tx, 4, body("FINISHED", "{\"standard_v1\":{\"receipt\":{\"receipt_type\":\"RECEIPT\","
                + "\"amounts_per_vat_rate\":[]}}}")), 409, "E_TX_ILLEGAL_TYPE_CHANGE",
                "process type Kassenbeleg-V1 differs from the transaction's process type Bestellung-V1");
        String raw = "{\"raw\":{\"process_type\":\"Bestellung-V1\",\"process_data\":\""
                + Base64.getEncoder().encodeToString("1;\"Wasser\";2.00".getBytes()) + "\"}}";
        HttpResult finished = put(tx, 4, body("FINISHED", raw));
        assertThat(finished.status()).as(finished.toString()).isEqualTo(200);
        assertThat(finished.json().get("schema").get("raw").get("process_type").asString()).isEqualTo("Bestellung-V1");
        assertThat(Verifier.verifyQr(finished.json().get("qr_code_data").asString()).isValid()).isTrue();
        assertError(put(tx, 5, body("CANCELLED", null)), 400, "E_TX_UPSERT", "transaction is already FINISHED");
    }

    @Test
    void otherAndRawSchemasSignWhatTheSpecSays() {
        String tx = started();
        HttpResult other = put(tx, 2, body("FINISHED",
                "{\"standard_v1\":{\"other\":{\"note\":\"Wechselgeld-Einlage\",\"amount\":\"50.00\"}}}"));
        assertThat(other.json().get("schema").get("raw").get("process_data").asString())
                .isEqualTo("eyJhbW91bnQiOiI1MC4wMCIsIm5vdGUiOiJXZWNoc2VsZ2VsZC1FaW5sYWdlIn0=");
        assertThat(signedLog(other).processType()).hasValue("SonstigerVorgang");

        String binary = started();
        HttpResult raw = put(binary, 2, body("FINISHED", "{\"raw\":{\"process_type\":\"X-Binary\",\"process_data\":\"/w==\"}}"));
        assertThat(raw.status()).isEqualTo(200);
        assertThat(signedLog(raw).processData()).containsExactly((byte) 0xFF);
        assertThat(raw.json().has("qr_code_data")).as("processData is not UTF-8").isFalse();
    }

    @Test
    void retriesAreAnsweredFromStorageEvenAfterTheClientChanged() {
        String tx = started();
        HttpResult first = put(tx, 2, body("CANCELLED", null));
        long counter = Long.parseLong(server.get(tss.path(), token).json().get("signature_counter").asString());
        HttpResult retry = server.put(tx + "?tx_revision=2", "{\"client_id\":\"" + tss.clientId().toUpperCase()
                + "\",\"state\":\"CANCELLED\",\"metadata\":{}}", token);
        assertThat(retry.json()).isEqualTo(first.json());
        assertError(put(tx, 2, "{\"state\":\"CANCELLED\",\"client_id\":\"" + tss.clientIds().get(1) + "\"}"), 400,
                "E_TX_UPSERT", "transaction is already CANCELLED");
        String active = started();
        assertError(put(active, 1, "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientIds().get(1) + "\"}"), 400,
                "E_TX_UPSERT", "revision 1 already exists with different content");
        assertThat(Long.parseLong(server.get(tss.path(), token).json().get("signature_counter").asString()))
                .isEqualTo(counter + 1); // only the second transaction's start
    }

    @Test
    void aRevisionNamingAnotherClientMovesTheTransactionToIt() {
        String first = tss.clientIds().get(0);
        String second = tss.clientIds().get(1);
        String tx = started();
        String txId = tx.substring(tx.lastIndexOf('/') + 1);
        assertThat(put(tx, 2, "{\"state\":\"ACTIVE\",\"client_id\":\"" + second + "\"}").status()).isEqualTo(200);
        assertThat(server.get(tx, token).json().get("client_id").asString()).isEqualTo(second);
        assertThat(clientTransactions(second)).contains(txId);
        assertThat(clientTransactions(first)).doesNotContain(txId);

        assertThat(put(tx, 3, "{\"state\":\"ACTIVE\",\"client_id\":\"" + second + "\"}").status()).isEqualTo(200);
        assertThat(put(tx, 4, body("CANCELLED", null)).status()).isEqualTo(200); // body() names the first client
        assertThat(server.get(tx, token).json().get("client_id").asString()).isEqualTo(first);
        assertThat(clientTransactions(first)).contains(txId);
        assertThat(clientTransactions(second)).doesNotContain(txId);
    }

    private static List<String> clientTransactions(String clientId) {
        return server.get(tss.path() + "/client/" + clientId + "/tx?limit=100", token).json().get("data").valueStream()
                .map(item -> item.get("_id").asString()).toList();
    }

    @Test
    void clientsMustBeRegisteredClientsOfThisTss() {
        String tx = newTx();
        assertError(server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + UUID.randomUUID() + "\"}",
                token), 400, "E_CLIENT_NOT_FOUND", null);
        ProvisionedTss other = ProvisionedTss.provision(server, token, 1);
        assertError(server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + other.clientId() + "\"}",
                token), 400, "E_CLIENT_NOT_FOUND", null);
    }

    @Test
    void theActiveLimitAndDeregisteredClients() {
        ProvisionedTss limited = ProvisionedTss.provision(server, token, 1);
        String start = "{\"state\":\"ACTIVE\",\"client_id\":\"" + limited.clientId() + "\"}";
        for (int i = 0; i < 3; i++) {
            assertThat(server.put(limited.path() + "/tx/" + UUID.randomUUID() + "?tx_revision=1", start, token).status())
                    .isEqualTo(200);
        }
        assertError(server.put(limited.path() + "/tx/" + UUID.randomUUID() + "?tx_revision=1", start, token), 400,
                "E_TX_LIMIT_REACHED", null);
        assertThat(server.get(limited.path(), token).json().get("number_active_transactions").asInt()).isEqualTo(3);

        server.post(limited.path() + "/admin/auth", "{\"admin_pin\":\"" + ProvisionedTss.PIN + "\"}", token);
        HttpResult deregistered = server.patch(limited.path() + "/client/" + limited.clientId(),
                "{\"state\":\"DEREGISTERED\"}", token);
        assertThat(deregistered.status()).isEqualTo(200);
        assertError(server.put(limited.path() + "/tx/" + UUID.randomUUID() + "?tx_revision=1", start, token), 400,
                "E_CLIENT_DEREGISTERED", null);
        JsonNode journal = server.get(limited.path(), token).json();
        assertThat(journal.get("number_registered_clients").asInt()).isZero();
    }
}
