package org.opentss.journal;

import java.util.OptionalLong;

/**
 * A log message as stored: counter, time, the complete DER bytes and the plain signature inside them.
 * It exists for a caller only after its database transaction committed (DESIGN.md invariant 2).
 */
public record SignedLog(long signatureCounter, long logTime, byte[] message, byte[] signature,
        OptionalLong transactionNumber) {
}
