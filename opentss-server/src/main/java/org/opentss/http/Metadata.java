package org.opentss.http;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Caller-defined string metadata of a resource (sign-de-v2.md §11): a flat map of at most 40 keys,
 * merged on every change, where {@code ""} or {@code null} removes a key.
 */
public final class Metadata {

    public static final int MAX_KEYS = 40;
    public static final int MAX_KEY_LENGTH = 40;
    public static final int MAX_VALUE_LENGTH = 500;
    /** How {@link #toJson} stores no metadata. */
    private static final String NONE = "{}";

    private Metadata() {
    }

    /** The map a create request stores: {@code ""} and {@code null} values are simply left out. */
    public static Map<String, String> forCreate(ObjectNode given, String where) {
        return merge(Map.of(), given, where);
    }

    /**
     * Checks a change on its own (types, key and value lengths, at most 40 keys set), so that a malformed
     * body is a 400 before the resource is looked up (§1.9); the limit after merge is checked by
     * {@link #merge}.
     */
    public static void validate(ObjectNode change, String where) {
        merge(Map.of(), change, where);
    }

    /**
     * Applies a change to stored metadata; the result must still hold at most 40 keys, else the
     * change is a 400 and nothing is stored.
     */
    public static Map<String, String> merge(Map<String, String> stored, ObjectNode change, String where) {
        Map<String, String> result = new LinkedHashMap<>(stored);
        for (Map.Entry<String, JsonNode> entry : change.properties()) {
            String key = entry.getKey();
            String keyWhere = where + "/" + JsonPointer.escape(key);
            int keyLength = key.codePointCount(0, key.length());
            if (keyLength < 1 || keyLength > MAX_KEY_LENGTH) {
                throw ApiError.schema(where + " property names must have 1 to " + MAX_KEY_LENGTH + " characters");
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                result.remove(key);
                continue;
            }
            if (!value.isString()) {
                throw ApiError.schema(keyWhere + " must be string");
            }
            String text = value.stringValue();
            if (text.codePointCount(0, text.length()) > MAX_VALUE_LENGTH) {
                throw ApiError.schema(keyWhere + " must NOT have more than " + MAX_VALUE_LENGTH + " characters");
            }
            if (text.isEmpty()) {
                result.remove(key);
            } else {
                result.put(key, text);
            }
        }
        if (result.size() > MAX_KEYS) {
            throw ApiError.schema(where + " must NOT have more than " + MAX_KEYS + " properties");
        }
        return result;
    }

    public static String toJson(Map<String, String> metadata) {
        return Json.writeString(metadata);
    }

    public static Map<String, String> fromJson(String json) {
        Map<String, String> result = new LinkedHashMap<>();
        // most rows hold no metadata: a parser for them was 2 % of all allocation under signing load
        if (!json.equals(NONE)) {
            Json.parseStoredObject(json).properties().forEach(e -> result.put(e.getKey(), e.getValue().stringValue()));
        }
        return result;
    }

    public static ObjectNode toNode(Map<String, String> metadata) {
        ObjectNode node = Json.object();
        metadata.forEach(node::put);
        return node;
    }
}
