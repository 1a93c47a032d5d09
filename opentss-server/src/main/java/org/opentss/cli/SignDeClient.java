package org.opentss.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import org.opentss.http.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal HTTP client of the SIGN DE API v2 (OpenTSS or fiskaly): JSON in, JSON out, one bearer
 * token. Every response other than 2xx becomes a {@link Failure} carrying the status and the error
 * body's {@code code} and {@code message} (sign-de-v2.md §2.1); nothing here ever prints.
 */
final class SignDeClient {

    /** A request that did not succeed: an HTTP error ({@code status > 0}) or no usable answer at all. */
    static final class Failure extends Exception {

        private final int status;
        private final String code;

        Failure(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        /** The HTTP status, or 0 when the server could not be reached or did not answer with JSON. */
        int status() {
            return status;
        }

        /** The {@code E_…} code of the error body; empty when the body had none (e.g. {@code /auth}'s 401). */
        String code() {
            return code;
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_SHOWN_BODY = 200;

    private final URI apiBase;
    private final HttpClient http;
    private final String userAgent;
    private String accessToken;

    SignDeClient(URI apiBase, String userAgent) {
        this.apiBase = apiBase;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The {@code /api/v2} base of a server URL as a user types it: {@code http://host:8080},
     * {@code http://host:8080/}, {@code http://host:8080/api/v2} and {@code …/api/v2/} all name the same
     * API. A path before {@code /api/v2} (a reverse proxy's prefix) is kept.
     *
     * @throws IllegalArgumentException if the text is not an absolute http(s) URL with a host
     */
    static URI apiBase(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("--url must start with http:// or https:// (got '" + url + "')");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("--url must name a host (got '" + url + "')");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("--url must not have a query or fragment (got '" + url + "')");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        path = path.replaceAll("/+$", "");
        if (!path.endsWith("/api/v2")) {
            path = path + "/api/v2";
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    URI apiBase() {
        return apiBase;
    }

    /** {@code POST /auth} with API key and secret; later calls carry the access token it returns. */
    JsonNode login(String apiKey, String apiSecret) throws Failure {
        ObjectNode body = Json.object().put("api_key", apiKey).put("api_secret", apiSecret);
        JsonNode response = send("POST", "/auth", body);
        String token = text(response.path("access_token"));
        if (token.isEmpty()) {
            throw new Failure(0, "", "the server answered /auth without an access_token");
        }
        accessToken = token;
        return response;
    }

    /** The access token of the current login, so that a caller can keep it out of anything it prints. */
    String accessToken() {
        return accessToken;
    }

    JsonNode put(String path, ObjectNode body) throws Failure {
        return send("PUT", path, body);
    }

    JsonNode patch(String path, ObjectNode body) throws Failure {
        return send("PATCH", path, body);
    }

    JsonNode post(String path, ObjectNode body) throws Failure {
        return send("POST", path, body);
    }

    private JsonNode send(String method, String path, ObjectNode body) throws Failure {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new Failure(0, "", "no answer from " + apiBase + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            String reason = e instanceof java.net.ConnectException ? "connection refused"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new Failure(0, "", "cannot reach " + apiBase + ": " + reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(0, "", "interrupted");
        }
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status / 100 != 2) {
            if (json != null && json.isObject()) {
                throw new Failure(status, text(json.path("code")), text(json.path("message")));
            }
            throw new Failure(status, "", shown(response.body()));
        }
        if (json == null || !json.isObject()) {
            throw new Failure(status, "", "the answer is not a JSON object (is " + apiBase
                    + " a SIGN DE API?): " + shown(response.body()));
        }
        return json;
    }

    /** A scalar's text; empty for a missing member, {@code null}, an object or an array. */
    static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asString() : "";
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The start of a body that is not JSON (a proxy's HTML page, say), on one line. */
    private static String shown(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() > MAX_SHOWN_BODY ? text.substring(0, MAX_SHOWN_BODY) + "…" : text;
    }
}
