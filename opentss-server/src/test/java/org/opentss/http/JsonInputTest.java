package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"5d7a6b6c-0c47-4b8e-9f5e-3e1b2c4d5e6f", "5D7A6B6C-0C47-4B8E-9F5E-3E1B2C4D5E6F",
        "00000000-0000-0000-0000-000000000000"})
    void theTextualFormOfAUuidInAnyCaseIsAUuid(String value) {
        assertThat(JsonInput.isUuid(value)).isTrue();
        assertThat(JsonInput.uuid(value, "id")).isEqualTo(value.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5d7a6b6c0c474b8e9f5e3e1b2c4d5e6f", "5d7a6b6c-0c47-4b8e-9f5e-3e1b2c4d5e6",
        "5d7a6b6c-0c47-4b8e-9f5e-3e1b2c4d5e6f0", "5d7a6b6c-0c47-4b8e-9f5e_3e1b2c4d5e6f",
        "5d7a6b6c-0c47-4b8e-9f5e-3e1b2c4d5e6g", "5d7a6b6c-0c47-4b8e-9f5e-3e1b2c4d5e6\uff10",
        "{d7a6b6c-0c47-4b8e-9f5e-3e1b2c4d5e6}", "5d7a6b6c--0c47-4b8e-9f5e3e1b2c4d5e6f"})
    void anythingElseIsNot(String value) {
        assertThat(JsonInput.isUuid(value)).isFalse();
        assertThatThrownBy(() -> JsonInput.uuid(value, "params/tx_id")).isInstanceOf(ApiError.class)
                .hasMessageContaining("params/tx_id must match format \"uuid\"");
    }
}
