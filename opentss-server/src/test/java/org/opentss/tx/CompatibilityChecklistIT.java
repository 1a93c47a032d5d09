package org.opentss.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.TestServer;
import org.opentss.verify.ExportVerificationResult;
import org.opentss.verify.ExportVerifierOptions;
import org.opentss.verify.LogMessage;
import org.opentss.verify.LogVerificationResult;
import org.opentss.verify.Profile;
import org.opentss.verify.Verifier;
import tools.jackson.databind.JsonNode;

/**
 * The compatibility checklist of sign-de-v2.md §14, step by step over real HTTP, as a POS written for
 * fiskaly would run it. Every signature received is verified by the independent opentss-verify module.
 * Export steps (19–22) belong to the export issue.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CompatibilityChecklistIT {

    private static final DateTimeFormatter QR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String SERIAL = "BISTRO-LINDE-KASSE-01";
    private static final String FINISH_BODY_TEMPLATE = """
            {"state":"FINISHED","client_id":"%s","schema":{"standard_v1":{"receipt":{"receipt_type":"RECEIPT",
            "amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"8.90"},{"vat_rate":"REDUCED_1","amount":"3.50"}],
            "amounts_per_payment_type":[{"payment_type":"CASH","amount":"10.00"},{"payment_type":"NON_CASH","amount":"2.40"}]}}},
            "metadata":{"receipt_no":"2026-000118"}}""";

    private static TestServer server;
    private static CreatedApiKey key;
    private static String token;
    private static String refreshToken;
    private static String otherToken;
    private static final String T = UUID.randomUUID().toString();
    private static final String T2 = UUID.randomUUID().toString();
    private static final String C = UUID.randomUUID().toString();
    private static final String X = UUID.randomUUID().toString();
    private static final String Y = UUID.randomUUID().toString();
    private static final String E = UUID.randomUUID().toString();
    private static String puk;
    private static String puk2;
    private static byte[] publicKey;
    private static String serialNumber;
    private static HttpResult finished;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        key = server.createApiKey(server.createOrganization("Bistro Linde GmbH").id(), Environment.TEST);
        otherToken = server.accessToken(server.createApiKey(server.createOrganization("Other").id(), Environment.TEST));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long now() {
        return server.clock().instant().getEpochSecond();
    }

    private static void assertOk(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        String id = result.header("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(result.header("Request-Id")).hasValue(id);
    }

    private static void assertError(HttpResult result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.code()).isEqualTo(code);
        assertThat(result.json().propertyNames()).containsExactly("status_code", "error", "code", "message");
    }

    /** Every log the TSS stored verifies, in order 1..N, and the signature in a response is the stored one. */
    private static List<LogMessage> verifiedJournal(String tssId, byte[] point) {
        List<byte[]> messages = server.app().logStore().messages(tssId);
        List<LogMessage> logs = messages.stream().map(m -> {
            LogVerificationResult result = Verifier.verifyLog(m, point, Profile.OPENTSS);
            assertThat(result.findings()).as("findings").isEmpty();
            return result.log().orElseThrow();
        }).toList();
        for (int i = 0; i < logs.size(); i++) {
            assertThat(logs.get(i).signatureCounter()).isEqualTo(i + 1);
        }
        return logs;
    }

    private static void assertSignatureStored(JsonNode tx) {
        long counter = tx.get("signature").get("counter").asLong();
        byte[] stored = server.app().logStore().message(T, counter).orElseThrow();
        LogMessage log = Verifier.verifyLog(stored, publicKey, Profile.OPENTSS).log().orElseThrow();
        assertThat(Base64.getEncoder().encodeToString(log.signatureValue()))
                .isEqualTo(tx.get("signature").get("value").asString());
        assertThat(log.logTime().epochSecond()).isEqualTo(tx.get("log").get("timestamp").asLong());
    }

    // ---- Part A: onboarding flow ----

    @Test
    @Order(1)
    void step01_login() {
        long now = now();
        HttpResult result = server.post("/api/v2/auth", "{\"api_key\":\"" + key.key().key() + "\",\"api_secret\":\""
                + key.secret() + "\"}", null);
        assertOk(result);
        JsonNode body = result.json();
        token = body.get("access_token").asString();
        refreshToken = body.get("refresh_token").asString();
        assertThat(body.get("access_token_claims").get("env").asString()).isEqualTo("TEST");
        assertThat(body.get("access_token_claims").get("organization_id").asString()).isEqualTo(key.key().organizationId());
        assertThat(body.get("access_token_expires_at").asLong()).isEqualTo(now + 86400);
        assertThat(body.get("refresh_token_expires_at").asLong()).isEqualTo(now + 172800);
    }

    @Test
    @Order(2)
    void step02_createTss() throws Exception {
        HttpResult result = server.put("/api/v2/tss/" + T, "{\"metadata\":{\"k\":\"v\"}}", token);
        assertOk(result);
        JsonNode tss = result.json();
        assertThat(tss.get("state").asString()).isEqualTo("CREATED");
        assertThat(tss.get("_id").asString()).isEqualTo(T);
        assertThat(tss.get("_type").asString()).isEqualTo("TSS");
        assertThat(tss.get("_env").asString()).isEqualTo("TEST");
        assertThat(tss.get("_version").asString()).isEqualTo("2.2.2");
        puk = tss.get("admin_puk").asString();
        assertThat(puk).matches("^[0-9]{10}$");
        publicKey = Base64.getDecoder().decode(tss.get("public_key").asString());
        assertThat(publicKey).hasSize(65);
        assertThat(publicKey[0]).isEqualTo((byte) 0x04);
        serialNumber = tss.get("serial_number").asString();
        assertThat(serialNumber).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey)));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(tss.get("certificate").asString())));
        assertThat(cert.getSubjectX500Principal().getName()).contains("2.5.4.5=#1340");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getKeyUsage()[0]).isTrue();
        long created = tss.get("time_creation").asLong();
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(Instant.ofEpochSecond(created));
        assertThat(cert.getNotAfter().toInstant())
                .isEqualTo(Instant.ofEpochSecond(created).atOffset(ZoneOffset.UTC).plusYears(8).toInstant());
        assertThat(tss.get("signature_algorithm").asString()).isEqualTo("ecdsa-plain-SHA256");
        assertThat(tss.get("signature_timestamp_format").asString()).isEqualTo("unixTime");
        assertThat(tss.get("transaction_data_encoding").asString()).isEqualTo("UTF-8");
        assertThat(tss.get("max_number_registered_clients").asInt()).isEqualTo(199);
        assertThat(tss.get("max_number_active_transactions").asInt()).isEqualTo(2000);
        assertThat(tss.get("supported_update_variants").asString()).isEqualTo("SIGNED");
        assertThat(tss.get("metadata").get("k").asString()).isEqualTo("v");
    }

    @Test
    @Order(3)
    void step03_repeatedCreateHasNoPuk() {
        HttpResult result = server.put("/api/v2/tss/" + T, "{\"metadata\":{\"k\":\"v\"}}", token);
        assertOk(result);
        assertThat(result.json().has("admin_puk")).isFalse();
        assertThat(result.json().get("state").asString()).isEqualTo("CREATED");
        assertThat(result.json().get("serial_number").asString()).isEqualTo(serialNumber);
    }

    @Test
    @Order(4)
    void step04_personalize() {
        HttpResult result = server.patch("/api/v2/tss/" + T, "{\"state\":\"UNINITIALIZED\"}", token);
        assertOk(result);
        JsonNode tss = result.json();
        assertThat(tss.get("state").asString()).isEqualTo("UNINITIALIZED");
        assertThat(tss.has("time_uninit")).isTrue();
        assertThat(tss.has("time_init") || tss.has("time_disable")).isFalse();
        assertThat(tss.get("bsi_certification_id").isNull()).isTrue();
        assertThat(tss.get("description").asString()).isEqualTo("OpenTSS (" + T + ")");
        assertThat(tss.get("signature_counter").asString()).isEqualTo("2");
        assertThat(tss.get("transaction_counter").asString()).isEqualTo("0");
        assertThat(tss.get("number_registered_clients").asInt()).isZero();
        assertThat(tss.get("metadata").get("k").asString()).isEqualTo("v");
    }

    @Test
    @Order(5)
    void step05to07_pinLoginInitialize() {
        server.clock().advance(Duration.ofSeconds(30));
        HttpResult pin = server.patch("/api/v2/tss/" + T + "/admin", "{\"admin_puk\":\"" + puk
                + "\",\"new_admin_pin\":\"1234567890\"}", token);
        assertOk(pin);
        assertThat(pin.body()).isEqualTo("{}");
        HttpResult login = server.post("/api/v2/tss/" + T + "/admin/auth", "{\"admin_pin\":\"1234567890\"}", token);
        assertOk(login);
        assertThat(login.body()).isEqualTo("{}");
        HttpResult init = server.patch("/api/v2/tss/" + T,
                "{\"state\":\"INITIALIZED\",\"description\":\"Bistro Linde Kasse 1\"}", token);
        assertOk(init);
        assertThat(init.json().get("state").asString()).isEqualTo("INITIALIZED");
        assertThat(init.json().has("time_init")).isTrue();
        assertThat(init.json().get("description").asString()).isEqualTo("Bistro Linde Kasse 1");
        assertThat(init.json().get("signature_counter").asString()).isEqualTo("5");
    }

    @Test
    @Order(8)
    void step08_createClient() {
        HttpResult result = server.put("/api/v2/tss/" + T + "/client/" + C, "{\"serial_number\":\"" + SERIAL + "\"}", token);
        assertOk(result);
        JsonNode client = result.json();
        assertThat(client.get("_id").asString()).isEqualTo(C);
        assertThat(client.get("state").asString()).isEqualTo("REGISTERED");
        assertThat(client.get("serial_number").asString()).isEqualTo(SERIAL);
        assertThat(client.get("tss_id").asString()).isEqualTo(T);
        assertThat(client.get("_type").asString()).isEqualTo("CLIENT");
        assertThat(client.has("time_creation")).isTrue();
    }

    @Test
    @Order(9)
    void step09_startTransaction() {
        server.clock().advance(Duration.ofSeconds(60));
        HttpResult result = server.put("/api/v2/tss/" + T + "/tx/" + X + "?tx_revision=1",
                "{\"state\":\"ACTIVE\",\"client_id\":\"" + C + "\"}", token);
        assertOk(result);
        JsonNode tx = result.json();
        assertThat(tx.get("_type").asString()).isEqualTo("TRANSACTION");
        assertThat(tx.get("_id").asString()).isEqualTo(X);
        assertThat(tx.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(tx.get("number").asLong()).isEqualTo(1);
        assertThat(tx.get("revision").asInt()).isEqualTo(1);
        assertThat(tx.get("latest_revision").asInt()).isEqualTo(1);
        assertThat(tx.get("schema").isObject() && tx.get("schema").isEmpty()).isTrue();
        assertThat(tx.get("tss_serial_number").asString()).isEqualTo(serialNumber);
        assertThat(tx.get("client_id").asString()).isEqualTo(C);
        assertThat(tx.get("client_serial_number").asString()).isEqualTo(SERIAL);
        assertThat(tx.get("log").get("operation").asString()).isEqualTo("Start");
        assertThat(tx.get("log").get("timestamp_format").asString()).isEqualTo("unixTime");
        assertThat(tx.get("log").get("timestamp").asLong()).isEqualTo(tx.get("time_start").asLong());
        assertThat(tx.get("signature").get("counter").isNumber()).isTrue();
        assertThat(tx.get("signature").get("counter").asLong()).isEqualTo(7);
        assertThat(tx.get("signature").get("algorithm").asString()).isEqualTo("ecdsa-plain-SHA256");
        assertThat(tx.get("signature").get("public_key").asString()).isEqualTo(Base64.getEncoder().encodeToString(publicKey));
        assertThat(Base64.getDecoder().decode(tx.get("signature").get("value").asString())).hasSize(64);
        assertThat(tx.has("time_end") || tx.has("qr_code_data")).isFalse();
        assertSignatureStored(tx);
    }

    @Test
    @Order(10)
    void step10_finishWithReceipt() {
        server.clock().advance(Duration.ofSeconds(41));
        finished = server.put("/api/v2/tss/" + T + "/tx/" + X + "?tx_revision=2", FINISH_BODY_TEMPLATE.formatted(C), token);
        assertOk(finished);
        JsonNode tx = finished.json();
        assertThat(tx.get("state").asString()).isEqualTo("FINISHED");
        assertThat(tx.get("revision").asInt()).isEqualTo(2);
        assertThat(tx.get("number").asLong()).isEqualTo(1);
        assertThat(tx.get("log").get("operation").asString()).isEqualTo("Finish");
        assertThat(tx.get("signature").get("counter").asLong()).isEqualTo(8);
        assertThat(tx.get("time_end").asLong()).isEqualTo(tx.get("log").get("timestamp").asLong());
        JsonNode payments = tx.get("schema").get("standard_v1").get("receipt").get("amounts_per_payment_type");
        assertThat(payments.get(0).get("currency_code").asString()).isEqualTo("EUR");
        assertThat(payments.get(1).get("currency_code").asString()).isEqualTo("EUR");
        assertThat(tx.get("schema").get("raw").get("process_type").asString()).isEqualTo("Kassenbeleg-V1");
        assertThat(tx.get("schema").get("raw").get("process_data").asString())
                .isEqualTo("QmVsZWdeOC45MF8zLjUwXzAuMDBfMC4wMF8wLjAwXjEwLjAwOkJhcl8yLjQwOlVuYmFy");
        String qr = tx.get("qr_code_data").asString();
        assertThat(qr).isEqualTo("V0;" + SERIAL + ";Kassenbeleg-V1;Beleg^8.90_3.50_0.00_0.00_0.00^10.00:Bar_2.40:Unbar;1;8;"
                + QR_TIME.format(Instant.ofEpochSecond(tx.get("time_start").asLong())) + ";"
                + QR_TIME.format(Instant.ofEpochSecond(tx.get("time_end").asLong()))
                + ";ecdsa-plain-SHA256;unixTime;" + tx.get("signature").get("value").asString() + ";"
                + Base64.getEncoder().encodeToString(publicKey));
        assertThat(Verifier.verifyQr(qr).findings()).isEmpty();
        assertThat(Verifier.verifyQr(qr).isValid()).isTrue();
        assertSignatureStored(tx);
    }

    @Test
    @Order(11)
    void step11_identicalRetrySignsNothing() {
        HttpResult again = server.put("/api/v2/tss/" + T + "/tx/" + X + "?tx_revision=2", FINISH_BODY_TEMPLATE.formatted(C),
                token);
        assertOk(again);
        assertThat(again.json()).isEqualTo(finished.json());
        assertThat(server.get("/api/v2/tss/" + T, token).json().get("signature_counter").asString()).isEqualTo("8");
    }

    @Test
    @Order(12)
    void step12to13_logoutAndCounters() {
        server.clock().advance(Duration.ofSeconds(10));
        HttpResult logout = server.post("/api/v2/tss/" + T + "/admin/logout", "{}", token);
        assertOk(logout);
        assertThat(logout.body()).isEqualTo("{}");
        JsonNode tss = server.get("/api/v2/tss/" + T, token).json();
        assertThat(tss.get("state").asString()).isEqualTo("INITIALIZED");
        assertThat(tss.get("signature_counter").asString()).isEqualTo("9");
        assertThat(tss.get("transaction_counter").asString()).isEqualTo("1");
        assertThat(tss.get("number_registered_clients").asInt()).isEqualTo(1);
        assertThat(tss.get("number_active_transactions").asInt()).isZero();

        List<LogMessage> logs = verifiedJournal(T, publicKey);
        assertThat(logs).extracting(LogMessage::operationType).containsExactly("updateTime", "selfTest", "unblockUser",
                "authenticateUser", "initialize", "registerClient", "StartTransaction", "FinishTransaction", "logOut");
        assertThat(logs.get(6).clientId()).isEqualTo(SERIAL);
        assertThat(logs.get(7).transactionNumber()).isEqualTo(1);
    }

    // ---- Part B: reads, lists, metadata ----

    @Test
    @Order(14)
    void step14to15_reads() {
        assertThat(server.get("/api/v2/tss/" + T + "/tx/" + X, token).json()).isEqualTo(finished.json());
        assertThat(server.get("/api/v2/tss/" + T + "/tx/1", token).json()).isEqualTo(finished.json());
        JsonNode start = server.get("/api/v2/tss/" + T + "/tx/" + X + "?tx_revision=1", token).json();
        assertThat(start.get("revision").asInt()).isEqualTo(1);
        assertThat(start.get("latest_revision").asInt()).isEqualTo(2);
        assertThat(start.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(start.get("log").get("operation").asString()).isEqualTo("Start");
        assertThat(start.get("signature").get("counter").asLong()).isEqualTo(7);
        assertThat(start.has("qr_code_data")).isFalse();
        assertThat(start.get("metadata").get("receipt_no").asString()).isEqualTo("2026-000118");
        assertError(server.get("/api/v2/tss/" + T + "/tx/" + X + "?tx_revision=3", token), 400, "E_TX_REVISION_NOT_FOUND");

        HttpResult log = server.get("/api/v2/tss/" + T + "/tx/" + X + "/log?tx_revision=1", token);
        assertThat(log.header("Content-Type")).hasValue("application/octet-stream");
        assertThat(log.header("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"Unixt_\\d+_Sig-7_Log-Tra_No-1_Start_Client-" + SERIAL + "\\.log\"");
        assertThat(Verifier.verifyLog(log.bytes(), publicKey, Profile.OPENTSS).isValid()).isTrue();
    }

    @Test
    @Order(16)
    void step16to18_lists() {
        JsonNode tssList = server.get("/api/v2/tss", token).json();
        assertThat(tssList.get("_type").asString()).isEqualTo("TSS_LIST");
        assertThat(tssList.get("count").asInt()).isEqualTo(tssList.get("data").size());
        assertThat(ids(tssList)).contains(T);
        assertThat(ids(server.get("/api/v2/tss?states[]=INITIALIZED", token).json())).contains(T);
        assertThat(ids(server.get("/api/v2/tss?states%5B0%5D=DISABLED", token).json())).doesNotContain(T);

        for (String path : List.of("/api/v2/tss/" + T + "/client", "/api/v2/client")) {
            JsonNode clients = server.get(path, token).json();
            assertThat(clients.get("_type").asString()).isEqualTo("CLIENT_LIST");
            assertThat(ids(clients)).contains(C);
            assertThat(clients.get("data").get(0).has("time_update")).isTrue();
        }
        assertThat(server.get("/api/v2/tss/" + T + "/client/" + C, token).json().has("time_update")).isTrue();

        for (String path : List.of("/api/v2/tss/" + T + "/tx", "/api/v2/tss/" + T + "/client/" + C + "/tx", "/api/v2/tx")) {
            JsonNode txs = server.get(path, token).json();
            assertThat(txs.get("_type").asString()).as(path).isEqualTo("TRANSACTION_LIST");
            JsonNode item = txs.get("data").get(0);
            assertThat(item.get("_id").asString()).isEqualTo(X);
            assertThat(item.get("revision").asInt()).isEqualTo(2);
            assertThat(item.get("state").asString()).isEqualTo("FINISHED");
            assertThat(ids(server.get(path + "?states[]=ACTIVE", token).json())).doesNotContain(X);
        }
    }

    @Test
    @Order(19)
    void step19to22_export() {
        HttpResult trigger = server.put("/api/v2/tss/" + T + "/export/" + E, "{}", token);
        assertOk(trigger);
        assertThat(trigger.json().get("state").asString()).isEqualTo("PENDING");
        assertThat(trigger.json().get("_type").asString()).isEqualTo("EXPORT");
        assertThat(trigger.json().get("tss_id").asString()).isEqualTo(T);
        assertThat(trigger.json().has("time_request")).isTrue();

        JsonNode export = awaitExport(T, E);
        assertThat(export.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(export.has("time_start") && export.has("time_end")).isTrue();
        assertThat(export.get("time_expiration").asLong()).isEqualTo(export.get("time_end").asLong() + 2592000);

        HttpResult file = server.get("/api/v2/tss/" + T + "/export/" + E + "/file", token);
        assertOk(file);
        assertThat(file.header("Content-Type")).hasValue("application/x-tar");
        ExportVerificationResult verified = Verifier.verifyExport(new ByteArrayInputStream(file.bytes()),
                ExportVerifierOptions.defaults().withTrustAnchor(server.app().rootCertificate())
                        .withExpectContiguous(true).withExpectFirstCounter(1));
        assertThat(verified.findings()).as(verified.report()).isEmpty();
        assertThat(verified.logCount()).isEqualTo(9);
        assertThat(verified.certificateCount()).isEqualTo(3);
        assertThat(verified.lastCounter()).hasValue(9);

        assertThat(ids(server.get("/api/v2/tss/" + T + "/export", token).json())).contains(E);
        assertThat(ids(server.get("/api/v2/export", token).json())).contains(E);
    }

    private static JsonNode awaitExport(String tssId, String exportId) {
        return server.awaitExport(tssId, exportId, token);
    }

    @Test
    @Order(23)
    void step23_metadataMerges() {
        String base = "/api/v2/tss/" + T;
        for (String path : List.of(base, base + "/client/" + C, base + "/tx/" + X, base + "/export/" + E)) {
            String metadata = path + "/metadata";
            server.patch(metadata, "{\"k\":\"v\"}", token);
            HttpResult merged = server.patch(metadata, "{\"k2\":\"v2\"}", token);
            assertOk(merged);
            assertThat(merged.json().get("k").asString()).as(metadata).isEqualTo("v");
            assertThat(merged.json().get("k2").asString()).isEqualTo("v2");
            HttpResult removed = server.patch(metadata, "{\"k\":null,\"k2\":\"\",\"receipt_no\":null}", token);
            assertThat(removed.body()).as(metadata).isEqualTo("{}");
            assertThat(server.get(metadata, token).body()).isEqualTo("{}");
        }
        assertThat(server.get(base, token).json().get("signature_counter").asString()).isEqualTo("9");
    }

    // ---- Part C: errors and isolation ----

    @Test
    @Order(24)
    void step24to27_errors() {
        HttpResult wrong = server.post("/api/v2/auth", "{\"api_key\":\"" + key.key().key() + "\",\"api_secret\":\"x\"}", null);
        assertThat(wrong.body()).isEqualTo("{\"message\":\"Unauthorized\",\"status_code\":401,\"error\":\"Unauthorized\"}");
        HttpResult noToken = server.get("/api/v2/tss/" + T, null);
        assertError(noToken, 401, "E_UNAUTHORIZED");
        assertThat(noToken.json().get("message").asString()).isEqualTo("missing access token");
        assertError(server.get("/api/v2/tss/not-a-uuid", token), 400, "E_FAILED_SCHEMA_VALIDATION");
        HttpResult unknown = server.get("/api/v2/tss/" + UUID.randomUUID(), token);
        assertError(unknown, 404, "E_TSS_NOT_FOUND");
        assertThat(unknown.json().get("message").asString()).isEqualTo("TSS not found");
    }

    @Test
    @Order(28)
    void step28to29_isolationAndConflict() {
        assertError(server.get("/api/v2/tss/" + T, otherToken), 404, "E_TSS_NOT_FOUND");
        assertError(server.put("/api/v2/tss/" + T, "{}", otherToken), 409, "E_TSS_CONFLICT");
        assertThat(ids(server.get("/api/v2/tx", otherToken).json())).doesNotContain(X);
        assertError(server.put("/api/v2/tss/" + T + "/tx/" + Y + "?tx_revision=1",
                "{\"state\":\"ACTIVE\",\"client_id\":\"" + C + "\"}", otherToken), 404, "E_TSS_NOT_FOUND");
        assertError(server.put("/api/v2/tss/" + T, "{}", token), 409, "E_TSS_CONFLICT");
    }

    @Test
    @Order(30)
    void step30to32_ruleViolations() {
        HttpResult noAdmin = server.patch("/api/v2/tss/" + T + "/client/" + C, "{\"state\":\"DEREGISTERED\"}", token);
        assertError(noAdmin, 401, "E_UNAUTHORIZED");
        assertThat(noAdmin.json().get("message").asString()).isEqualTo("admin authentication required");
        HttpResult ended = server.put("/api/v2/tss/" + T + "/tx/" + X + "?tx_revision=3",
                "{\"state\":\"FINISHED\",\"client_id\":\"" + C + "\"}", token);
        assertError(ended, 400, "E_TX_UPSERT");
        assertThat(ended.json().get("message").asString()).isEqualTo("transaction is already FINISHED");
        assertError(server.patch("/api/v2/tss/" + T, "{\"state\":\"UNINITIALIZED\"}", token), 400,
                "E_ILLEGAL_TSS_STATE_CHANGE");
        assertError(server.patch("/api/v2/tss/" + T, "{\"state\":\"INITIALIZED\",\"foo\":1}", token), 400,
                "E_FAILED_SCHEMA_VALIDATION");
    }

    @Test
    @Order(33)
    void step33_secondTransactionCancelled() {
        String tx = "/api/v2/tss/" + T + "/tx/" + Y;
        HttpResult start = server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + C + "\"}", token);
        assertOk(start);
        assertThat(start.json().get("number").asLong()).isEqualTo(2);
        assertError(server.put(tx + "?tx_revision=5", "{\"state\":\"ACTIVE\",\"client_id\":\"" + C + "\"}", token), 400,
                "E_TX_UPSERT");
        assertError(server.put(tx + "?tx_revision=2", "{\"state\":\"FINISHED\",\"client_id\":\"" + C + "\"}", token), 409,
                "E_TX_NO_TYPE_DEFINED");
        assertError(server.put(tx + "?tx_revision=2", "{\"state\":\"CANCELLED\",\"client_id\":\"" + UUID.randomUUID()
                + "\"}", token), 400, "E_CLIENT_NOT_FOUND");
        HttpResult cancelled = server.put(tx + "?tx_revision=2", "{\"state\":\"CANCELLED\",\"client_id\":\"" + C + "\"}",
                token);
        assertOk(cancelled);
        assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("schema").get("raw").get("process_data").asString())
                .isEqualTo("QVZCZWxlZ2FiYnJ1Y2heMC4wMF8wLjAwXzAuMDBfMC4wMF8wLjAwXg==");
        String qr = cancelled.json().get("qr_code_data").asString();
        assertThat(Verifier.verifyQr(qr).isValid()).isTrue();
        assertSignatureStored(cancelled.json());
    }

    @Test
    @Order(34)
    void step34_clientRepeatAndConflict() {
        assertOk(server.post("/api/v2/tss/" + T + "/admin/auth", "{\"admin_pin\":\"1234567890\"}", token));
        HttpResult repeat = server.put("/api/v2/tss/" + T + "/client/" + C, "{\"serial_number\":\"" + SERIAL + "\"}", token);
        assertOk(repeat);
        assertThat(repeat.json().get("_id").asString()).isEqualTo(C);
        HttpResult conflict = server.put("/api/v2/tss/" + T + "/client/" + C, "{\"serial_number\":\"OTHER-1\"}", token);
        assertError(conflict, 409, "E_CLIENT_CONFLICT");
        assertThat(conflict.json().get("message").asString())
                .isEqualTo("client_id already exists (client ids are unique across all TSSs)");
    }

    // ---- Part D: PIN and PUK ----

    @Test
    @Order(35)
    void step35to39_pinAndPuk() {
        puk2 = server.put("/api/v2/tss/" + T2, "{}", token).json().get("admin_puk").asString();
        assertOk(server.patch("/api/v2/tss/" + T2, "{\"state\":\"UNINITIALIZED\"}", token));
        String admin = "/api/v2/tss/" + T2 + "/admin";
        assertError(server.post(admin + "/auth", "{\"admin_pin\":\"1234567890\"}", token), 423, "E_ADMIN_PIN_BLOCKED");
        String wrongPuk = puk2.equals("0000000000") ? "1111111111" : "0000000000";
        assertError(server.patch(admin, "{\"admin_puk\":\"" + wrongPuk + "\",\"new_admin_pin\":\"1234567890\"}", token), 401,
                "E_ADMIN_LOGIN_FAILED");
        assertOk(server.patch(admin, "{\"admin_puk\":\"" + puk2 + "\",\"new_admin_pin\":\"1234567890\"}", token));
        for (int i = 0; i < 5; i++) {
            assertError(server.post(admin + "/auth", "{\"admin_pin\":\"wrong-pin\"}", token), 401, "E_ADMIN_LOGIN_FAILED");
        }
        assertError(server.post(admin + "/auth", "{\"admin_pin\":\"1234567890\"}", token), 423, "E_ADMIN_PIN_BLOCKED");
        assertOk(server.patch(admin, "{\"admin_puk\":\"" + puk2 + "\",\"new_admin_pin\":\"new-pin-42\"}", token));
        assertOk(server.post(admin + "/auth", "{\"admin_pin\":\"new-pin-42\"}", token));
        for (int i = 0; i < 10; i++) {
            assertError(server.patch(admin, "{\"admin_puk\":\"" + wrongPuk + "\",\"new_admin_pin\":\"1234567890\"}", token),
                    401, "E_ADMIN_LOGIN_FAILED");
        }
        HttpResult locked = server.patch(admin, "{\"admin_puk\":\"" + puk2 + "\",\"new_admin_pin\":\"1234567890\"}", token);
        assertError(locked, 423, "E_ADMIN_PUK_BLOCKED");
        assertThat(Long.parseLong(locked.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
        HttpResult logoutWithoutLogin = server.post(admin + "/logout", "{}", otherTokenOfSameOrganization());
        assertOk(logoutWithoutLogin);
        assertThat(logoutWithoutLogin.body()).isEqualTo("{}");

        // every checked PIN and PUK was logged, and every log of T2 verifies
        byte[] point = Base64.getDecoder().decode(server.get("/api/v2/tss/" + T2, token).json().get("public_key").asString());
        List<LogMessage> logs = verifiedJournal(T2, point);
        assertThat(logs).filteredOn(l -> l.operationType().equals("unblockUser")).hasSize(13);
        assertThat(logs).filteredOn(l -> l.operationType().equals("authenticateUser")).hasSize(6);
    }

    private static String otherTokenOfSameOrganization() {
        return server.accessToken(server.createApiKey(key.key().organizationId(), Environment.TEST));
    }

    // ---- Part E: refresh tokens and decommissioning ----

    @Test
    @Order(40)
    void step40to41_refreshReuse() {
        HttpResult refreshed = server.post("/api/v2/auth", "{\"refresh_token\":\"" + refreshToken + "\"}", null);
        assertOk(refreshed);
        String r2 = refreshed.json().get("refresh_token").asString();
        assertThat(r2).isNotEqualTo(refreshToken);
        assertThat(server.post("/api/v2/auth", "{\"refresh_token\":\"" + refreshToken + "\"}", null).status()).isEqualTo(401);
        assertThat(server.post("/api/v2/auth", "{\"refresh_token\":\"" + r2 + "\"}", null).status()).isEqualTo(401);
    }

    @Test
    @Order(42)
    void step42to43_disable() {
        token = server.accessToken(key);
        assertOk(server.post("/api/v2/tss/" + T + "/admin/auth", "{\"admin_pin\":\"1234567890\"}", token));
        server.clock().advance(Duration.ofSeconds(5));
        HttpResult disabled = server.patch("/api/v2/tss/" + T, "{\"state\":\"DISABLED\"}", token);
        assertOk(disabled);
        assertThat(disabled.json().get("state").asString()).isEqualTo("DISABLED");
        assertThat(disabled.json().has("time_disable")).isTrue();
        String freshToken = server.accessToken(key);
        assertOk(server.patch("/api/v2/tss/" + T, "{\"state\":\"DISABLED\"}", freshToken));
        assertError(server.put("/api/v2/tss/" + T + "/tx/" + UUID.randomUUID() + "?tx_revision=1",
                "{\"state\":\"ACTIVE\",\"client_id\":\"" + C + "\"}", freshToken), 400, "E_TSS_DISABLED");
        assertError(server.patch("/api/v2/tss/" + T, "{\"state\":\"INITIALIZED\"}", freshToken), 400,
                "E_ILLEGAL_TSS_STATE_CHANGE");
        assertOk(server.get("/api/v2/tss/" + T, freshToken));
        String afterDisable = UUID.randomUUID().toString();
        assertOk(server.put("/api/v2/tss/" + T + "/export/" + afterDisable, "", freshToken));
        token = freshToken;
        assertThat(awaitExport(T, afterDisable).get("state").asString()).isEqualTo("COMPLETED");

        List<LogMessage> logs = verifiedJournal(T, publicKey);
        assertThat(logs.getLast().operationType()).isEqualTo("disableSecureElement");
    }

    private static List<String> ids(JsonNode list) {
        return list.get("data").valueStream().map(item -> item.get("_id").asString()).toList();
    }
}
