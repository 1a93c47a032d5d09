package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.uri.UriQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryInputTest {

    @ParameterizedTest
    @CsvSource({"7, 7", "007, 7", "0, 0", "000, 0", "10, 10", "0100, 100", "9007199254740991, 9007199254740991",
        "0009007199254740991, 9007199254740991"})
    void anIntegerMayHaveLeadingZeros(String given, long value) {
        assertThat(integer(given)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "1.0", "1e3", "0x10", " 1", "\uff11"})
    void anythingButDigitsIsNotAnInteger(String given) {
        assertThatThrownBy(() -> integer(given)).isInstanceOf(ApiError.class)
                .hasMessage("querystring/n must be integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9007199254740992", "00009007199254740992", "99999999999999999999"})
    void anIntegerAboveTheLargestExactJsonNumberIsRefused(String given) {
        assertThatThrownBy(() -> integer(given)).isInstanceOf(ApiError.class)
                .hasMessage("querystring/n must be <= 9007199254740991");
    }

    @ParameterizedTest
    @CsvSource({"1, querystring/n must be >= 2", "0001, querystring/n must be >= 2", "11, querystring/n must be <= 10"})
    void theBoundsApplyToTheValue(String given, String refusal) {
        QueryInput query = new QueryInput(UriQuery.create("n=" + given));
        assertThatThrownBy(() -> query.integer("n", 5, 2, 10)).isInstanceOf(ApiError.class).hasMessage(refusal);
    }

    private static long integer(String given) {
        return new QueryInput(UriQuery.create("n=" + given)).integer("n", -1, 0, QueryInput.MAX_SAFE_INTEGER);
    }
}
