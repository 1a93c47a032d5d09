package org.opentss.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.opentss.http.Json;
import tools.jackson.databind.JsonNode;

/** The SIGN DE API calls the benchmark makes besides signing: log in, read counters, run exports. */
final class BenchApi implements AutoCloseable {

    /** The counters of a TSS as {@code GET /tss/{id}} shows them. */
    record Counters(long signatureCounter, long transactionCounter) {
    }

    private final String basePath;
    private final KeepAliveConnection connection;
    private String token;

    BenchApi(URI apiBase) throws IOException {
        this.basePath = apiBase.getRawPath();
        this.connection = new KeepAliveConnection(apiBase);
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
        KeepAliveConnection.Response response = connection.send("GET",
                basePath + "/tss/" + tssId + "/export/" + exportId + "/file", token, null);
        if (response.status() != 200) {
            throw new IOException("export download answered HTTP " + response.status() + ": " + response.text());
        }
        return response.body();
    }

    private JsonNode call(String method, String path, byte[] body) throws IOException {
        KeepAliveConnection.Response response = connection.send(method, basePath + path, token,
                body == null && !method.equals("GET") ? "{}".getBytes(StandardCharsets.US_ASCII) : body);
        if (response.status() / 100 != 2) {
            throw new IOException(method + " " + path + " answered HTTP " + response.status() + ": " + response.text());
        }
        return Json.MAPPER.readTree(response.body());
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
