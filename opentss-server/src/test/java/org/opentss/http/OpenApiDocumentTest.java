package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.identity.Organization;
import org.opentss.testing.HttpResult;
import org.opentss.testing.TestServer;

/**
 * The hand-written OpenAPI file (sign-de-v2.md §13.1) documents exactly the routes the server has:
 * every expected operation is a path key with its method under {@code paths:}, there is no other, and
 * every documented operation reaches a real route on a running server.
 */
class OpenApiDocumentTest {

    private static final String RESOURCE = "openapi/sign-de-v2.yaml";

    /** Every route the server registers, as "METHOD path" in the document's spelling. */
    private static final List<String> ROUTES = List.of(
            "POST /api/v2/auth",
            "POST /api/v0/auth",
            "PUT /api/v2/tss/{tss_id}",
            "GET /api/v2/tss/{tss_id}",
            "PATCH /api/v2/tss/{tss_id}",
            "GET /api/v2/tss",
            "GET /api/v2/tss/{tss_id}/metadata",
            "PATCH /api/v2/tss/{tss_id}/metadata",
            "PATCH /api/v2/tss/{tss_id}/admin",
            "POST /api/v2/tss/{tss_id}/admin/auth",
            "POST /api/v2/tss/{tss_id}/admin/logout",
            "PUT /api/v2/tss/{tss_id}/client/{client_id}",
            "PATCH /api/v2/tss/{tss_id}/client/{client_id}",
            "GET /api/v2/tss/{tss_id}/client/{client_id}",
            "GET /api/v2/tss/{tss_id}/client/{client_id}/metadata",
            "PATCH /api/v2/tss/{tss_id}/client/{client_id}/metadata",
            "GET /api/v2/tss/{tss_id}/client",
            "GET /api/v2/client",
            "PUT /api/v2/tss/{tss_id}/tx/{tx_id_or_number}",
            "GET /api/v2/tss/{tss_id}/tx/{tx_id_or_number}",
            "GET /api/v2/tss/{tss_id}/tx/{tx_id_or_number}/log",
            "GET /api/v2/tss/{tss_id}/tx/{tx_id_or_number}/metadata",
            "PATCH /api/v2/tss/{tss_id}/tx/{tx_id_or_number}/metadata",
            "GET /api/v2/tss/{tss_id}/tx",
            "GET /api/v2/tss/{tss_id}/client/{client_id}/tx",
            "GET /api/v2/tx",
            "PUT /api/v2/tss/{tss_id}/export/{export_id}",
            "GET /api/v2/tss/{tss_id}/export/{export_id}",
            "DELETE /api/v2/tss/{tss_id}/export/{export_id}",
            "GET /api/v2/tss/{tss_id}/export/{export_id}/file",
            "GET /api/v2/tss/{tss_id}/export/{export_id}/metadata",
            "PATCH /api/v2/tss/{tss_id}/export/{export_id}/metadata",
            "GET /api/v2/tss/{tss_id}/export",
            "GET /api/v2/export",
            "GET /api/v0/organizations",
            "POST /api/v0/organizations",
            "GET /api/v0/organizations/{organization_id}",
            "PATCH /api/v0/organizations/{organization_id}",
            "GET /api/v0/organizations/{organization_id}/api-keys",
            "POST /api/v0/organizations/{organization_id}/api-keys",
            "GET /api/v0/organizations/{organization_id}/api-keys/{api_key_id}",
            "PATCH /api/v0/organizations/{organization_id}/api-keys/{api_key_id}",
            "DELETE /api/v0/organizations/{organization_id}/api-keys/{api_key_id}",
            "GET /health",
            "GET /ready",
            "GET /metrics",
            "GET /openapi/sign-de-v2.yaml",
            "GET /openapi/pos-v1.yaml",
            "GET /docs",
            "GET /docs/{file}");

    /** The methods the API uses; every other one of these on a documented path must be an unknown route. */
    private static final List<String> API_METHODS = List.of("GET", "PUT", "POST", "PATCH", "DELETE");

