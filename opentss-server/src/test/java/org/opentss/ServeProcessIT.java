package org.opentss;

import org.junit.jupiter.api.Tag;
import org.opentss.testing.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentss.http.Json;
import tools.jackson.databind.JsonNode;

/** {@code opentss serve} as its own process: starts, answers, logs, and stops cleanly on SIGTERM. */
@Tag(TestServer.EXPLICIT_DATABASE)
class ServeProcessIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    @TempDir
    Path dataDir;

    private record Served(Process process, int port, Path log) {
        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String stopWithSigterm() throws Exception {
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            return Files.readString(log);
        }
    }

    private Served serve(Map<String, String> environment) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--port", "0", "--data-dir", dataDir.toString());
        builder.environment().put("OPENTSS_HOST", "127.0.0.1");
        builder.environment().putAll(environment);
        // a file, not a pipe: the log must survive the process's exit intact
        Path log = dataDir.resolve("serve.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return new Served(process, Integer.parseInt(m.group(1)), log);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("the server did not start: " + Files.readString(log));
    }

    @Test
    void servesAndShutsDownGracefullyOnSigterm() throws Exception {
        Served served = serve(Map.of());
        try {
            assertThat(served.get("/ready").statusCode()).isEqualTo(200);
            assertThat(served.stopWithSigterm()).contains("shutting down").contains("OpenTSS stopped");
        } finally {
            served.process().destroyForcibly();
        }
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithTheRequestId() throws Exception {
        Served served = serve(Map.of("OPENTSS_LOG_FORMAT", "json"));
        try {
            HttpResponse<String> health = served.get("/health");
            String requestId = health.headers().firstValue("X-Request-Id").orElseThrow();
            List<String> lines = served.stopWithSigterm().lines().filter(l -> l.startsWith("{")).toList();
            List<JsonNode> events = lines.stream().map(l -> Json.MAPPER.readTree(l)).toList();
            assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.has("message") && e.has("level")).isTrue());
            assertThat(events).anySatisfy(e -> {
                assertThat(e.path("request_id").asString()).isEqualTo(requestId);
                assertThat(e.get("message").asString()).contains("GET /health 200");
            });
        } finally {
            served.process().destroyForcibly();
        }
    }
}
