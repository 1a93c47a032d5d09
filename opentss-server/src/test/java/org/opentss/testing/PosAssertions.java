package org.opentss.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.opentss.verify.QrVerificationResult;
import org.opentss.verify.Verifier;
import tools.jackson.databind.JsonNode;

/** Assertions on POS API (/v1) responses. */
public final class PosAssertions {

    private PosAssertions() {
    }

    /** A POS error body (pos-api.md §7.1) with this status, code and {@code param} (null: no single field). */
    public static void assertPosError(HttpResult result, int status, String code, String param) {
        assertThat(result.status()).as(result.body()).isEqualTo(status);
        JsonNode error = result.json();
        assertThat(List.copyOf(error.propertyNames())).as(result.body())
                .startsWith("object", "code", "message", "param", "request_id");
        assertThat(error.get("object").asString()).isEqualTo("error");
        assertThat(error.get("code").asString()).as(result.body()).isEqualTo(code);
        if (param == null) {
            assertThat(error.get("param").isNull()).as(result.body()).isTrue();
        } else {
            assertThat(error.get("param").asString()).as(result.body()).isEqualTo(param);
        }
        assertThat(error.get("request_id").asString()).isEqualTo(result.header("X-Request-Id").orElseThrow());
    }

    /** The one 401 answer for every credential problem (§4.5). */
    public static void assertUnauthorized(HttpResult result) {
        assertPosError(result, 401, "unauthorized", null);
        assertThat(result.header("WWW-Authenticate")).contains("Bearer");
    }

    /** QR code data that the independent verifier accepts: the finishing signature checks out offline. */
    public static void assertQrVerifies(String qrData) {
        QrVerificationResult result = Verifier.verifyQr(qrData);
        assertThat(result.isValid()).as(qrData + ": " + result.findings()).isTrue();
    }

    /** The member names of a JSON object, in order. */
    public static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }
}
