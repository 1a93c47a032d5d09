package org.opentss.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed access to the members of a JSON request object. Every violation becomes a 400
 * E_FAILED_SCHEMA_VALIDATION whose message names the location and the rule (sign-de-v2.md §2.4).
 */
public final class JsonInput {

    private final ObjectNode node;
    private final String location;

    private JsonInput(ObjectNode node, String location) {
        this.node = node;
        this.location = location;
    }

    /** The request body, located as {@code body} in messages. */
    public static JsonInput body(ObjectNode node) {
        return new JsonInput(node, "body");
    }

    public ObjectNode node() {
        return node;
    }

    /** Where this object is, as a JSON pointer from the body ({@code body/schema}). */
    public String location() {
        return location;
    }

    public boolean has(String name) {
        return node.has(name);
    }

    public String where(String name) {
        return location + "/" + JsonPointer.escape(name);
    }

    public String requiredString(String name, int minLength, int maxLength) {
        requirePresent(name);
        return string(name, minLength, maxLength);
    }

    /** An optional string member; absent gives empty. {@code null} is a type error. */
    public Optional<String> optionalString(String name, int minLength, int maxLength) {
        return node.has(name) ? Optional.of(string(name, minLength, maxLength)) : Optional.empty();
    }

    public Optional<String> optionalEnum(String name, Set<String> allowed) {
        Optional<String> value = optionalString(name, 0, Integer.MAX_VALUE);
        value.ifPresent(v -> checkEnum(name, v, allowed));
        return value;
    }

    public String requiredEnum(String name, Set<String> allowed) {
        return checkEnum(name, requiredString(name, 0, Integer.MAX_VALUE), allowed);
    }

    /** A required string that must match {@code pattern} as a whole; the message quotes the pattern. */
    public String requiredMatching(String name, Pattern pattern) {
        return checkPattern(name, requiredString(name, 0, Integer.MAX_VALUE), pattern);
    }

    public Optional<String> optionalMatching(String name, Pattern pattern) {
        Optional<String> value = optionalString(name, 0, Integer.MAX_VALUE);
        value.ifPresent(v -> checkPattern(name, v, pattern));
        return value;
    }

    /** Checks a string already read from member {@code name} against a pattern. */
    public String checkPattern(String name, String value, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw ApiError.schema(where(name) + " must match pattern \"" + pattern.pattern() + "\"");
        }
        return value;
    }

    /**
     * For objects that must hold exactly one member out of {@code allowed} (a JSON-schema
     * {@code minProperties}/{@code maxProperties} of 1 without additional properties): its name.
     */
    public String soleMember(Set<String> allowed) {
        if (node.isEmpty()) {
            throw ApiError.schema(location + " must NOT have fewer than 1 properties");
        }
        if (node.size() > 1) {
            throw ApiError.schema(location + " must NOT have more than 1 properties");
        }
        String name = node.propertyNames().iterator().next();
        if (!allowed.contains(name)) {
            throw ApiError.schema(location + " must NOT have additional properties");
        }
        return name;
    }

    public JsonInput requiredObject(String name) {
        requirePresent(name);
        return new JsonInput(optionalObject(name).orElseThrow(), where(name));
    }

    /** A required array whose items must all be objects, each located by its index. */
    public List<JsonInput> requiredObjectArray(String name) {
        requirePresent(name);
        return objectArray(name);
    }

    public Optional<List<JsonInput>> optionalObjectArray(String name) {
        return node.has(name) ? Optional.of(objectArray(name)) : Optional.empty();
    }

    /** An optional UUID member, lower-cased (§1.4). */
    public Optional<String> optionalUuid(String name) {
        return optionalString(name, 0, Integer.MAX_VALUE).map(v -> uuid(v, where(name)));
    }

    public Optional<ObjectNode> optionalObject(String name) {
        if (!node.has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isObject()) {
            throw ApiError.schema(where(name) + " must be object");
        }
        return Optional.of((ObjectNode) value);
    }

    /** Checks the textual form 8-4-4-4-12 and returns the lower-case id, else a 400 naming {@code where}. */
    public static String uuid(String value, String where) {
        if (!isUuid(value)) {
            throw ApiError.schema(where + " must match format \"uuid\"");
        }
        return UUID.fromString(value).toString();
    }

    /**
     * Whether {@code value} is a UUID in the textual form the API accepts (8-4-4-4-12 hex digits, any case).
     * A loop rather than a regular expression: every signing request checks several ids, and the matcher
     * was a visible part of the server's CPU profile.
     */
    public static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private void requirePresent(String name) {
        if (!node.has(name)) {
            throw ApiError.schema(location + " must have required property '" + name + "'");
        }
    }

    private String checkEnum(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw ApiError.schema(where(name) + " must be equal to one of the allowed values");
        }
        return value;
    }

    private List<JsonInput> objectArray(String name) {
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw ApiError.schema(where(name) + " must be array");
        }
        List<JsonInput> items = new ArrayList<>();
        for (JsonNode item : (ArrayNode) value) {
            String itemWhere = where(name) + "/" + items.size();
            if (!item.isObject()) {
                throw ApiError.schema(itemWhere + " must be object");
            }
            items.add(new JsonInput((ObjectNode) item, itemWhere));
        }
        return items;
    }

    private String string(String name, int minLength, int maxLength) {
        JsonNode value = node.get(name);
        if (!value.isString()) {
            throw ApiError.schema(where(name) + " must be string");
        }
        String text = value.stringValue();
        int length = text.codePointCount(0, text.length());
        if (length < minLength) {
            throw ApiError.schema(where(name) + " must NOT have fewer than " + minLength + " characters");
        }
        if (length > maxLength) {
            throw ApiError.schema(where(name) + " must NOT have more than " + maxLength + " characters");
        }
        return text;
    }
}
