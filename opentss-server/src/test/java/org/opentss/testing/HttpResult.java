package org.opentss.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.opentss.http.Json;
import tools.jackson.databind.JsonNode;

/** A response as a test sees it: status, headers and body. */
public record HttpResult(int status, HttpResponse<byte[]> response) {

    /** Sends the request; a connection that fails (the server is gone) is an {@link UncheckedIOException}. */
    static HttpResult exchange(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new HttpResult(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String body() {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
        return response.body();
    }

    public JsonNode json() {
        return Json.MAPPER.readTree(response.body());
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The {@code code} of a fiskaly-shaped error body. */
    public String code() {
        return json().path("code").asString();
    }

    @Override
    public String toString() {
        return status + " " + body();
    }
}
