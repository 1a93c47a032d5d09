package org.opentss.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.opentss.identity.CreatedApiKey;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP face of an OpenTSS server as tests call it: a {@link TestServer} in this JVM, a
 * {@link ServerProcess} in its own, or several nodes taking turns ({@link #roundRobin}). Implementations
 * say where a path lives and how a request is sent; the verbs and the flows built on them are shared.
 */
public interface HttpApi {

    /** The absolute address of {@code path} on this server. */
    URI uri(String path);

    /** Sends a request the test built itself (odd headers, methods or bodies). */
    HttpResult send(HttpRequest.Builder request);

    default HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    default HttpResult get(String path, String token) {
        return send(request(path, token).GET());
    }

    default HttpResult delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    default HttpResult post(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    default HttpResult put(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    default HttpResult patch(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request whose method is data, as in a table of routes; GET and DELETE send no body. */
    default HttpResult call(String method, String path, String json, String token) {
        return switch (method) {
            case "GET" -> get(path, token);
            case "DELETE" -> delete(path, token);
            case "POST" -> post(path, json, token);
            case "PUT" -> put(path, json, token);
            case "PATCH" -> patch(path, json, token);
            default -> throw new IllegalArgumentException("no such method: " + method);
        };
    }

    /** Logs in with the key and returns the {@code /auth} response body. */
    default JsonNode login(CreatedApiKey key) {
        HttpResult result = post("/api/v2/auth", "{\"api_key\":\"" + key.key().key() + "\",\"api_secret\":\""
                + key.secret() + "\"}", null);
        if (result.status() != 200) {
            throw new AssertionError("login failed: " + result);
        }
        return result.json();
    }

    default String accessToken(CreatedApiKey key) {
        return login(key).get("access_token").asString();
    }

    /** Waits until the export has left PENDING and WORKING (30 s at most) and returns its resource. */
    default JsonNode awaitExport(String tssId, String exportId, String token) {
        return awaitExport(tssId, exportId, token, Duration.ofSeconds(30));
    }

    /** Waits until the export has left PENDING and WORKING and returns its resource. */
    default JsonNode awaitExport(String tssId, String exportId, String token, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResult result = get("/api/v2/tss/" + tssId + "/export/" + exportId, token);
            if (result.status() != 200) {
                throw new AssertionError("export " + exportId + " cannot be read: " + result);
            }
            JsonNode export = result.json();
            String state = export.get("state").asString();
            if (!state.equals("PENDING") && !state.equals("WORKING")) {
                return export;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("export " + exportId + " did not end within " + timeout);
    }

    /** Triggers a full export of the TSS, waits for it and downloads its archive. */
    default byte[] fullExport(String tssId, String token) {
        return fullExport(tssId, UUID.randomUUID().toString(), token);
    }

    /** Triggers a full export of the TSS with the caller's {@code exportId}, waits for it and downloads it. */
    default byte[] fullExport(String tssId, String exportId, String token) {
        HttpResult trigger = put("/api/v2/tss/" + tssId + "/export/" + exportId, "", token);
        if (trigger.status() != 200) {
            throw new AssertionError("export trigger failed: " + trigger);
        }
        awaitExport(tssId, exportId, token);
        HttpResult file = get("/api/v2/tss/" + tssId + "/export/" + exportId + "/file", token);
        if (file.status() != 200) {
            throw new AssertionError("export download failed: " + file);
        }
        return file.bytes();
    }

    /**
     * Several servers taking turns: each request goes to the next one, as a load balancer without
     * affinity would send it. All of them must be nodes of one installation (one database).
     */
    static HttpApi roundRobin(List<? extends HttpApi> nodes) {
        List<HttpApi> copy = List.copyOf(nodes);
        AtomicInteger next = new AtomicInteger();
        // uri() picks the node; send() only needs a node to send with, and any one will do
        return new HttpApi() {
            @Override
            public URI uri(String path) {
                return copy.get(Math.floorMod(next.getAndIncrement(), copy.size())).uri(path);
            }

            @Override
            public HttpResult send(HttpRequest.Builder request) {
                return copy.getFirst().send(request);
            }
        };
    }
}
