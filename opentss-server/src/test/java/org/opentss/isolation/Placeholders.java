package org.opentss.isolation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the placeholders of a route's path and body ({@code {tss}}, {@code {client}}, …) stand for in one
 * request: the ids and secrets of one tenant, or a mix of two.
 */
record Placeholders(Map<String, String> values) {

    Placeholders {
        values = Map.copyOf(values);
    }

    static Placeholders of(String... placeholdersAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < placeholdersAndValues.length; i += 2) {
            values.put(placeholdersAndValues[i], placeholdersAndValues[i + 1]);
        }
        return new Placeholders(values);
    }

    String get(String placeholder) {
        return values.get(placeholder);
    }

    Placeholders with(String placeholder, String value) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        changed.put(placeholder, value);
        return new Placeholders(changed);
    }

    /** These values, except that every one that is also {@code theirs} becomes the same placeholder's {@code by}. */
    Placeholders replacing(Placeholders theirs, Placeholders by) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        changed.replaceAll((placeholder, value) -> value.equals(theirs.get(placeholder)) ? by.get(placeholder) : value);
        return new Placeholders(changed);
    }

    String fill(String template) {
        String filled = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled;
    }

    /** The text with these values put back as placeholders, so that answers naming different ids compare equal. */
    String unfill(String text) {
        String unfilled = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            unfilled = unfilled.replace(value.getValue(), value.getKey());
        }
        return unfilled;
    }
}
