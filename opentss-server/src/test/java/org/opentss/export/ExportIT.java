package org.opentss.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.Bytes;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;
import org.opentss.verify.CertifiedDataType;
import org.opentss.verify.ExportVerificationResult;
import org.opentss.verify.ExportVerifierOptions;
import org.opentss.verify.LogMessage;
import org.opentss.verify.Profile;
import org.opentss.verify.Verifier;
import tools.jackson.databind.JsonNode;

/**
 * Exports end to end (sign-de-v2.md §10, tse-formats.md §8–§9): after a mixed workload every export
 * verifies with the independent verifier, each filter selects exactly the logs the spec defines, and
 * the job lifecycle, limits and errors behave as specified.
 */
class ExportIT {

    private static final Pattern COUNTER = Pattern.compile("_Sig-(\\d+)_");

    private static TestServer server;
    private static String token;
    private static ProvisionedTss tss;
    private static long firstDay;
    private static long secondDay;

    @BeforeAll
    static void mixedWorkload() {
        server = TestServer.start(Map.of("OPENTSS_RATE_LIMIT_EXPORT", "0", "OPENTSS_ACCESS_TOKEN_TTL_SECONDS", "31536000"));
        token = server.accessToken(server.createApiKey(server.createOrganization("Exports").id(), Environment.TEST));
        tss = ProvisionedTss.provision(server, token, 2);
        String a = tss.clientIds().get(0);
        String b = tss.clientIds().get(1);
        firstDay = now();
        String t1 = sale(a, "ACTIVE", null);
        update(t1, 2, a, "ACTIVE", receipt("1.00"));
        String t2 = sale(b, "ACTIVE", null);
        update(t1, 3, a, "FINISHED", receipt("2.50"));
        update(t2, 2, b, "CANCELLED", null);
        server.clock().advance(Duration.ofDays(1));
        secondDay = now();
        admin("{\"admin_pin\":\"" + tss.pin() + "\"}");
        patchClient(b, "DEREGISTERED");
        String t3 = sale(a, "ACTIVE", null);
        patchClient(b, "REGISTERED");
        update(t3, 2, a, "FINISHED", receipt("9.99"));
        String t4 = sale(b, "ACTIVE", null);
        update(t4, 2, b, "ACTIVE", "{\"raw\":{\"process_type\":\"SonstigerVorgang\",\"process_data\":\"ZGF0YQ==\"}}");
        server.post(tss.path() + "/admin/logout", "{}", token);
        sale(a, "ACTIVE", null); // stays open
    }

