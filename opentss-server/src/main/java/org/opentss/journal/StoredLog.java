package org.opentss.journal;

import java.util.Objects;

/**
 * One row of the journal table {@code log_message}: a signed log message as stored, with the columns
 * that name its export file (tse-formats.md §8.6), so that an export never decodes a message.
 *
 * <p>The message array is neither copied nor compared by content: rows stream from the database into
 * the archive once, and copying each of a million messages would buy nothing.
 *
 * @param operationType a {@link TransactionPhase} operationType for transaction logs, the event name for
 *     system logs
 * @param transactionNumber set exactly for transaction logs
 * @param clientSerial the clientId; set exactly for transaction logs
 * @param message the DER log message, written to the archive unchanged
 */
public record StoredLog(
        long signatureCounter,
        long logTime,
        Kind kind,
        String operationType,
        Long transactionNumber,
        String clientSerial,
        byte[] message) {

    /** The {@code kind} column. The journal writes no audit logs (§1.7), so it stores none. */
    public enum Kind { TRANSACTION, SYSTEM }

    public StoredLog {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(operationType, "operationType");
        Objects.requireNonNull(message, "message");
        boolean transaction = kind == Kind.TRANSACTION;
        if ((transactionNumber != null) != transaction || (clientSerial != null) != transaction) {
            throw new IllegalArgumentException("transactionNumber and clientSerial are set exactly for transaction "
                    + "logs; log " + signatureCounter + " is a " + kind + " log");
        }
    }

    /** The file name without a file counter; {@link LogFileNames} adds one where the archive needs it. */
    public String fileName() {
        return switch (kind) {
            case TRANSACTION -> LogFileName.ofTransaction(signatureCounter, logTime, transactionNumber,
                    TransactionPhase.ofOperationType(operationType), clientSerial);
            case SYSTEM -> LogFileName.ofSystem(signatureCounter, logTime, operationType);
        };
    }
}
