package org.opentss.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON request body under the rules of sign-de-v2.md §1.2: media type, 1 MiB limit, an object
 * at the top, no U+0000 in any string.
 */
public final class RequestBody {

    /** Bodies above this many bytes are refused with 413 (§1.2). */
    public static final int MAX_BYTES = 1024 * 1024;

    /**
     * What {@code curl -d} sends when no Content-Type is given. Such a body is parsed as JSON like a
     * body without Content-Type: a quick {@code curl -d '{…}'} works, and a real form body still fails
     * as malformed JSON (400).
     */
    private static final String CURL_DEFAULT = "application/x-www-form-urlencoded";

    private RequestBody() {
    }

    /** The body as a JSON object; an absent body is a 400. */
    public static ObjectNode object(ServerRequest req) {
        return read(req, false);
    }

    /** The body as a JSON object; an empty body counts as {@code {}}. */
    public static ObjectNode optionalObject(ServerRequest req) {
        return read(req, true);
    }

    /**
     * Refuses a declared Content-Length above the limit before anything else is read. Bodies of GET
     * and DELETE are ignored (§1.2), so their size does not matter.
     */
    public static void checkDeclaredLength(ServerRequest req) {
        Method method = req.prologue().method();
        if (method == Method.GET || method == Method.DELETE) {
            return;
        }
        req.headers().contentLength().ifPresent(length -> {
            if (length > MAX_BYTES) {
                throw tooLarge();
            }
        });
    }

    private static ObjectNode read(ServerRequest req, boolean emptyIsObject) {
        checkMediaType(req);
        byte[] bytes = readLimited(req);
        if (bytes.length == 0) {
            if (emptyIsObject) {
                return Json.object();
            }
            throw ApiError.schema("body must be object");
        }
        JsonNode node = Json.parse(bytes);
        if (!node.isObject()) {
            throw ApiError.schema("body must be object");
        }
        rejectNulCharacters(node, "body");
        return (ObjectNode) node;
    }

    private static void checkMediaType(ServerRequest req) {
        var contentType = req.headers().first(HeaderNames.CONTENT_TYPE);
        if (contentType.isEmpty() || contentType.get().isBlank()) {
            return; // a body without Content-Type is parsed as JSON (§1.2)
        }
        String mediaType = contentType.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.equals(CURL_DEFAULT)) {
            throw ApiError.of(ErrorCode.E_UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json, not " + mediaType);
        }
    }

    private static byte[] readLimited(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        // a declared length sizes the buffer exactly; with only the limit, readNBytes took a 16 KiB buffer and
        // a copy for the usual few hundred bytes, a sixth of all a signing request allocated
        int limit = (int) Math.min(req.headers().contentLength().orElse(MAX_BYTES + 1L), MAX_BYTES + 1L);
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(limit);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RequestException | IllegalArgumentException e) {
            // Helidon decodes the chunked transfer coding while the body is read: a chunk size that is not hex
            // (NumberFormatException) or a broken terminator is the caller's mistake, not a 500
            throw ApiError.schema("body must be framed as HTTP/1.1 requires");
        }
    }

    private static ApiError tooLarge() {
        return ApiError.of(ErrorCode.E_PAYLOAD_TOO_LARGE, "request body larger than 1048576 bytes");
    }

    private static void rejectNulCharacters(JsonNode node, String location) {
        if (node.isString()) {
            if (node.stringValue().indexOf('\u0000') >= 0) {
                throw ApiError.schema(location + " must not contain U+0000");
            }
        } else if (node.isObject()) {
            for (var entry : node.properties()) {
                if (entry.getKey().indexOf('\u0000') >= 0) {
                    throw ApiError.schema(location + " property names must not contain U+0000");
                }
                rejectNulCharacters(entry.getValue(), location + "/" + JsonPointer.escape(entry.getKey()));
            }
        } else if (node.isArray()) {
            int i = 0;
            for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext(); i++) {
                rejectNulCharacters(it.next(), location + "/" + i);
            }
        }
    }
}