    /** The TSS's journal as stored now, read with the independent parser. */
    private static List<LogMessage> journal() {
        return server.app().logStore().messages(tss.tssId()).stream()
                .map(m -> Verifier.parseLog(m, Profile.OPENTSS).log().orElseThrow()).toList();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long now() {
        return server.clock().instant().getEpochSecond();
    }

    private static String sale(String clientId, String state, String schema) {
        String tx = tss.path() + "/tx/" + UUID.randomUUID();
        update(tx, 1, clientId, state, schema);
        return tx;
    }

    private static void update(String tx, int revision, String clientId, String state, String schema) {
        server.clock().advance(Duration.ofSeconds(7));
        HttpResult result = server.put(tx + "?tx_revision=" + revision, "{\"state\":\"" + state + "\",\"client_id\":\""
                + clientId + "\"" + (schema == null ? "" : ",\"schema\":" + schema) + "}", token);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
    }

    private static String receipt(String amount) {
        return "{\"standard_v1\":{\"receipt\":{\"receipt_type\":\"RECEIPT\",\"amounts_per_vat_rate\":[{\"vat_rate\":"
                + "\"NORMAL\",\"amount\":\"" + amount + "\"}],\"amounts_per_payment_type\":[{\"payment_type\":\"CASH\","
                + "\"amount\":\"" + amount + "\"}]}}}";
    }

    private static void admin(String body) {
        assertThat(server.post(tss.path() + "/admin/auth", body, token).status()).isEqualTo(200);
    }

    private static void patchClient(String clientId, String state) {
        server.clock().advance(Duration.ofSeconds(3));
        assertThat(server.patch(tss.path() + "/client/" + clientId, "{\"state\":\"" + state + "\"}", token).status())
                .isEqualTo(200);
    }

    /** Triggers an export and waits until it has ended; returns the final resource. */
    private static JsonNode export(String query) {
        String id = UUID.randomUUID().toString();
        HttpResult trigger = server.put(tss.path() + "/export/" + id + query, "", token);
        assertThat(trigger.status()).as(trigger.toString()).isEqualTo(200);
        assertThat(trigger.json().get("state").asString()).isEqualTo("PENDING");
        return awaitEnd(id);
    }

    private static JsonNode awaitEnd(String id) {
        return server.awaitExport(tss.tssId(), id, token);
    }

    private static byte[] file(JsonNode job) {
        HttpResult file = server.get(tss.path() + "/export/" + job.get("_id").asString() + "/file", token);
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        assertThat(file.header("Content-Type")).hasValue("application/x-tar");
        assertThat(file.header("Content-Disposition"))
                .hasValue("attachment; filename=\"" + job.get("_id").asString() + ".tar\"");
        return file.bytes();
    }

    private static Set<Long> countersIn(byte[] archive) {
        Set<Long> counters = new TreeSet<>();
        for (String name : TarEntries.fileNames(TarEntries.read(archive))) {
            Matcher m = COUNTER.matcher(name);
            if (m.find()) {
                counters.add(Long.parseLong(m.group(1)));
            }
        }
        return counters;
    }

    private static Set<Long> select(Predicate<LogMessage> predicate) {
        return journal().stream().filter(predicate).map(LogMessage::signatureCounter).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isTransaction(LogMessage log) {
        return log.certifiedDataType() == CertifiedDataType.TRANSACTION;
    }

    /** The counter span of the transactions that match. */
    private static long[] span(Predicate<LogMessage> transactionLogs) {
        List<Long> counters = journal().stream().filter(l -> isTransaction(l) && transactionLogs.test(l))
                .map(LogMessage::signatureCounter).toList();
        return new long[] {counters.stream().mapToLong(Long::longValue).min().orElseThrow(),
            counters.stream().mapToLong(Long::longValue).max().orElseThrow()};
    }

    private static ExportVerificationResult verify(byte[] archive, boolean full) {
        ExportVerifierOptions options = ExportVerifierOptions.defaults().withTrustAnchor(server.app().rootCertificate());
        if (full) {
            options = options.withExpectContiguous(true).withExpectFirstCounter(1);
        }
        return Verifier.verifyExport(new ByteArrayInputStream(archive), options);
    }

    @Test
    void aFullExportVerifiesWithoutFindings() {
        JsonNode job = export("");
        assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("time_expiration").asLong()).isEqualTo(job.get("time_end").asLong() + 2_592_000);
        byte[] archive = file(job);
        ExportVerificationResult result = verify(archive, true);
        assertThat(result.findings()).as(result.report()).isEmpty();
        assertThat(result.logCount()).isEqualTo(journal().size());
        assertThat(countersIn(archive)).isEqualTo(select(l -> true));
        assertThat(archive.length % 10240).isZero();
        // the same export, downloaded again, is the same file
        assertThat(file(job)).isEqualTo(archive);
    }

    @Test
    void aTransactionContinuedByAnotherClientIsOnlyAWarning() {
        ProvisionedTss own = ProvisionedTss.provision(server, token, 2); // keeps the shared TSS free of it
        String tx = own.path() + "/tx/" + UUID.randomUUID();
        assertThat(server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + own.clientIds().get(0)
                + "\"}", token).status()).isEqualTo(200);
        assertThat(server.put(tx + "?tx_revision=2", "{\"state\":\"CANCELLED\",\"client_id\":\"" + own.clientIds().get(1)
                + "\"}", token).status()).isEqualTo(200);
        ExportVerificationResult result = verify(server.fullExport(own.tssId(), token), true);
        assertThat(result.errors()).as(result.report()).isEmpty();
        assertThat(result.warnings()).extracting(f -> f.check()).containsExactly("G1");
    }

