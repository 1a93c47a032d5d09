package org.opentss.pos;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentss.http.PosError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed access to a JSON object of a POS API request (pos-api.md §3.2, §7.2). What cannot be understood
 * (wrong JSON type, unknown member, {@code null} where no null is allowed) is a {@code 400 invalid_request};
 * a missing required member or an unacceptable value is a {@code 422 validation_error}. Every error names
 * the member in the notation {@code a.b[2].c}.
 */
public final class PosInput {

    private final ObjectNode node;
    private final String path;

    private PosInput(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public static PosInput of(ObjectNode node) {
        return new PosInput(node, "");
    }

    public ObjectNode node() {
        return node;
    }

    /** The notation of a member of this object, e.g. {@code line_items[1].quantity}. */
    public String param(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Refuses any member not in {@code allowed}: misspelled fiscal fields must never pass silently. */
    public PosInput allowOnly(Set<String> allowed) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw PosError.invalidRequest(param(name), "Unknown field '" + param(name) + "'.");
            }
        }
        return this;
    }

    public boolean has(String name) {
        return node.has(name);
    }

    /** Present and JSON {@code null}: on nullable fields of a PATCH this clears the value. */
    public boolean isNull(String name) {
        return node.has(name) && node.get(name).isNull();
    }

    public String requiredString(String name, int minLength, int maxLength) {
        requirePresent(name);
        return optionalString(name, minLength, maxLength).orElseThrow();
    }

    /** An optional string; {@code null} is refused (the field is not nullable). */
    public Optional<String> optionalString(String name, int minLength, int maxLength) {
        if (!node.has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isString()) {
            throw wrongType(name, "a string");
        }
        String text = value.stringValue();
        int length = text.codePointCount(0, text.length());
        if (length < minLength || length > maxLength) {
            throw PosError.validation(param(name), param(name) + " must have " + lengthRule(minLength, maxLength)
                    + " characters.");
        }
        return Optional.of(text);
    }

    /** A string that may be {@code null}: empty when absent or null. */
    public Optional<String> nullableString(String name, int minLength, int maxLength) {
        return isNull(name) ? Optional.empty() : optionalString(name, minLength, maxLength);
    }

    public String requiredEnum(String name, Set<String> allowed) {
        requirePresent(name);
        return optionalEnum(name, allowed).orElseThrow();
    }

    public Optional<String> optionalEnum(String name, Set<String> allowed) {
        Optional<String> value = optionalString(name, 0, Integer.MAX_VALUE);
        value.ifPresent(v -> {
            if (!allowed.contains(v)) {
                throw PosError.validation(param(name), param(name) + " must be one of " + String.join(", ",
                        allowed.stream().sorted().toList()) + ".");
            }
        });
        return value;
    }

    public long requiredInteger(String name, long min, long max) {
        requirePresent(name);
        return optionalInteger(name, min, max).orElseThrow();
    }

    public Optional<Long> optionalInteger(String name, long min, long max) {
        if (!node.has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            if (value.isNumber()) {
                throw PosError.validation(param(name), param(name) + " must be an integer from " + min + " to "
                        + max + ".");
            }
            throw wrongType(name, "an integer");
        }
        long number = value.longValue();
        if (number < min || number > max) {
            throw PosError.validation(param(name), param(name) + " must be from " + min + " to " + max + ".");
        }
        return Optional.of(number);
    }

    public Optional<Double> optionalNumber(String name, double min, double max) {
        if (!node.has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isNumber()) {
            throw wrongType(name, "a number");
        }
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            throw PosError.validation(param(name), param(name) + " must be from " + min + " to " + max + ".");
        }
        return Optional.of(number);
    }

    public boolean optionalBoolean(String name, boolean absent) {
        if (!node.has(name)) {
            return absent;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw wrongType(name, "a boolean");
        }
        return value.booleanValue();
    }

    public PosInput requiredObject(String name) {
        requirePresent(name);
        return optionalObject(name).orElseThrow();
    }

    /** An optional object; {@code null} is refused. */
    public Optional<PosInput> optionalObject(String name) {
        if (!node.has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isObject()) {
            throw wrongType(name, "an object");
        }
        return Optional.of(new PosInput((ObjectNode) value, param(name)));
    }

    /** An object that may be {@code null}: empty when absent or null. */
    public Optional<PosInput> nullableObject(String name) {
        return isNull(name) ? Optional.empty() : optionalObject(name);
    }

    /** An array of objects with at most {@code maxItems} items, each located by its index. */
    public Optional<List<PosInput>> optionalObjectArray(String name, int maxItems) {
        return optionalArray(name, maxItems).map(items -> {
            List<PosInput> objects = new ArrayList<>();
            for (JsonNode item : items) {
                String where = param(name) + "[" + objects.size() + "]";
                if (!item.isObject()) {
                    throw PosError.invalidRequest(where, where + " must be an object.");
                }
                objects.add(new PosInput((ObjectNode) item, where));
            }
            return objects;
        });
    }

    public List<PosInput> requiredObjectArray(String name, int maxItems) {
        requirePresent(name);
        return optionalObjectArray(name, maxItems).orElseThrow();
    }

    /** An array of strings with at most {@code maxItems} items. */
    public Optional<List<String>> optionalStringArray(String name, int maxItems) {
        return optionalArray(name, maxItems).map(items -> {
            List<String> strings = new ArrayList<>();
            for (JsonNode item : items) {
                String where = param(name) + "[" + strings.size() + "]";
                if (!item.isString()) {
                    throw PosError.invalidRequest(where, where + " must be a string.");
                }
                strings.add(item.stringValue());
            }
            return strings;
        });
    }

    /**
     * A device timestamp (RFC 3339, any offset), truncated to milliseconds; at most 300 s ahead of
     * {@code now} (§3.4).
     */
    public Optional<Instant> optionalDeviceTime(String name, Instant now) {
        return optionalString(name, 0, 64).map(text -> {
            Instant time;
            try {
                time = OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                throw PosError.validation(param(name), param(name) + " must be an RFC 3339 timestamp.");
            }
            if (time.isAfter(now.plusSeconds(300))) {
                throw PosError.validation(param(name), param(name)
                        + " must not be more than 300 seconds ahead of the server clock.");
            }
            return time;
        });
    }

    public Instant requiredDeviceTime(String name, Instant now) {
        requirePresent(name);
        return optionalDeviceTime(name, now).orElseThrow();
    }

    /** Metadata of a create request (§3.6): the object as sent, with its limits checked. */
    public Map<String, String> metadataForCreate() {
        return mergedMetadata(Map.of());
    }

    /** Metadata of a PATCH merged into {@code stored}: {@code ""} or {@code null} deletes a key (§3.6). */
    public Map<String, String> mergedMetadata(Map<String, String> stored) {
        Map<String, String> result = new LinkedHashMap<>(stored);
        Optional<PosInput> change = optionalObject("metadata");
        if (change.isEmpty()) {
            return result;
        }
        String where = param("metadata");
        for (Map.Entry<String, JsonNode> entry : change.get().node.properties()) {
            String key = entry.getKey();
            String keyWhere = where + "." + key;
            if (key.isEmpty() || key.codePointCount(0, key.length()) > 40) {
                throw PosError.validation(keyWhere, "Metadata keys must have 1 to 40 characters.");
            }
            JsonNode value = entry.getValue();
            if (value.isNull() || value.isString() && value.stringValue().isEmpty()) {
                result.remove(key);
                continue;
            }
            if (!value.isString()) {
                throw PosError.invalidRequest(keyWhere, keyWhere + " must be a string.");
            }
            String text = value.stringValue();
            if (text.codePointCount(0, text.length()) > 500) {
                throw PosError.validation(keyWhere, keyWhere + " must have at most 500 characters.");
            }
            result.put(key, text);
        }
        if (result.size() > 40) {
            throw PosError.validation(where, "metadata must have at most 40 keys.");
        }
        return result;
    }

    private Optional<ArrayNode> optionalArray(String name, int maxItems) {
        if (!node.has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw wrongType(name, "an array");
        }
        if (value.size() > maxItems) {
            throw PosError.validation(param(name), param(name) + " must have at most " + maxItems + " items.");
        }
        return Optional.of((ArrayNode) value);
    }

    private void requirePresent(String name) {
        if (!node.has(name)) {
            throw PosError.validation(param(name), param(name) + " is required.");
        }
    }

    private PosError wrongType(String name, String type) {
        return PosError.invalidRequest(param(name), param(name) + " must be " + type
                + (node.get(name).isNull() ? ", not null." : "."));
    }

    private static String lengthRule(int min, int max) {
        if (max == Integer.MAX_VALUE) {
            return "at least " + min;
        }
        return min == 0 ? "at most " + max : min + " to " + max;
    }
}
