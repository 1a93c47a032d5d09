package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the hand-written OpenAPI documents line by line, relying on their fixed layout (two-space
 * indentation, no tabs): the top-level keys, the operations under {@code paths:} and the {@code code}
 * enum of the {@code Error} schema.
 */
final class OpenApiYaml {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete", "head", "options", "trace");

    private OpenApiYaml() {
    }

    /** The class-path resource, e.g. {@code openapi/pos-v1.yaml}. */
    static byte[] bytes(String resource) {
        try (InputStream in = OpenApiYaml.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the class path").isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    /** The keys at column 0, in order. */
    static List<String> topLevelKeys(String text) {
        List<String> keys = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#") && line.contains(":")) {
                keys.add(line.substring(0, line.indexOf(':')));
            }
        }
        return keys;
    }

    /**
     * "METHOD path" for every method key (indented four spaces) under every path key (indented two
     * spaces) in the top-level {@code paths:} block.
     */
    static List<String> operations(String text) {
        Map<String, Set<String>> paths = new LinkedHashMap<>();
        boolean inPaths = false;
        String currentPath = null;
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith(" ")) {
                inPaths = line.equals("paths:");
                currentPath = null;
                continue;
            }
            if (!inPaths) {
                continue;
            }
            if (line.startsWith("  /") && !line.startsWith("   ") && line.endsWith(":")) {
                currentPath = line.substring(2, line.length() - 1);
                assertThat(paths).as("duplicate path key " + currentPath).doesNotContainKey(currentPath);
                paths.put(currentPath, new LinkedHashSet<>());
            } else if (currentPath != null && line.startsWith("    ") && !line.startsWith("     ") && line.endsWith(":")) {
                String key = line.substring(4, line.length() - 1);
                if (METHODS.contains(key)) {
                    assertThat(paths.get(currentPath).add(key)).as("duplicate " + key + " " + currentPath).isTrue();
                }
            }
        }
        List<String> operations = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach(m -> operations.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        return operations;
    }

    /** The items of the {@code enum:} of {@code code} in the {@code Error} schema, in order. */
    static List<String> errorCodes(String text) {
        int error = errorSchema(text);
        int enumStart = text.indexOf("\n          enum:\n", text.indexOf("\n        code:", error));
        int enumEnd = text.indexOf("\n          example:", enumStart);
        assertThat(List.of(error, enumStart, enumEnd)).isSorted().allMatch(i -> i > 0);
        return text.substring(enumStart, enumEnd).lines()
                .filter(line -> line.startsWith("            - "))
                .map(line -> line.substring("            - ".length()))
                .toList();
    }

    /** Where the {@code Error} schema starts: its key, indented four spaces. */
    static int errorSchema(String text) {
        int error = text.indexOf("\n    Error:\n");
        assertThat(error).as("an Error schema").isPositive();
        return error;
    }
}
