package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DocumentNumberTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void yearAndTransactionNumberPaddedToSixDigits() {
        assertThat(DocumentNumber.of(4822, epoch("2026-03-14T09:15:41Z"), BERLIN)).isEqualTo("2026-004822");
        assertThat(DocumentNumber.of(97, epoch("2026-03-14T11:30:41Z"), BERLIN)).isEqualTo("2026-000097");
    }

    @Test
    void longerNumbersAreNotCut() {
        assertThat(DocumentNumber.of(1_000_000, epoch("2027-05-01T12:00:00Z"), BERLIN)).isEqualTo("2027-1000000");
    }

    @Test
    void theYearIsTheLocationsNotUtcs() {
        long newYearsEveInUtc = epoch("2026-12-31T23:30:00Z");
        assertThat(DocumentNumber.of(12, newYearsEveInUtc, BERLIN)).isEqualTo("2027-000012");
        assertThat(DocumentNumber.of(12, newYearsEveInUtc, ZoneId.of("UTC"))).isEqualTo("2026-000012");
    }

    private static long epoch(String time) {
        return Instant.parse(time).getEpochSecond();
    }
}
