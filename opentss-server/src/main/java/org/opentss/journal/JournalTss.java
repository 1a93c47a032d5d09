package org.opentss.journal;

import java.util.OptionalLong;

/**
 * What the journal needs of a TSS, read under the TSS's row lock: its key, serial number and the
 * current journal counters.
 *
 * @param serialNumber SHA-256 of the public point (32 bytes)
 * @param lastLogTime the logTime of the newest stored log, 0 before the first
 * @param lastUpdateTimeAt the logTime of the newest {@code updateTime} log, if any
 * @param activeTransactions the number of ACTIVE transactions
 */
public record JournalTss(
        String id,
        byte[] serialNumber,
        byte[] keyHandle,
        byte[] publicPoint,
        long signatureCounter,
        long transactionCounter,
        long lastLogTime,
        OptionalLong lastUpdateTimeAt,
        int activeTransactions) {

    /** The key's name in the key custody. */
    public String keyId() {
        return keyId(id);
    }

    public static String keyId(String tssId) {
        return "tss:" + tssId;
    }
}
