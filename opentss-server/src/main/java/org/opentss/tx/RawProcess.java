package org.opentss.tx;

import java.util.Base64;
import java.util.regex.Pattern;
import org.opentss.http.ApiError;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import tools.jackson.databind.node.ObjectNode;

/** A validated {@code schema.raw} (sign-de-v2.md §8.3.4), both members as sent. */
record RawProcess(String processType, String processData) {

    /** processType is an ASN.1 PrintableString of at most 100 characters in the log (TR-03151). */
    static final int MAX_PROCESS_TYPE_LENGTH = 100;

    private static final Pattern PRINTABLE_STRING = Pattern.compile("^[A-Za-z0-9 '()+,\\-./:=?]*$");

    /** RFC 4648 standard alphabet; the padding may be left out, whitespace may not appear. */
    private static final Pattern BASE64 =
            Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$");

    static RawProcess parse(JsonInput in) {
        String processType = in.requiredString("process_type", 0, MAX_PROCESS_TYPE_LENGTH);
        String processData = in.requiredString("process_data", 0, Integer.MAX_VALUE);
        RawProcess raw = new RawProcess(processType, processData);
        if (raw.isEmpty()) {
            return raw; // counts as no schema (§8.2 rule 1)
        }
        if (processType.isEmpty()) {
            throw ApiError.schema(in.where("process_type") + " must NOT have fewer than 1 characters");
        }
        in.checkPattern("process_type", processType, PRINTABLE_STRING);
        in.checkPattern("process_data", processData, BASE64);
        return raw;
    }

    boolean isEmpty() {
        return processType.isEmpty() && processData.isEmpty();
    }

    /** The bytes to sign; the JDK decoder accepts input with or without padding. */
    byte[] decodedData() {
        return Base64.getDecoder().decode(processData);
    }

    /** {@code {"process_type", "process_data"}}: the wire shape of raw in requests and responses. */
    static ObjectNode toJson(String processType, String processDataBase64) {
        ObjectNode json = Json.object();
        json.put("process_type", processType);
        json.put("process_data", processDataBase64);
        return json;
    }

    ObjectNode toJson() {
        return toJson(processType, processData);
    }
}
