package org.opentss.journal;

import java.util.OptionalLong;

/**
 * A log message as its writer allocated it: counter, time, and the plain signature inside it. It exists
 * for a caller only after its database transaction committed (DESIGN.md invariant 2), and only then is
 * the signature certain to be filled in: in a group commit it is made in parallel after the writer
 * returned, and the log's row, with its {@link LoggedRevision}, is stored once it is.
 */
public record SignedLog(long signatureCounter, long logTime, byte[] signature, OptionalLong transactionNumber) {
}
