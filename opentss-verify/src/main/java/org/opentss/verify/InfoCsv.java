package org.opentss.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code info.csv} of a TAR export (tse-formats.md §8.4): one line of six double-quoted fields
 * {@code "description:","…","manufacturer:","…","version:","…"}.
 *
 * @param description  the second field, e.g. {@code OpenTSS (6b0d1a7e-…)}
 * @param manufacturer the fourth field, e.g. {@code OpenTSS} or {@code fiskaly GmbH}
 * @param version      the sixth field, the product version
 */
public record InfoCsv(String description, String manufacturer, String version) {

    /** The manufacturer that makes {@link Profile#OPENTSS} the default profile. */
    public static final String OPENTSS = "OpenTSS";

    private static final Pattern OPENTSS_DESCRIPTION =
            Pattern.compile("OpenTSS \\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\)");

    /** Whether the manufacturer is OpenTSS. */
    public boolean isOpenTss() {
        return OPENTSS.equals(manufacturer);
    }

    /**
     * The outcome of reading an info.csv: the fields if the line has the six-field form, and the
     * deviations found (A7).
     *
     * @param info       the fields; empty if the content is not six double-quoted fields
     * @param errors     violations of the generic form (ERROR)
     * @param deviations deviations from the OpenTSS form of §8.4 (profile)
     */
    record Reading(Optional<InfoCsv> info, List<String> errors, List<String> deviations) {
    }

    /** Parses the content of an info.csv (check A7). */
    public static Optional<InfoCsv> parse(byte[] content) {
        return read(content).info();
    }

    static Reading read(byte[] content) {
        List<String> errors = new ArrayList<>();
        List<String> deviations = new ArrayList<>();
        String text = new String(content, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < content.length; i++) {
            if ((content[i] & 0x80) != 0) {
                deviations.add("contains non-ASCII bytes");
                break;
            }
        }
        if (text.endsWith("\r\n") || text.endsWith("\n")) {
            deviations.add("ends with a line break; OpenTSS writes none");
            text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            errors.add("has more than one line; all information belongs in the first line");
            text = text.substring(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.indexOf('\r'));
        }
        List<String> fields = new ArrayList<>();
        int at = 0;
        boolean wellFormed = true;
        while (wellFormed) {
            if (at >= text.length() || text.charAt(at) != '"') {
                wellFormed = false;
                break;
            }
            StringBuilder field = new StringBuilder();
            int i = at + 1;
            boolean closed = false;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    closed = true;
                    i++;
                    break;
                }
                field.append(c);
                i++;
            }
            if (!closed) {
                wellFormed = false;
                break;
            }
            fields.add(field.toString());
            if (i == text.length()) {
                break;
            }
            if (text.charAt(i) != ',') {
                wellFormed = false;
                break;
            }
            at = i + 1;
        }
        if (!wellFormed || fields.size() != 6) {
            errors.add("is not one line of six double-quoted, comma-separated fields: '" + abbreviate(text) + "'");
            return new Reading(Optional.empty(), errors, deviations);
        }
        String[] keys = {"description:", "manufacturer:", "version:"};
        for (int k = 0; k < 3; k++) {
            if (!fields.get(2 * k).equals(keys[k])) {
                errors.add("field " + (2 * k + 1) + " is '" + fields.get(2 * k) + "', expected '" + keys[k] + "'");
            }
        }
        InfoCsv info = new InfoCsv(fields.get(1), fields.get(3), fields.get(5));
        if (!OPENTSS_DESCRIPTION.matcher(info.description()).matches()) {
            deviations.add("description '" + info.description() + "' is not 'OpenTSS (<tss_id>)' with a lowercase UUID");
        }
        if (!info.isOpenTss()) {
            deviations.add("manufacturer '" + info.manufacturer() + "' is not 'OpenTSS'");
        }
        if (info.version().isEmpty() || info.version().contains("\"")) {
            deviations.add("version '" + info.version() + "' is empty or contains '\"'");
        }
        return new Reading(Optional.of(info), errors, deviations);
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
