package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentss.http.PosError;

class IfMatchTest {

    @Test
    void absentMeansLastWriterWins() {
        IfMatch ifMatch = IfMatch.parse(List.of());
        assertThat(ifMatch.expected()).isEmpty();
        assertThatCode(() -> ifMatch.check(7)).doesNotThrowAnyException();
    }

    @Test
    void aQuotedVersionMustBeTheCurrentOne() {
        IfMatch ifMatch = IfMatch.parse(List.of("\"2\""));
        assertThat(ifMatch.expected()).isEqualTo(OptionalLong.of(2));
        assertThatCode(() -> ifMatch.check(2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ifMatch.check(3)).isInstanceOfSatisfying(PosError.class, e -> {
            assertThat(e.status()).isEqualTo(412);
            assertThat(e.code()).isEqualTo("precondition_failed");
            assertThat(e.param()).contains("If-Match");
            assertThat(e.getMessage()).isEqualTo("Resource version mismatch: expected 2, current is 3.");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "W/\"2\"", "\"1\", \"2\"", "*", "\"abc\"", "\"\"", "\"-1\"", "\"2", "'2'"})
    void anythingButOneStrongVersionTagCannotBeUnderstood(String header) {
        assertThatThrownBy(() -> IfMatch.parse(List.of(header))).isInstanceOfSatisfying(PosError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_request");
            assertThat(e.param()).contains("If-Match");
        });
    }

    @Test
    void theHeaderSentTwiceIsAList() {
        assertThatThrownBy(() -> IfMatch.parse(List.of("\"1\"", "\"1\"")))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
