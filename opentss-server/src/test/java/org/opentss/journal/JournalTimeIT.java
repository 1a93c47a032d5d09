package org.opentss.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;
import org.opentss.verify.LogMessage;
import org.opentss.verify.Profile;
import org.opentss.verify.Verifier;

/** Time synchronisation and self tests (sign-de-v2.md §6.3) and the log-time rules (tse-formats.md §4.4). */
class JournalTimeIT {

    @TempDir
    Path dataDir;

    private static List<String> operations(TestServer server, ProvisionedTss tss) {
        return server.app().logStore().messages(tss.tssId()).stream()
                .map(m -> Verifier.verifyLog(m, tss.publicKey(), Profile.OPENTSS))
                .peek(r -> assertThat(r.findings()).isEmpty())
                .map(r -> r.log().orElseThrow())
                .map(LogMessage::operationType)
                .toList();
    }

    private static HttpResult start(TestServer server, String token, ProvisionedTss tss) {
        return server.put(tss.path() + "/tx/" + UUID.randomUUID() + "?tx_revision=1",
                "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId() + "\"}", token);
    }

    /** Tokens that outlive the clock jumps of these tests. */
    private static final Map<String, String> LONG_TOKENS = Map.of("OPENTSS_ACCESS_TOKEN_TTL_SECONDS", "31536000");

    private static long counter(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().get("signature").get("counter").asLong();
    }

    @Test
    void anUpdateTimeAndSelfTestPrecedeTheFirstSignatureOnceTheLastIs24HoursOld() {
        try (TestServer server = TestServer.start(LONG_TOKENS)) {
            String token = server.accessToken(server.createApiKey(server.createOrganization("Time").id(), Environment.TEST));
            ProvisionedTss tss = ProvisionedTss.provision(server, token, 1);
            assertThat(counter(start(server, token, tss))).isEqualTo(8);
            server.clock().advance(Duration.ofHours(23));
            assertThat(counter(start(server, token, tss))).isEqualTo(9);
            server.clock().advance(Duration.ofHours(1));
            assertThat(counter(start(server, token, tss))).isEqualTo(12);
            assertThat(operations(server, tss).subList(8, 12))
                    .containsExactly("StartTransaction", "updateTime", "selfTest", "StartTransaction");
        }
    }

    @Test
    void aRestartedNodeLogsUpdateTimeAndSelfTestBeforeItsFirstSignature() {
        Map<String, String> settings = Map.of("OPENTSS_DATA_DIR", dataDir.toString());
        ProvisionedTss tss;
        CreatedApiKey key;
        long lastTime;
        try (TestServer first = TestServer.start(settings)) {
            key = first.createApiKey(first.createOrganization("Restart").id(), Environment.TEST);
            String token = first.accessToken(key);
            tss = ProvisionedTss.provision(first, token, 1);
            HttpResult started = start(first, token, tss);
            assertThat(started.json().get("signature").get("counter").asLong()).isEqualTo(8);
            lastTime = started.json().get("log").get("timestamp").asLong();
        }
        try (TestServer second = TestServer.start(settings)) {
            second.clock().advance(Duration.ofSeconds(100));
            String token = second.accessToken(key);
            HttpResult started = start(second, token, tss);
            assertThat(started.json().get("signature").get("counter").asLong()).isEqualTo(11);
            List<String> ops = operations(second, tss);
            assertThat(ops.subList(7, 11)).containsExactly("StartTransaction", "updateTime", "selfTest", "StartTransaction");
            LogMessage updateTime = Verifier.verifyLog(second.app().logStore().message(tss.tssId(), 9).orElseThrow(),
                    tss.publicKey(), Profile.OPENTSS).log().orElseThrow();
            // timeBeforeUpdate is the last stored log time, timeAfterUpdate this log's time
            assertThat(updateTime.systemOperationData()).startsWith(0x81, 0x04);
            assertThat(updateTime.logTime().epochSecond()).isGreaterThanOrEqualTo(lastTime + 100);
        }
    }

    @Test
    void logTimeNeverGoesBackAndAClockFarBehindStopsSigning() {
        try (TestServer server = TestServer.start(LONG_TOKENS)) {
            String token = server.accessToken(server.createApiKey(server.createOrganization("Clock").id(), Environment.TEST));
            ProvisionedTss tss = ProvisionedTss.provision(server, token, 1);
            HttpResult first = start(server, token, tss);
            long firstTime = first.json().get("log").get("timestamp").asLong();

            server.clock().advance(Duration.ofSeconds(-2));
            HttpResult slightlyBehind = start(server, token, tss);
            assertThat(slightlyBehind.json().get("log").get("timestamp").asLong()).isEqualTo(firstTime);

            server.clock().advance(Duration.ofSeconds(-10));
            HttpResult farBehind = start(server, token, tss);
            assertThat(farBehind.status()).isEqualTo(503);
            assertThat(farBehind.code()).isEqualTo("E_SERVICE_UNAVAILABLE");
            assertThat(server.get(tss.path(), token).json().get("signature_counter").asString()).isEqualTo("9");

            server.clock().advance(Duration.ofSeconds(12));
            assertThat(counter(start(server, token, tss))).isEqualTo(10);
        }
    }
}
