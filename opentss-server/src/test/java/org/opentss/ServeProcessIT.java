package org.opentss;

import org.junit.jupiter.api.Tag;
import org.opentss.testing.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentss.http.Json;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ServerProcess;
import tools.jackson.databind.JsonNode;

/** {@code opentss serve} as its own process: starts, answers, logs, and stops cleanly on SIGTERM. */
@Tag(TestServer.EXPLICIT_DATABASE)
class ServeProcessIT {

    @TempDir
    Path dataDir;

    private ServerProcess serve(Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("OPENTSS_DATA_DIR", dataDir.toString());
        return ServerProcess.start("serve", environment);
    }

    @Test
    void servesAndShutsDownGracefullyOnSigterm() {
        try (ServerProcess served = serve(Map.of())) {
            assertThat(served.get("/ready", null).status()).isEqualTo(200);
            served.stop();
            assertThat(served.logText()).contains("shutting down").contains("OpenTSS stopped");
        }
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithTheRequestId() {
        try (ServerProcess served = serve(Map.of("OPENTSS_LOG_FORMAT", "json"))) {
            HttpResult health = served.get("/health", null);
            String requestId = health.header("X-Request-Id").orElseThrow();
            served.stop();
            List<String> lines = served.logText().lines().filter(l -> l.startsWith("{")).toList();
            List<JsonNode> events = lines.stream().map(l -> Json.MAPPER.readTree(l)).toList();
            assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.has("message") && e.has("level")).isTrue());
            assertThat(events).anySatisfy(e -> {
                assertThat(e.path("request_id").asString()).isEqualTo(requestId);
                assertThat(e.get("message").asString()).contains("GET /health 200");
            });
        }
    }
}
