package org.opentss.journal;

import java.util.OptionalLong;

/**
 * The columns of a TSS row that the journal writes, as a transaction's latest log left them: what a later
 * request in the same group commit must see of the TSS without reading its row again.
 *
 * @param activeTransactions the number of ACTIVE transactions, which Start logs raise and Finish logs lower
 */
public record JournalCounters(long signatureCounter, long transactionCounter, long lastLogTime,
        OptionalLong lastUpdateTimeAt, int activeTransactions) {
}