    @Test
    void aFlippedByteInALogMessageIsASignatureError() {
        byte[] archive = file(export(""));
        LogMessage finish = journal().stream().filter(l -> l.operationType().equals("FinishTransaction")).findFirst()
                .orElseThrow();
        String name = TarEntries.fileNames(TarEntries.read(archive)).stream()
                .filter(n -> n.contains("_Sig-" + finish.signatureCounter() + "_")).findFirst().orElseThrow();
        int header = Bytes.indexOf(archive, name.substring(0, Math.min(100, name.length())).getBytes(StandardCharsets.US_ASCII), 0);
        int data = (header / 512 + 1) * 512;
        int processData = Bytes.indexOf(archive, finish.processData(), data);
        archive[processData] ^= 0x01;
        ExportVerificationResult result = verify(archive, true);
        assertThat(result.hasError("E5")).as(result.report()).isTrue();
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void eachFilterSelectsWhatTheSpecDefines() {
        String clientA = tss.clientIds().get(0);
        String serialA = "KASSE-0";
        // client: its transaction logs, plus system logs inside the span of any of its transactions
        Set<Long> numbersOfA = journal().stream().filter(l -> isTransaction(l) && l.clientId().equals(serialA))
                .map(LogMessage::transactionNumber).collect(Collectors.toSet());
        List<long[]> spansOfA = new ArrayList<>();
        for (long number : numbersOfA) {
            spansOfA.add(span(l -> l.transactionNumber() == number));
        }
        Set<Long> expectedClient = select(l -> isTransaction(l) ? l.clientId().equals(serialA)
                : spansOfA.stream().anyMatch(s -> l.signatureCounter() >= s[0] && l.signatureCounter() <= s[1]));
        assertThat(countersIn(file(export("?client_id=" + clientA + "&start_date=1&transaction_number=1"))))
                .isEqualTo(expectedClient);

        long[] span1 = span(l -> l.transactionNumber() == 1);
        assertThat(countersIn(file(export("?transaction_number=1"))))
                .isEqualTo(select(l -> isTransaction(l) ? l.transactionNumber() == 1
                        : l.signatureCounter() >= span1[0] && l.signatureCounter() <= span1[1]));

        long[] span23 = span(l -> l.transactionNumber() >= 2 && l.transactionNumber() <= 3);
        assertThat(countersIn(file(export("?start_transaction_number=2&end_transaction_number=3"))))
                .isEqualTo(select(l -> l.signatureCounter() >= span23[0] && l.signatureCounter() <= span23[1]));
        long[] from4 = span(l -> l.transactionNumber() >= 4);
        assertThat(countersIn(file(export("?start_transaction_number=004"))))
                .isEqualTo(select(l -> l.signatureCounter() >= from4[0] && l.signatureCounter() <= from4[1]));

        assertThat(countersIn(file(export("?start_date=" + secondDay))))
                .isEqualTo(select(l -> l.logTime().epochSecond() >= secondDay));
        assertThat(countersIn(file(export("?end_date=" + (secondDay - 1)))))
                .isEqualTo(select(l -> l.logTime().epochSecond() <= secondDay - 1));

        assertThat(countersIn(file(export("?start_signature_counter=3&end_signature_counter=9"))))
                .isEqualTo(LongStream.rangeClosed(3, 9).boxed().collect(Collectors.toSet()));
        assertThat(countersIn(file(export("?start_signature_counter=100000")))).isEmpty();
    }

    @Test
    void anEmptySelectionHoldsInfoAndCertificatesOnly() {
        byte[] archive = file(export("?start_date=1&end_date=2"));
        List<String> names = TarEntries.fileNames(TarEntries.read(archive));
        assertThat(names).hasSize(4);
        assertThat(names.getFirst()).isEqualTo("info.csv");
        assertThat(new String(TarEntries.read(archive).getFirst().content(), StandardCharsets.US_ASCII))
                .startsWith("\"description:\",\"OpenTSS (" + tss.tssId() + ")\",\"manufacturer:\",\"OpenTSS\"");
        assertThat(verify(archive, false).isValid()).isTrue();
    }

    @Test
    void tooManyRecordsEndsInError() {
        JsonNode job = export("?maximum_number_records=3");
        assertThat(job.get("state").asString()).isEqualTo("ERROR");
        assertThat(job.get("exception").asString()).isEqualTo("E_TOO_MANY_RECORDS");
        assertThat(job.has("time_error")).isTrue();
        HttpResult file = server.get(tss.path() + "/export/" + job.get("_id").asString() + "/file", token);
        assertThat(file.code()).isEqualTo("E_EXPORT_NOT_COMPLETED");
        assertThat(file.header("Retry-After")).isEmpty();
    }

    @Test
    void triggerErrors() {
        String base = tss.path() + "/export/";
        for (String query : List.of("?transaction_number=1&start_signature_counter=2", "?start_date=5&end_signature_counter=9",
                "?start_transaction_number=5&end_transaction_number=4", "?maximum_number_records=0",
                "?maximum_number_records=1000001")) {
            HttpResult result = server.put(base + UUID.randomUUID() + query, "{}", token);
            assertThat(result.code()).as(query).isEqualTo("E_PARAMETER_MISMATCH");
        }
        assertThat(server.put(base + UUID.randomUUID() + "?transaction_number=-1", "{}", token).code())
                .isEqualTo("E_FAILED_SCHEMA_VALIDATION");
        HttpResult unknownTx = server.put(base + UUID.randomUUID() + "?transaction_number=99", "{}", token);
        assertThat(unknownTx.status()).isEqualTo(400);
        assertThat(unknownTx.code()).isEqualTo("E_TX_NOT_FOUND");
        HttpResult unknownClient = server.put(base + UUID.randomUUID() + "?client_id=" + UUID.randomUUID(), "{}", token);
        assertThat(unknownClient.status()).isEqualTo(400);
        assertThat(unknownClient.code()).isEqualTo("E_CLIENT_NOT_FOUND");

        String id = UUID.randomUUID().toString();
        assertThat(server.put(base + id, "{}", token).status()).isEqualTo(200);
        assertThat(server.put(base + id, "{}", token).code()).isEqualTo("E_DUPLICATE_EXPORT");

        String created = "/api/v2/tss/" + UUID.randomUUID();
        server.put(created, "{}", token);
        assertThat(server.put(created + "/export/" + UUID.randomUUID(), "{}", token).code())
                .isEqualTo("E_TSS_ILLEGAL_STATE_TO_PERFORM_EXPORT");

        String other = server.accessToken(server.createApiKey(server.createOrganization("Other").id(), Environment.TEST));
        assertThat(server.get(base + id, other).code()).isEqualTo("E_TSS_NOT_FOUND");
        assertThat(server.put(base + id, "{}", other).code()).isEqualTo("E_TSS_NOT_FOUND");
        assertThat(server.get(tss.path() + "/export/" + UUID.randomUUID(), token).code()).isEqualTo("E_EXPORT_NOT_FOUND");
    }

    @Test
    void openJobsAreLimitedAndCanBeCancelled() {
        server.app().exportWorker().close();
        String waiting;
        try {
            String base = tss.path() + "/export/";
            String first = UUID.randomUUID().toString();
            assertThat(server.put(base + first + "?start_signature_counter=1", "{}", token).status()).isEqualTo(200);
            assertThat(server.put(base + UUID.randomUUID() + "?start_signature_counter=0001", "{}", token).code())
                    .isEqualTo("E_EXPORT_DUPLICATE_RATE_LIMITED");
            HttpResult pending = server.get(base + first + "/file", token);
            assertThat(pending.code()).isEqualTo("E_EXPORT_NOT_COMPLETED");
            assertThat(pending.header("Retry-After")).hasValue("5");
            for (int i = 2; i <= 10; i++) {
                assertThat(server.put(base + UUID.randomUUID() + "?start_signature_counter=" + i, "{}", token).status())
                        .isEqualTo(200);
            }
            assertThat(server.put(base + UUID.randomUUID() + "?start_signature_counter=11", "{}", token).code())
                    .isEqualTo("E_TOO_MANY_EXPORTS");

            HttpResult cancelled = server.delete(base + first, token);
            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
            assertThat(cancelled.json().has("time_end")).isTrue();
            assertThat(server.delete(base + first, token).code()).isEqualTo("E_CANCEL_EXPORT");
            assertThat(server.get(base + first + "/file", token).header("Retry-After")).isEmpty();

            JsonNode lists = server.get(tss.path() + "/export?states[]=PENDING", token).json();
            assertThat(lists.get("_type").asString()).isEqualTo("EXPORT_LIST");
            assertThat(lists.get("count").asInt()).isEqualTo(9);
            assertThat(server.get("/api/v2/export?states[]=CANCELLED", token).json().get("count").asInt()).isEqualTo(1);
            // chosen before the restart: the worker may take every PENDING job before the test could list one
            waiting = lists.get("data").get(0).get("_id").asString();
        } finally {
            server.app().exportWorker().start();
        }
        // after the "restart" the PENDING jobs are picked up and complete
        assertThat(awaitEnd(waiting).get("state").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void aJobTakenOverAfterACrashKeepsItsHighWaterMarkAndStartTime() {
        server.app().exportWorker().close();
        String id = UUID.randomUUID().toString();
        long before;
        try {
            assertThat(server.put(tss.path() + "/export/" + id, "{}", token).status()).isEqualTo(200);
            ExportRepository exports = new ExportRepository(server.app().database());
            // another node takes the job and dies: its lease runs out
            assertThat(exports.claim(id, now(), now() + 60)).isTrue();
            before = Long.parseLong(server.get(tss.path(), token).json().get("signature_counter").asString());
            long started = server.get(tss.path() + "/export/" + id, token).json().get("time_start").asLong();
            sale(tss.clientId(), "ACTIVE", null); // signed after the job started: not part of it
            server.clock().advance(Duration.ofSeconds(61));
            server.app().exportWorker().start();
            JsonNode job = awaitEnd(id);
            server.app().exportWorker().close(); // the finally block starts it again
            assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
            assertThat(job.get("time_start").asLong()).isEqualTo(started);
            Set<Long> counters = countersIn(file(job));
            assertThat(counters).hasSize((int) before);
            assertThat(counters).doesNotContain(before + 1);
        } finally {
            server.app().exportWorker().start();
        }
    }

    @Test
    void metadataAndExpiry() {
        JsonNode job = export("?end_signature_counter=2");
        String path = tss.path() + "/export/" + job.get("_id").asString();
        assertThat(server.patch(path + "/metadata", "{\"auditor\":\"Finanzamt\"}", token).json().get("auditor").asString())
                .isEqualTo("Finanzamt");
        assertThat(server.get(path, token).json().get("metadata").get("auditor").asString()).isEqualTo("Finanzamt");
        server.clock().advance(Duration.ofDays(30));
        HttpResult expired = server.get(path + "/file", token);
        assertThat(expired.code()).isEqualTo("E_EXPORT_NOT_FOUND");
        assertThat(expired.json().get("message").asString()).isEqualTo("export file has expired");
        assertThat(server.get(path, token).json().get("state").asString()).isEqualTo("COMPLETED");
    }



    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
