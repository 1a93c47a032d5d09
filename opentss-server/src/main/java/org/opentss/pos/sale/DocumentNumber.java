package org.opentss.pos.sale;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The receipt number of a signed sale (pos-api.md §15.5): the calendar year of the finishing signature in
 * the location's time zone and the TSE transaction number, zero-padded to at least six digits. Transaction
 * numbers never repeat on a TSE, so the number is unique together with the TSE serial.
 */
final class DocumentNumber {

    private DocumentNumber() {
    }

    static String of(long transactionNumber, long signedAtEpochSeconds, ZoneId locationZone) {
        int year = Instant.ofEpochSecond(signedAtEpochSeconds).atZone(locationZone).getYear();
        return year + "-" + String.format("%06d", transactionNumber);
    }
}
