package org.opentss.pos.sale;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentss.http.PosError;

/**
 * The {@code If-Match} precondition of the requests that change a sale (pos-api.md §6): absent, or one
 * strong entity tag holding a {@code resource_version}. Weak tags, lists and {@code *} cannot be understood.
 *
 * @param expected the version the client last saw; empty when the header is absent (last writer wins)
 */
record IfMatch(OptionalLong expected) {

    static final String HEADER = "If-Match";
    private static final Pattern VERSION_TAG = Pattern.compile("\"([0-9]{1,18})\"");

    /** Reads the header's values as the request carried them (each occurrence one value). */
    static IfMatch parse(List<String> values) {
        if (values.isEmpty()) {
            return new IfMatch(OptionalLong.empty());
        }
        Matcher tag = VERSION_TAG.matcher(values.getFirst().strip());
        if (values.size() != 1 || !tag.matches()) {
            throw PosError.invalidRequest(HEADER, "If-Match must be one resource_version in double quotes, e.g. "
                    + "\"3\" (no weak tag, list or *).");
        }
        return new IfMatch(OptionalLong.of(Long.parseLong(tag.group(1))));
    }

    /** 412 when the client saw another version than the current one; nothing changes then. */
    void check(long current) {
        if (expected.isPresent() && expected.getAsLong() != current) {
            throw PosError.of(412, "precondition_failed", "Resource version mismatch: expected "
                    + expected.getAsLong() + ", current is " + current + ".", HEADER);
        }
    }
}
