package org.opentss.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the server (Jackson 3), and the few operations the HTTP layer needs. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String writeString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Parses bytes that must hold one JSON value; malformed JSON is a 400 (§1.2). */
    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiError.schema("body must be valid JSON");
        }
    }

    /** Parses JSON stored by the server itself (metadata columns); never caller input. */
    public static ObjectNode parseStoredObject(String json) {
        return (ObjectNode) MAPPER.readTree(json);
    }
}
