package org.opentss.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import tools.jackson.databind.node.ObjectNode;

/** The POS API's reading of request bodies (pos-api.md §3.2, §3.4, §3.6, §7.2). */
class PosInputTest {

    private static PosInput input(String json) {
        return PosInput.of((ObjectNode) Json.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertRefused(Runnable read, int status, String code, String param) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(PosError.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.param()).contains(param);
        });
    }

    @Test
    void unknownMembersAreNamedInTheNotationOfTheirPath() {
        PosInput line = input("{\"line_items\":[{\"a\":1},{\"quantity\":\"1\",\"qty\":2}]}")
                .optionalObjectArray("line_items", 10).orElseThrow().get(1);
        assertRefused(() -> line.allowOnly(Set.of("quantity")), 400, "invalid_request", "line_items[1].qty");
    }

    @Test
    void wrongTypesAndNullsCannotBeUnderstoodWhileMissingOrOutOfRangeValuesAreInvalid() {
        assertRefused(() -> input("{\"label\":5}").optionalString("label", 1, 10), 400, "invalid_request", "label");
        assertRefused(() -> input("{\"label\":null}").optionalString("label", 1, 10), 400, "invalid_request", "label");
        assertThat(input("{\"label\":null}").nullableString("label", 1, 10)).isEmpty();
        assertRefused(() -> input("{}").requiredString("label", 1, 10), 422, "validation_error", "label");
        assertRefused(() -> input("{\"label\":\"\"}").requiredString("label", 1, 10), 422, "validation_error",
                "label");
        assertRefused(() -> input("{\"n\":1.5}").requiredInteger("n", 0, 9), 422, "validation_error", "n");
        assertRefused(() -> input("{\"n\":\"1\"}").requiredInteger("n", 0, 9), 400, "invalid_request", "n");
        assertRefused(() -> input("{\"n\":10}").requiredInteger("n", 0, 9), 422, "validation_error", "n");
        assertThat(input("{\"n\":9}").requiredInteger("n", 0, 9)).isEqualTo(9);
    }

    @Test
    void deviceTimesTakeAnyOffsetAndMayNotRunMoreThan300SecondsAhead() {
        Instant now = Instant.parse("2026-03-14T09:12:03.104Z");
        assertThat(input("{\"t\":\"2026-03-14T10:12:02.870123+01:00\"}").requiredDeviceTime("t", now))
                .isEqualTo(Instant.parse("2026-03-14T09:12:02.870Z"));
        assertThat(input("{\"t\":\"2026-03-14T09:17:03.104Z\"}").requiredDeviceTime("t", now))
                .isEqualTo(now.plusSeconds(300));
        assertRefused(() -> input("{\"t\":\"2026-03-14T09:17:03.105Z\"}").requiredDeviceTime("t", now), 422,
                "validation_error", "t");
        assertRefused(() -> input("{\"t\":\"yesterday\"}").requiredDeviceTime("t", now), 422, "validation_error", "t");
    }

    @Test
    void metadataIsMergedKeyByKeyAndEmptyOrNullDeletes() {
        Map<String, String> merged = input("{\"metadata\":{\"crm_id\":\"\",\"table\":null,\"manager\":\"j.weber\"}}")
                .mergedMetadata(Map.of("crm_id", "C-1", "table", "12", "kept", "x"));
        assertThat(merged).containsOnly(Map.entry("kept", "x"), Map.entry("manager", "j.weber"));
        assertRefused(() -> input("{\"metadata\":{\"k\":1}}").metadataForCreate(), 400, "invalid_request",
                "metadata.k");
        assertRefused(() -> input("{\"metadata\":{\"k\":\"" + "x".repeat(501) + "\"}}").metadataForCreate(), 422,
                "validation_error", "metadata.k");
    }
}