    private static TestServer server;
    private static String token;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        Organization org = server.createOrganization("Bistro Linde");
        token = server.accessToken(server.createApiKey(org.id(), Environment.TEST));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void isAnOpenApi303DocumentWithoutTabs() {
        String text = document();
        assertThat(text).startsWith("openapi: 3.0.3\n");
        assertThat(text).doesNotContain("\t");
        assertThat(OpenApiYaml.topLevelKeys(text))
                .containsExactly("openapi", "info", "servers", "tags", "security", "paths", "components");
    }

    @Test
    void documentsEveryRouteAndNoOther() {
        assertThat(OpenApiYaml.operations(document())).containsExactlyInAnyOrderElementsOf(ROUTES);
    }

    @Test
    void describesTheErrorBodyWithItsKeysInWireOrder() {
        String text = document();
        int error = OpenApiYaml.errorSchema(text);
        int statusCode = text.indexOf("\n        status_code:", error);
        int errorKey = text.indexOf("\n        error:", error);
        int code = text.indexOf("\n        code:", error);
        int message = text.indexOf("\n        message:", error);
        assertThat(List.of(statusCode, errorKey, code, message)).isSorted().allMatch(i -> i > error);
        assertThat(text).contains("{\"message\":\"Unauthorized\",\"status_code\":401,\"error\":\"Unauthorized\"}");
    }

    /** The {@code code} enum of the {@code Error} schema is the server's catalogue, in its order. */
    @Test
    void listsExactlyTheErrorCodesTheServerEmits() {
        assertThat(OpenApiYaml.errorCodes(document())).containsExactlyElementsOf(
                Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    @Test
    void isServedAsIs() {
        HttpResult result = server.get("/openapi/sign-de-v2.yaml", null);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(result.body()).isEqualTo(document());
    }

    /**
     * Sent with a valid token and random ids, so that the request gets past authentication: a 404 then
     * names the missing resource ({@code E_TSS_NOT_FOUND}, …), never {@code E_ROUTE_NOT_FOUND}.
     */
    @Test
    void everyDocumentedOperationReachesARoute() {
        for (String operation : OpenApiYaml.operations(document())) {
            String method = operation.substring(0, operation.indexOf(' '));
            HttpResult result = probe(method, operation.substring(operation.indexOf(' ') + 1));
            assertThat(isUnknownRoute(result)).as(operation + " answered " + result).isFalse();
            assertThat(result.status()).as(operation + " got past authentication").isNotEqualTo(401);
        }
    }

    /** The server has no route that the document leaves out on a documented path. */
    @Test
    void undocumentedMethodsOfDocumentedPathsAreUnknownRoutes() {
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        for (String operation : OpenApiYaml.operations(document())) {
            methodsByPath.computeIfAbsent(operation.substring(operation.indexOf(' ') + 1), p -> new LinkedHashSet<>())
                    .add(operation.substring(0, operation.indexOf(' ')));
        }
        methodsByPath.forEach((path, methods) -> {
            for (String method : API_METHODS) {
                if (!methods.contains(method)) {
                    HttpResult result = probe(method, path);
                    assertThat(isUnknownRoute(result)).as(method + " " + path + " answered " + result).isTrue();
                }
            }
        });
    }

    private static HttpResult probe(String method, String documentedPath) {
        String path = documentedPath
                .replace("{organization_id}", UUID.randomUUID().toString())
                .replace("{api_key_id}", UUID.randomUUID().toString())
                .replace("{tss_id}", UUID.randomUUID().toString())
                .replace("{client_id}", UUID.randomUUID().toString())
                .replace("{tx_id_or_number}", UUID.randomUUID().toString())
                .replace("{export_id}", UUID.randomUUID().toString())
                .replace("{file}", "swagger-ui.css");
        assertThat(path).as(documentedPath + ": every path parameter is replaced").doesNotContain("{");
        HttpRequest.Builder request = server.request(path, token)
                .method(method, method.equals("GET") || method.equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.header("Content-Type", "application/json");
        }
        return server.send(request);
    }

    private static boolean isUnknownRoute(HttpResult result) {
        return result.status() == 404 && result.code().equals("E_ROUTE_NOT_FOUND");
    }

    private static String document() {
        return OpenApiYaml.text(RESOURCE);
    }
}
