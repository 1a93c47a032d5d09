package org.opentss.pos;

import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cursor pagination of POS API lists (pos-api.md §3.7). A cursor holds the sort key of the last item shown
 * and a fingerprint of the endpoint and filters it was issued for; with other filters it is a 400.
 *
 * @param after the sort key of the last item of the previous page, if a cursor was sent
 */
public record PosPage(int limit, Optional<String> after, String binding) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /**
     * Reads {@code limit} (1–200, default 50) and {@code cursor}; any other query parameter must be one of the
     * list's {@code filters} (400 otherwise).
     */
    public static PosPage of(ServerRequest req, String... filterNames) {
        Set<String> known = Set.of(filterNames);
        TreeMap<String, List<String>> filters = new TreeMap<>();
        for (String name : req.query().names()) {
            if (name.equals("limit") || name.equals("cursor")) {
                continue;
            }
            if (!known.contains(name)) {
                throw PosError.invalidRequest(name, "Unknown query parameter '" + name + "'.");
            }
            filters.put(name, req.query().all(name));
        }
        String binding = Integer.toHexString((req.path().path() + filters).hashCode());
        int limit = 50;
        Optional<String> limitText = single(req, "limit");
        if (limitText.isPresent()) {
            try {
                limit = Integer.parseInt(limitText.get());
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > 200) {
                throw PosError.invalidRequest("limit", "limit must be an integer from 1 to 200.");
            }
        }
        Optional<String> after = single(req, "cursor").map(cursor -> decode(cursor, binding));
        return new PosPage(limit, after, binding);
    }

    /** A query parameter given at most once; repeated parameters cannot be understood (400). */
    public static Optional<String> single(ServerRequest req, String name) {
        if (!req.query().contains(name)) {
            return Optional.empty();
        }
        List<String> values = req.query().all(name);
        if (values.size() != 1) {
            throw PosError.invalidRequest(name, name + " must be given once.");
        }
        return Optional.of(values.getFirst());
    }

    /** Rows to fetch: one more than shown tells whether more follow. */
    public int fetchSize() {
        return limit + 1;
    }

    /**
     * The list object for rows fetched with {@link #fetchSize()}.
     *
     * @param sortKey the key the next page continues after
     */
    public <T> ObjectNode list(List<T> rows, Function<T, ObjectNode> render, Function<T, String> sortKey) {
        boolean hasMore = rows.size() > limit;
        List<T> shown = new ArrayList<>(hasMore ? rows.subList(0, limit) : rows);
        ObjectNode list = Json.object();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        shown.forEach(row -> data.add(render.apply(row)));
        list.put("has_more", hasMore);
        list.put("next_cursor", hasMore ? encode(sortKey.apply(shown.getLast())) : null);
        return list;
    }

    private String encode(String key) {
        return ENCODER.encodeToString((binding + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor, String binding) {
        String text;
        try {
            text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        int bar = text.indexOf('|');
        if (bar < 0 || !text.substring(0, bar).equals(binding)) {
            throw invalidCursor();
        }
        return text.substring(bar + 1);
    }

    private static PosError invalidCursor() {
        return PosError.invalidRequest("cursor", "cursor is not valid for this list and these filters.");
    }
}
