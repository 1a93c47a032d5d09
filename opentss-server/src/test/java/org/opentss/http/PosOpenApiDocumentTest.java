package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.testing.HttpResult;
import org.opentss.testing.TestServer;

/**
 * The hand-written OpenAPI file of the POS API ({@code /openapi/pos-v1.yaml}) documents exactly the
 * endpoint index of pos-api.md §8 and the error codes of §7.2, and is served as is.
 */
class PosOpenApiDocumentTest {

    private static final String RESOURCE = "openapi/pos-v1.yaml";

    /** The endpoint index of pos-api.md §8, in its order. */
    private static final List<String> ENDPOINT_INDEX = List.of(
            "POST /v1/auth/bootstrap",
            "POST /v1/auth/api-keys",
            "GET /v1/auth/api-keys",
            "DELETE /v1/auth/api-keys/{key_id}",
            "POST /v1/organizations",
            "GET /v1/organizations",
            "GET /v1/organizations/{organization_id}",
            "PATCH /v1/organizations/{organization_id}",
            "POST /v1/organizations/{organization_id}/locations",
            "GET /v1/organizations/{organization_id}/locations",
            "GET /v1/locations/{location_id}",
            "PATCH /v1/locations/{location_id}",
            "POST /v1/locations/{location_id}/registers",
            "GET /v1/locations/{location_id}/registers",
            "GET /v1/registers/{register_id}",
            "PATCH /v1/registers/{register_id}",
            "POST /v1/registers/{register_id}/archive",
            "POST /v1/registers/{register_id}/fiscal-units",
            "GET /v1/registers/{register_id}/fiscal-units",
            "POST /v1/registers/{register_id}/fiscal-units/replace",
            "GET /v1/fiscal-units/{fiscal_unit_id}",
            "POST /v1/fiscal-units/{fiscal_unit_id}/recover",
            "POST /v1/fiscal-units/{fiscal_unit_id}/decommission",
            "POST /v1/registers/{register_id}/credentials/rotate",
            "POST /v1/registers/{register_id}/sales",
            "GET /v1/sales/{sale_id}",
            "PATCH /v1/sales/{sale_id}",
            "POST /v1/sales/{sale_id}/complete",
            "POST /v1/sales/{sale_id}/cancel",
            "GET /v1/registers/{register_id}/operations",
            "POST /v1/registers/{register_id}/heartbeat",
            "GET /v1/registers/{register_id}/status",
            "GET /v1/locations/{location_id}/registers/status");

    /** The error codes of pos-api.md §7.2, in the table's order. */
    private static final List<String> ERROR_CODES = List.of(
            "invalid_request",
            "unauthorized",
            "forbidden",
            "not_found",
            "operation_not_open",
            "fiscal_unit_not_active",
            "fiscal_unit_already_active",
            "open_operations_exist",
            "open_operation_limit_reached",
            "register_archived",
            "serial_number_in_use",
            "idempotency_key_conflict",
            "idempotency_key_in_use",
            "precondition_failed",
            "payload_too_large",
            "validation_error",
            "payment_mismatch",
            "jurisdiction_not_supported",
            "rate_limited",
            "internal_error",
            "fiscal_device_error",
            "service_unavailable");

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void isAnOpenApi303DocumentWithoutTabs() {
        String text = OpenApiYaml.text(RESOURCE);
        assertThat(text).startsWith("openapi: 3.0.3\n");
        assertThat(text).doesNotContain("\t");
        assertThat(OpenApiYaml.topLevelKeys(text))
                .containsExactly("openapi", "info", "servers", "tags", "security", "paths", "components");
    }

    @Test
    void documentsExactlyTheEndpointIndex() {
        assertThat(ENDPOINT_INDEX).hasSize(33).doesNotHaveDuplicates();
        assertThat(OpenApiYaml.operations(OpenApiYaml.text(RESOURCE))).containsExactlyInAnyOrderElementsOf(ENDPOINT_INDEX);
    }

    @Test
    void describesTheErrorBodyWithItsKeysInWireOrder() {
        String text = OpenApiYaml.text(RESOURCE);
        int error = OpenApiYaml.errorSchema(text);
        List<Integer> keys = List.of("object", "code", "message", "param", "request_id", "operation_id").stream()
                .map(key -> text.indexOf("\n        " + key + ":", error))
                .toList();
        assertThat(keys).isSorted().allMatch(i -> i > error);
    }

    @Test
    void listsExactlyTheErrorCodesOfTheContract() {
        assertThat(OpenApiYaml.errorCodes(OpenApiYaml.text(RESOURCE))).containsExactlyElementsOf(ERROR_CODES);
    }

    @Test
    void isServedAsIs() {
        HttpResult result = server.get("/openapi/pos-v1.yaml", null);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(result.bytes()).isEqualTo(OpenApiYaml.bytes(RESOURCE));
    }

    /**
     * Every documented operation is a route of the server: without a credential it gets the 401 of its
     * guard (bootstrap: of its unknown setup token), never the 404 of an unknown path; every other method
     * on a documented path is an unknown path.
     */
    @Test
    void theServerHasExactlyTheDocumentedRoutes() {
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        for (String operation : ENDPOINT_INDEX) {
            String[] parts = operation.split(" ", 2);
            methodsByPath.computeIfAbsent(parts[1], p -> new LinkedHashSet<>()).add(parts[0]);
        }
        methodsByPath.forEach((path, methods) -> {
            for (String method : List.of("GET", "POST", "PATCH", "PUT", "DELETE")) {
                HttpResult result = probe(method, path);
                if (methods.contains(method)) {
                    assertThat(result.status()).as(method + " " + path + ": " + result.body()).isEqualTo(401);
                } else {
                    assertThat(result.status()).as(method + " " + path + ": " + result.body()).isEqualTo(404);
                }
            }
        });
    }

    private static HttpResult probe(String method, String documentedPath) {
        String path = documentedPath.replaceAll("\\{[a-z_]+}", "x_01KKBFPKT0C0KA21SK9BKE4YD9");
        String body = "{\"setup_token\":\"ofk_setup_00000000000000000000000000000000\"}";
        HttpRequest.BodyPublisher publisher = method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return server.send(server.request(path, null).header("Content-Type", "application/json")
                .method(method, publisher));
    }
}
