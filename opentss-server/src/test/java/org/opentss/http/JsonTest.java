package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link Json#parse} accepts as a request body: JSON in UTF-8 whose strings are Unicode text. */
class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"\\ud800\"}", "{\"a\":\"x\\udfff\"}", "{\"a\":\"\\udc00\\ud800\"}",
            "{\"a\":[\"ok\",{\"b\":\"\\ud83d\"}]}", "{\"\\ud800\":1}", "{\"a\":\"\\ud83d\\ud83d\\ude00\"}"})
    void anEscapedSurrogateWithoutItsPairIsRefused(String body) { // in a name Jackson itself refuses it
        assertThatThrownBy(() -> Json.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo(ErrorCode.E_FAILED_SCHEMA_VALIDATION);
                });
    }

    @Test
    void pairedSurrogatesAreTheCharacterTheyEscape() {
        String grinning = "\uD83D\uDE00";
        byte[] escaped = "{\"a\":\"\\ud83d\\ude00 ok\"}".getBytes(StandardCharsets.UTF_8);
        byte[] raw = ("{\"a\":\"" + grinning + " ok\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(Json.parse(escaped).get("a").asString()).isEqualTo(grinning + " ok");
        assertThat(Json.parse(raw).get("a").asString()).isEqualTo(grinning + " ok");
    }
}
