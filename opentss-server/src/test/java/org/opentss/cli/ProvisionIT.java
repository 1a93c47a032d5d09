package org.opentss.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentss.Main;
import org.opentss.http.Json;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.CliRun;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/** {@code opentss provision} against a real server over HTTP: the getting-started flow in one command. */
class ProvisionIT {

    private static TestServer server;
    private static CreatedApiKey key;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        key = server.createApiKey(server.createOrganization("Bistro Linde").id(), Environment.TEST);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    private static String url() {
        return server.uri("").toString();
    }

    private static CliRun provision(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("provision", "--url", url, "--api-key", key.key().key(),
                "--api-secret", key.secret()));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    /** What a POS sees afterwards: an INITIALIZED TSS, a REGISTERED client and an admin PIN that works. */
    private static void assertReady(String tssId, String tssSerial, String clientId, String clientSerial, String pin) {
        String token = server.accessToken(key);
        HttpResult tss = server.get("/api/v2/tss/" + tssId, token);
        assertThat(tss.status()).as(tss.toString()).isEqualTo(200);
        assertThat(tss.json().get("state").asString()).isEqualTo("INITIALIZED");
        // updateTime, selfTest, unblockUser, authenticateUser, initialize, registerClient, logOut
        assertThat(tss.json().get("signature_counter").asString()).isEqualTo("7");
        assertThat(tss.json().get("serial_number").asString()).isEqualTo(tssSerial);
        assertThat(tss.json().get("number_registered_clients").asInt()).isEqualTo(1);

        HttpResult client = server.get("/api/v2/tss/" + tssId + "/client/" + clientId, token);
        assertThat(client.status()).as(client.toString()).isEqualTo(200);
        assertThat(client.json().get("state").asString()).isEqualTo("REGISTERED");
        assertThat(client.json().get("serial_number").asString()).isEqualTo(clientSerial);

        HttpResult adminLogin = server.post("/api/v2/tss/" + tssId + "/admin/auth",
                Json.writeString(Json.object().put("admin_pin", pin)), token);
        assertThat(adminLogin.status()).as(adminLogin.toString()).isEqualTo(200);
    }

