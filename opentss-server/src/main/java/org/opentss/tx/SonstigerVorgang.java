package org.opentss.tx;

import org.opentss.http.ApiError;
import org.opentss.http.JsonInput;
import org.opentss.http.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * processType {@code SonstigerVorgang} for {@code schema.standard_v1.other}, a free object that is kept
 * and echoed verbatim and signed in its canonical JSON form (tse-formats.md §6.4, sign-de-v2.md §8.4.3).
 */
final class SonstigerVorgang {

    static final String PROCESS_TYPE = "SonstigerVorgang";

    private SonstigerVorgang() {
    }

    /** The object itself; refuses only what canonical JSON in UTF-8 cannot carry faithfully. */
    static ObjectNode parse(JsonInput in) {
        checkSignable(in.node(), in.location());
        return in.node();
    }

    static String processData(ObjectNode other) {
        return JsonCanonicalizer.canonicalize(other);
    }

    /**
     * An overflowing number such as 1e400 parses as infinity, which JSON cannot express; unpaired
     * surrogates have no UTF-8 form (see {@link WellFormedText}).
     */
    private static void checkSignable(JsonNode value, String where) {
        if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
            throw ApiError.schema(where + " must be a finite number");
        } else if (value.isString()) {
            WellFormedText.check(value.stringValue(), where);
        } else if (value.isObject()) {
            for (var member : value.properties()) {
                WellFormedText.check(member.getKey(), where + " property names");
                checkSignable(member.getValue(), where + "/" + JsonPointer.escape(member.getKey()));
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                checkSignable(value.get(i), where + "/" + i);
            }
        }
    }
}
