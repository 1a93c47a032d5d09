package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.TestServer;

/** What every client meets before any business logic: routing, ids, limits, errors, operations (§1, §2, §13). */
class ServerBasicsIT {

    private static TestServer server;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        token = server.accessToken(server.createApiKey(server.createOrganization("Basics").id(), Environment.TEST));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertErrorShape(HttpResult result, int status, String code) {
        assertThat(result.status()).isEqualTo(status);
        assertThat(result.json().propertyNames()).containsExactly("status_code", "error", "code", "message");
        assertThat(result.json().get("status_code").asInt()).isEqualTo(status);
        assertThat(result.code()).isEqualTo(code);
        assertThat(result.header("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void unknownRoutesAre404InTheErrorShapeBeforeAuthentication() {
        HttpResult unknown = server.get("/api/v2/no-such-thing", null);
        assertErrorShape(unknown, 404, "E_ROUTE_NOT_FOUND");
        assertThat(unknown.json().get("error").asString()).isEqualTo("Not Found");
        assertErrorShape(server.delete("/api/v2/auth", null), 404, "E_ROUTE_NOT_FOUND");
        assertErrorShape(server.get("/nothing-here", null), 404, "E_ROUTE_NOT_FOUND");
    }

    @Test
    void everyResponseCarriesTheRequestIdInBothHeaders() {
        for (HttpResult result : new HttpResult[] {server.get("/health", null), server.get("/api/v2/x", null),
                server.get("/api/v0/organizations", token)}) {
            String id = result.header("X-Request-Id").orElseThrow();
            assertThat(id).matches("[0-9a-f]{32}");
            assertThat(result.header("Request-Id")).hasValue(id);
        }
    }

    @Test
    void aSaneCallerRequestIdIsKeptAndAnInsaneOneReplaced() {
        HttpResult kept = server.send(server.request("/health", null).header("X-Request-Id", "pos-4711:a.b_c"));
        assertThat(kept.header("X-Request-Id")).hasValue("pos-4711:a.b_c");
        assertThat(kept.header("Request-Id")).hasValue("pos-4711:a.b_c");

        HttpResult alternative = server.send(server.request("/health", null).header("Request-Id", "alt-1"));
        assertThat(alternative.header("X-Request-Id")).hasValue("alt-1");

        HttpResult replaced = server.send(server.request("/health", null).header("X-Request-Id", "-bad id!"));
        assertThat(replaced.header("X-Request-Id").orElseThrow()).matches("[0-9a-f]{32}");
    }

    @Test
    void bodiesOverOneMebibyteAre413BeforeAuthentication() {
        String big = "{\"name\":\"" + "x".repeat(RequestBody.MAX_BYTES) + "\"}";
        HttpResult declared = server.post("/api/v0/organizations", big, null);
        assertErrorShape(declared, 413, "E_PAYLOAD_TOO_LARGE");
        assertThat(declared.json().get("error").asString()).isEqualTo("Payload Too Large");

        // without Content-Length (chunked) the limit holds while reading
        HttpResult chunked = server.send(server.request("/api/v0/organizations", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertErrorShape(chunked, 413, "E_PAYLOAD_TOO_LARGE");

        // bodies of GET are ignored, whatever their size
        HttpResult get = server.send(server.request("/api/v0/organizations", token)
                .method("GET", HttpRequest.BodyPublishers.ofString(big)));
        assertThat(get.status()).isEqualTo(200);

        String justFits = "{\"name\":\"" + "x".repeat(RequestBody.MAX_BYTES - 11) + "\"}";
        HttpResult accepted = server.post("/api/v0/organizations", justFits, token);
        assertThat(accepted.status()).isEqualTo(400); // read in full, then refused by the schema
        assertThat(accepted.code()).isEqualTo("E_FAILED_SCHEMA_VALIDATION");
    }

    @Test
    void otherMediaTypesAre415() {
        HttpResult result = server.send(server.request("/api/v0/organizations", token)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertErrorShape(result, 415, "E_UNSUPPORTED_MEDIA_TYPE");
        // the media type is checked before the path parameters (§1.9)
        HttpResult beforePath = server.send(server.request("/api/v0/organizations/not-a-uuid", token)
                .header("Content-Type", "text/plain").method("PATCH", HttpRequest.BodyPublishers.ofString("{}")));
        assertErrorShape(beforePath, 415, "E_UNSUPPORTED_MEDIA_TYPE");
        HttpResult withCharset = server.send(server.request("/api/v0/organizations", token)
                .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(withCharset.code()).isEqualTo("E_FAILED_SCHEMA_VALIDATION");
    }

    @Test
    void duplicateAndTrailingSlashesAreIgnored() {
        assertThat(server.get("//api/v0//organizations/", token).status()).isEqualTo(200);
        assertThat(server.get("/health/", null).status()).isEqualTo(200);
    }

    @Test
    void corsHeadersAndPreflight() {
        HttpResult result = server.send(server.request("/health", null).header("Origin", "https://pos.example"));
        assertThat(result.header("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(result.header("Access-Control-Expose-Headers")).hasValue("X-Request-Id, Request-Id, Retry-After");

        HttpResult preflight = server.send(server.request("/api/v2/auth", null)
                .header("Origin", "https://pos.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Methods")).hasValue("GET, POST, PUT, PATCH, DELETE");
        assertThat(preflight.header("Access-Control-Allow-Headers"))
                .hasValue("Authorization, Content-Type, X-Request-Id, Request-Id");
    }

    @Test
    void configuredOriginsOnly() {
        try (TestServer restricted = TestServer.start(Map.of("OPENTSS_CORS_ALLOWED_ORIGINS", "https://hub.example"))) {
            HttpResult allowed = restricted.send(restricted.request("/health", null).header("Origin", "https://hub.example"));
            assertThat(allowed.header("Access-Control-Allow-Origin")).hasValue("https://hub.example");
            HttpResult other = restricted.send(restricted.request("/health", null).header("Origin", "https://evil.example"));
            assertThat(other.header("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void healthAndReadiness() {
        HttpResult health = server.get("/health", null);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResult ready = server.get("/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\"}}");
    }

    @Test
    void notReadyWhileShuttingDownOrWithoutDatabase() {
        try (TestServer stopping = TestServer.start()) {
            String token = stopping.accessToken(stopping.createApiKey(stopping.createOrganization("Stopping").id(),
                    Environment.TEST));
            stopping.app().readiness().shuttingDown();
            HttpResult ready = stopping.get("/ready", null);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"database\":\"DOWN\"}}");
            assertThat(ready.header("Retry-After")).hasValue("5");
            HttpResult api = stopping.get("/api/v0/organizations", token);
            assertErrorShape(api, 503, "E_SERVICE_UNAVAILABLE");
            assertThat(api.header("Retry-After")).hasValue("5");
        }
        try (TestServer noDatabase = TestServer.start()) {
            String token = noDatabase.accessToken(noDatabase.createApiKey(noDatabase.createOrganization("No DB").id(),
                    Environment.TEST));
            noDatabase.app().database().close();
            assertThat(noDatabase.get("/ready", null).status()).isEqualTo(503);
            assertThat(noDatabase.get("/health", null).status()).isEqualTo(200);
            HttpResult api = noDatabase.get("/api/v0/organizations", token);
            assertErrorShape(api, 503, "E_SERVICE_UNAVAILABLE");
            assertThat(api.header("Retry-After")).hasValue("5");
        }
    }

    @Test
    void metricsInPrometheusFormat() {
        server.post("/api/v2/auth", "{\"api_key\":\"nobody\",\"api_secret\":\"x\"}", null);
        HttpResult metrics = server.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
                .contains("opentss_auth_failures_total")
                .contains("opentss_export_jobs{state=\"COMPLETED\"}")
                .contains("opentss_signatures_total")
                .contains("opentss_sign_duration_seconds_bucket")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v2/auth\",status=\"401\"}")
                .contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections");
    }

    @Test
    void metricsCanRequireAToken() {
        try (TestServer guarded = TestServer.start(Map.of("OPENTSS_METRICS_TOKEN", "scrape-me"))) {
            assertErrorShape(guarded.get("/metrics", null), 401, "E_UNAUTHORIZED");
            assertThat(guarded.get("/metrics", "scrape-me").status()).isEqualTo(200);
        }
    }

    @Test
    void openApiAndDocs() {
        HttpResult openApi = server.get("/openapi/sign-de-v2.yaml", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.header("Content-Type")).hasValue("application/yaml; charset=utf-8");
        assertThat(openApi.body()).startsWith("openapi: 3.0.3");

        HttpResult docs = server.get("/docs", null);
        assertThat(docs.header("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(docs.body()).contains("/openapi/sign-de-v2.yaml").contains("/openapi/pos-v1.yaml")
                .contains("TSS API (SIGN DE v2)").contains("POS API (v1)").contains("swagger-ui-bundle.js");
        HttpResult posApi = server.get("/openapi/pos-v1.yaml", null);
        assertThat(posApi.status()).isEqualTo(200);
        assertThat(posApi.header("Content-Type")).hasValue("application/yaml; charset=utf-8");
        assertThat(posApi.body()).startsWith("openapi: 3.0.3");
        HttpResult bundle = server.get("/docs/swagger-ui-bundle.js", null);
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.bytes().length).isGreaterThan(100_000);
        assertErrorShape(server.get("/docs/secret.txt", null), 404, "E_ROUTE_NOT_FOUND");
    }
}
