package org.opentss.testing;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A POS API (/v1) client for tests: a credential and any further headers ({@code OpenFiskal-Organization},
 * {@code Idempotency-Key}, {@code If-Match}) sent with every request. Immutable: {@link #with} returns a copy.
 */
public final class PosClient {

    private final HttpApi api;
    private final Map<String, String> headers;

    private PosClient(HttpApi api, Map<String, String> headers) {
        this.api = api;
        this.headers = Map.copyOf(headers);
    }

    /** Sends {@code Authorization: Bearer <platformKey>}. */
    public static PosClient platform(HttpApi api, String platformKey) {
        return new PosClient(api, Map.of("Authorization", "Bearer " + platformKey));
    }

    /** Sends {@code X-Register-Api-Key: <registerKey>}. */
    public static PosClient register(HttpApi api, String registerKey) {
        return new PosClient(api, Map.of("X-Register-Api-Key", registerKey));
    }

    /** Sends no credential. */
    public static PosClient anonymous(HttpApi api) {
        return new PosClient(api, Map.of());
    }

    /** A copy that also sends {@code name: value}. */
    public PosClient with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new PosClient(api, more);
    }

    /** A copy that acts for an organization ({@code OpenFiskal-Organization}). */
    public PosClient actingFor(String posOrganizationId) {
        return with("OpenFiskal-Organization", posOrganizationId);
    }

    public HttpResult get(String path) {
        return send(path, "GET", HttpRequest.BodyPublishers.noBody(), false);
    }

    public HttpResult delete(String path) {
        return send(path, "DELETE", HttpRequest.BodyPublishers.noBody(), false);
    }

    public HttpResult post(String path, String json) {
        return send(path, "POST", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8), true);
    }

    public HttpResult patch(String path, String json) {
        return send(path, "PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8), true);
    }

    private HttpResult send(String path, String method, HttpRequest.BodyPublisher body, boolean json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).method(method, body);
        if (json) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return api.send(request);
    }
}