    @Test
    void provisionsAReadyTssAndPrintsTheGeneratedPin() {
        CliRun run = provision(url(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).doesNotContain("\n"); // exactly one JSON object
        JsonNode result = run.json();
        assertThat(result.isObject()).isTrue();
        String tssId = result.get("tss_id").asString();
        String clientId = result.get("client_id").asString();
        String pin = result.get("admin_pin").asString();
        assertThat(tssId).matches("[0-9a-f-]{36}");
        assertThat(clientId).matches("[0-9a-f-]{36}").isNotEqualTo(tssId);
        assertThat(result.get("client_serial_number").asString()).isEqualTo("KASSE-01");
        assertThat(result.get("tss_serial_number").asString()).matches("[0-9a-f]{64}");
        assertThat(result.get("admin_puk").asString()).matches("[0-9]{10}");
        assertThat(result.get("admin_pin_set").asBoolean()).isTrue();
        assertThat(result.get("admin_pin_generated").asBoolean()).isTrue();
        assertThat(pin).matches("[0-9]{10}");
        assertThat(result.get("tss_state").asString()).isEqualTo("INITIALIZED");
        assertThat(result.get("client_state").asString()).isEqualTo("REGISTERED");
        assertThat(result.get("env").asString()).isEqualTo("TEST");

        // progress: one line per step on stderr, never a secret, PIN or token
        List<String> lines = run.err().lines().toList();
        assertThat(lines).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(lines.get(i)).startsWith("[" + (i + 1) + "/8] ");
        }
        assertThat(run.err()).contains("[4/8] set the admin PIN with the PUK")
                .doesNotContain(key.secret()).doesNotContain(pin).doesNotContain("eyJ");

        assertReady(tssId, result.get("tss_serial_number").asString(), clientId, "KASSE-01", pin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/api/v2", "/api/v2/"})
    void acceptsTheServerUrlWithOrWithoutSlashAndApiPath(String suffix) {
        String pin = "2468013579";
        CliRun run = provision(url() + suffix, "--pin", pin, "--client-serial", "BISTRO-LINDE-KASSE-01", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json();
        assertThat(result.has("admin_pin")).isFalse();
        assertThat(result.get("admin_pin_generated").asBoolean()).isFalse();
        assertThat(result.get("client_serial_number").asString()).isEqualTo("BISTRO-LINDE-KASSE-01");
        assertThat(result.get("api_url").asString()).isEqualTo(url() + "/api/v2");
        assertThat(run.out() + run.err()).doesNotContain(pin).doesNotContain(key.secret());
        assertReady(result.get("tss_id").asString(), result.get("tss_serial_number").asString(),
                result.get("client_id").asString(), "BISTRO-LINDE-KASSE-01", pin);
    }

    @Test
    void readableOutputSaysThePukIsShownOnce() {
        CliRun run = provision(url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("TSS id:", "TSS serial number:", "client id:", "client serial number: KASSE-01",
                "admin PUK:", "admin PIN:", "shown only this once");
        String pin = run.out().lines().filter(l -> l.startsWith("admin PIN:")).findFirst().orElseThrow()
                .replaceAll("\\D", "");
        String tssId = run.out().lines().filter(l -> l.startsWith("TSS id:")).findFirst().orElseThrow()
                .substring("TSS id:".length()).strip();
        assertThat(pin).hasSize(10);
        assertThat(run.err()).doesNotContain(pin).doesNotContain(key.secret());
        HttpResult login = server.post("/api/v2/tss/" + tssId + "/admin/auth",
                "{\"admin_pin\":\"" + pin + "\"}", server.accessToken(key));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
    }

    @Test
    void aWrongSecretStopsAtTheLoginWithExitCode1() {
        String wrong = "wrong-" + key.secret();
        CliRun run = cli("provision", "--url", url(), "--api-key", key.key().key(), "--api-secret", wrong);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("step 1/8", "HTTP 401", "Unauthorized", "check the API key and the API secret")
                .doesNotContain(wrong).doesNotContain(key.secret()).doesNotContain("[2/8]");
    }

    @Test
    void anErrorNamesTheStepStatusCodeAndMessage() {
        try (TestServer limited = TestServer.start(Map.of("OPENTSS_MAX_TSS_PER_ORG", "1"))) {
            CreatedApiKey limitedKey = limited.createApiKey(limited.createOrganization("Klein").id(), Environment.TEST);
            String[] args = {"provision", "--url", limited.uri("/").toString(), "--api-key", limitedKey.key().key(),
                "--api-secret", limitedKey.secret(), "--json"};
            assertThat(cli(args).exitCode()).isZero();

            CliRun second = cli(args);
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.out()).isEmpty();
            assertThat(second.err()).contains("step 2/8 (create the TSS", "HTTP 403 E_TSS_LIMIT_REACHED")
                    .doesNotContain(limitedKey.secret());
        }
    }

    @Test
    void aFailureAfterTheTssExistsHandsOverThePukAndKeepsThePinSecret() throws IOException {
        // a fake server that fails the PIN step and echoes the request body in its error message
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            String answer = "{}";
            if (path.equals("/api/v2/auth")) {
                answer = "{\"access_token\":\"fake-access-token\",\"refresh_token\":\"fake-refresh-token\","
                        + "\"access_token_claims\":{\"env\":\"TEST\",\"organization_id\":\"o\"}}";
            } else if (path.endsWith("/admin")) {
                status = 400;
                answer = Json.writeString(Json.object().put("status_code", 400).put("error", "Bad Request")
                        .put("code", "E_CHANGE_ADMIN_PIN_FAILED").put("message", "rejected " + body));
            } else if (exchange.getRequestMethod().equals("PUT")) {
                answer = "{\"serial_number\":\"abc\",\"admin_puk\":\"0123456789\",\"state\":\"CREATED\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        fake.start();
        try {
            CliRun run = cli("provision", "--url", "http://127.0.0.1:" + fake.getAddress().getPort(),
                    "--api-key", "k", "--api-secret", "s3cr3t-value", "--pin", "9876543210");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("step 4/8 (set the admin PIN with the PUK)", "HTTP 400 E_CHANGE_ADMIN_PIN_FAILED",
                    "last seen in state UNINITIALIZED", "admin PUK is 0123456789")
                    .doesNotContain("9876543210").doesNotContain("s3cr3t-value").doesNotContain("fake-access-token");
        } finally {
            fake.stop(0);
        }
    }

    @Test
    void usageErrorsExitWith2() {
        CliRun noUrl = cli("provision", "--api-key", key.key().key(), "--api-secret", key.secret());
        assertThat(noUrl.exitCode()).isEqualTo(2);
        assertThat(noUrl.err()).contains("--url");

        CliRun badUrl = cli("provision", "--url", "localhost:8080", "--api-key", "k", "--api-secret", "s");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--url must start with http:// or https://");

        CliRun shortPin = provision(url(), "--pin", "12345");
        assertThat(shortPin.exitCode()).isEqualTo(2);
        assertThat(shortPin.err()).contains("--pin must have 6 to 64 characters").doesNotContain("12345");

        CliRun badSerial = provision(url(), "--client-serial", "KASSE/01");
        assertThat(badSerial.exitCode()).isEqualTo(2);
        assertThat(badSerial.err()).contains("--client-serial");

        assumeTrue(System.getenv(ProvisionCommand.SECRET_ENVIRONMENT_VARIABLE) == null);
        CliRun noSecret = cli("provision", "--url", url(), "--api-key", key.key().key());
        assertThat(noSecret.exitCode()).isEqualTo(2);
        assertThat(noSecret.err()).contains("--api-secret", "OPENTSS_API_SECRET");
    }

    @Test
    void helpDocumentsTheSecretVariableAndThePin() {
        CliRun help = cli("provision", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("OPENTSS_API_SECRET", "--pin", "10-digit", "--client-serial", "KASSE-01",
                "shown only this once");
        assertThat(cli("--help").out()).contains("provision");
    }

    @Test
    void takesTheSecretFromTheEnvironment() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "provision", "--url", url(), "--api-key", key.key().key(), "--json");
        builder.environment().put(ProvisionCommand.SECRET_ENVIRONMENT_VARIABLE, key.secret());
        Path out = tempDir.resolve("out.json");
        Path err = tempDir.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();

        JsonNode result = Json.MAPPER.readTree(Files.readString(out));
        assertThat(Files.readString(err)).doesNotContain(key.secret());
        assertReady(result.get("tss_id").asString(), result.get("tss_serial_number").asString(),
                result.get("client_id").asString(), "KASSE-01", result.get("admin_pin").asString());
    }
}
