package org.opentss.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

    /** Parses bytes that must hold one JSON value in UTF-8; malformed JSON or UTF-8 is a 400 (§1.2). */
    public static JsonNode parse(byte[] bytes) {
        if (!isUtf8(bytes)) {
            throw ApiError.schema("body must be valid UTF-8");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiError.schema("body must be valid JSON");
        }
        if (hasLoneSurrogate(tree)) {
            throw ApiError.schema("body must be Unicode text: an escaped surrogate (\\ud800 to \\udfff) needs its pair");
        }
        return tree;
    }

    /**
     * An escape like {@code \ud800} without its pair is valid JSON syntax but no Unicode text (RFC 8259
     * §8.2): it has no UTF-8 form and was stored as {@code ?}, so the stored value differed from the sent one.
     */
    private static boolean hasLoneSurrogate(JsonNode node) {
        if (node.isString()) {
            return hasLoneSurrogate(node.asString());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (hasLoneSurrogate(property.getKey()) || hasLoneSurrogate(property.getValue())) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode element : node) { // an array's elements; other values have none
            if (hasLoneSurrogate(element)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Jackson decodes some byte sequences that are not UTF-8 (RFC 3629) instead of refusing them: overlong
     * forms ({@code C0 AF} became {@code /}) and encoded surrogates, which were then stored as {@code ?}. The
     * JDK's decoder refuses them all.
     */
    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Parses JSON stored by the server itself (metadata columns); never caller input. */
    public static ObjectNode parseStoredObject(String json) {
        return (ObjectNode) MAPPER.readTree(json);
    }
}
