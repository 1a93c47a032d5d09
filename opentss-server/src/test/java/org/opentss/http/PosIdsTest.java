package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.opentss.testing.TestClock;

class PosIdsTest {

    /** The example of the ULID specification: 1469918176385 ms is {@code 01ARYZ6S41}. */
    @Test
    void theFirstTenCharactersAreTheCreationTime() {
        TestClock clock = new TestClock(Instant.ofEpochMilli(1_469_918_176_385L));
        String id = new PosIds(clock, new SecureRandom()).next("op");
        assertThat(id).startsWith("op_01ARYZ6S41").hasSize(29);
        assertThat(PosIds.isWellFormed("op", id)).isTrue();
    }

    @Test
    void idsOfOneMillisecondCountUpAndCarryIntoTheHighBits() {
        // The random part starts with its high 16 bits 0 and its low 64 bits all 1.
        PrimitiveIterator.OfLong draws = LongStream.of(0L, -1L).iterator();
        PosIds ids = new PosIds(new TestClock(Instant.ofEpochMilli(0)), draws::nextLong);
        assertThat(ids.next("li")).isEqualTo("li_0000000000" + "000F" + "ZZZZZZZZZZZZ");
        assertThat(ids.next("li")).isEqualTo("li_0000000000" + "000G" + "000000000000");
        assertThat(ids.next("li")).isEqualTo("li_0000000000" + "000G" + "000000000001");
    }

    @Test
    void idsSortInCreationOrderEvenWhenTheClockStepsBack() {
        TestClock clock = new TestClock(Instant.parse("2026-03-14T09:12:03.104Z"));
        PosIds ids = new PosIds(clock, new SecureRandom());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            created.add(ids.next("op"));
            if (i % 100 == 0) {
                clock.advance(Duration.ofMillis(i % 200 == 0 ? 1 : -5));
            }
        }
        assertThat(created).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void wellFormedMeansPrefixAndUpperCaseCrockford() {
        assertThat(PosIds.isWellFormed("org", "org_01KKBFJYM02CNDSQ4A424ZD88X")).isTrue();
        assertThat(PosIds.isWellFormed("loc", "org_01KKBFJYM02CNDSQ4A424ZD88X")).isFalse();
        assertThat(PosIds.isWellFormed("org", "org_01kkbfjym02cndsq4a424zd88x")).isFalse();
        assertThat(PosIds.isWellFormed("org", "org_01KKBFJYM02CNDSQ4A424ZD88U")).isFalse();
        assertThat(PosIds.isWellFormed("org", "org_01KKBFJYM02CNDSQ4A424ZD88")).isFalse();
        assertThat(PosIds.isWellFormed("org", "org_81KKBFJYM02CNDSQ4A424ZD88X")).isFalse();
        assertThat(PosIds.isWellFormed("org", null)).isFalse();
    }
}
