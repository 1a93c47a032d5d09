package org.opentss.journal;

/**
 * What a log message certifies: the part between certifiedDataType and serialNumber that differs
 * between transaction and system logs (tse-formats.md §1.1). OpenTSS writes no audit logs (§1.7).
 */
public sealed interface CertifiedData permits TransactionData, SystemData {

    /** The complete certifiedDataType TLV (an OBJECT IDENTIFIER) that tells a reader how to read {@link #elements()}. */
    byte[] certifiedDataType();

    /**
     * The certifiedData elements as concatenated implicitly tagged TLVs. They sit directly in the log
     * message: TR-03151 forbids wrapping them into a SEQUENCE.
     */
    byte[] elements();
}
