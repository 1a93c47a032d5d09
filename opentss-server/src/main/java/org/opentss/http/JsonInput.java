package org.opentss.http;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed access to the members of a JSON request object. Every violation becomes a 400
 * E_FAILED_SCHEMA_VALIDATION whose message names the location and the rule (sign-de-v2.md §2.4).
 */
public final class JsonInput {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

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

    public boolean has(String name) {
        return node.has(name);
    }

    public String where(String name) {
        return location + "/" + JsonPointer.escape(name);
    }

    public String requiredString(String name, int minLength, int maxLength) {
        if (!node.has(name)) {
            throw ApiError.schema(location + " must have required property '" + name + "'");
        }
        return string(name, minLength, maxLength);
    }

    /** An optional string member; absent gives empty. {@code null} is a type error. */
    public Optional<String> optionalString(String name, int minLength, int maxLength) {
        return node.has(name) ? Optional.of(string(name, minLength, maxLength)) : Optional.empty();
    }

    public Optional<String> optionalEnum(String name, Set<String> allowed) {
        Optional<String> value = optionalString(name, 0, Integer.MAX_VALUE);
        value.ifPresent(v -> {
            if (!allowed.contains(v)) {
                throw ApiError.schema(where(name) + " must be equal to one of the allowed values");
            }
        });
        return value;
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
        if (!UUID_PATTERN.matcher(value).matches()) {
            throw ApiError.schema(where + " must match format \"uuid\"");
        }
        return UUID.fromString(value).toString();
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
