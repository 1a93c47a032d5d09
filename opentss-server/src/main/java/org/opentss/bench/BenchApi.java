package org.opentss.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.opentss.http.Json;
import tools.jackson.databind.JsonNode;

/**
 * The SIGN DE API calls the benchmark makes besides signing: log in, read counters, run exports. A few
 * calls a second at most, so the JDK's client serves; the signing load has its own ({@link SaleConnection}).
 */
final class BenchApi implements AutoCloseable {

    /** The counters of a TSS as {@code GET /tss/{id}} shows them. */
    record Counters(long signatureCounter, long transactionCounter) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI apiBase;
    private final HttpClient http;
    private String token;

    BenchApi(URI apiBase) {
        this.apiBase = apiBase;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** {@code POST /auth}; the token is kept for the calls that follow and returned for the workers. */
    String login(String apiKey, String apiSecret) throws IOException {
        byte[] body = Json.write(Json.object().put("api_key", apiKey).put("api_secret", apiSecret));
        token = call("POST", "/auth", body).path("access_token").asString();
        return token;
    }

    Counters counters(String tssId) throws IOException {
        JsonNode tss = call("GET", "/tss/" + tssId, null);
        return new Counters(Long.parseLong(tss.path("signature_counter").asString()),
                Long.parseLong(tss.path("transaction_counter").asString()));
    }

    /** Triggers an export of the whole TSS. */
    void triggerExport(String tssId, String exportId) throws IOException {
        call("PUT", "/tss/" + tssId + "/export/" + exportId, null);
    }

    String exportState(String tssId, String exportId) throws IOException {
        return call("GET", "/tss/" + tssId + "/export/" + exportId, null).path("state").asString();
    }

    byte[] exportFile(String tssId, String exportId) throws IOException {
        return send("GET", "/tss/" + tssId + "/export/" + exportId + "/file", null);
    }

    private JsonNode call(String method, String path, byte[] body) throws IOException {
        return Json.MAPPER.readTree(send(method, path,
                body == null && !method.equals("GET") ? "{}".getBytes(StandardCharsets.US_ASCII) : body));
    }

    private byte[] send(String method, String path, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase + path)).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " " + path + " was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered HTTP " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    @Override
    public void close() {
        http.close();
    }
}
