package org.opentss.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds request bodies around a schema and reads results, for the tests of this package. */
final class Schemas {

    private Schemas() {
    }

    static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    /** Parses {@code {"schema": <schemaJson>}} as the transaction service would. */
    static TransactionSchema parse(String schemaJson) {
        return parseBody("{\"schema\":" + schemaJson + "}");
    }

    static TransactionSchema parseBody(String bodyJson) {
        return TransactionSchema.parse(JsonInput.body((ObjectNode) json(bodyJson)));
    }

    static TransactionSchema receipt(String receiptJson) {
        return parse("{\"standard_v1\":{\"receipt\":" + receiptJson + "}}");
    }

    static TransactionSchema order(String orderJson) {
        return parse("{\"standard_v1\":{\"order\":" + orderJson + "}}");
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Asserts that the schema is refused with 400 E_FAILED_SCHEMA_VALIDATION and exactly this message. */
    static void assertRefused(String schemaJson, String message) {
        assertThatThrownBy(() -> parse(schemaJson))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.E_FAILED_SCHEMA_VALIDATION);
                    assertThat(e.status()).isEqualTo(400);
                })
                .hasMessage(message);
    }
}
