package org.opentss.journal;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The certifiedData of a transaction log (tse-formats.md §1.5): one phase of one POS transaction.
 *
 * <p>It always encodes operationType {@code 80}, clientId {@code 81}, processData {@code 82},
 * processType {@code 83} and transactionNumber {@code 85}, and never the optional {@code 84} or
 * {@code 86}: a receipt verifier rebuilds the Finish log from the QR code alone, which has no field
 * for them (§1.5.4, §7.3). For the same reason processData is always primitive with a definite length
 * (§1.5.5), and processType is present even when empty ({@code 83 00}, §1.5.3).
 *
 * @param processData the exact bytes to sign; empty at Start
 * @param processType PrintableString, empty at Start
 */
public record TransactionData(
        TransactionPhase phase, String clientId, byte[] processData, String processType, long transactionNumber)
        implements CertifiedData {

    private static final int OPERATION_TYPE = 0x80;
    private static final int CLIENT_ID = 0x81;
    private static final int PROCESS_DATA = 0x82;
    private static final int PROCESS_TYPE = 0x83;
    private static final int TRANSACTION_NUMBER = 0x85;

    public TransactionData {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(processData, "processData");
        Objects.requireNonNull(processType, "processType");
        PrintableString.encodeClientId(clientId);
        PrintableString.encode("processType", processType);
        LogValues.requireCounter("transactionNumber", transactionNumber);
        // DSFinV-K Anhang I: processType and processData are always empty at StartTransaction (§1.5.3)
        if (phase == TransactionPhase.START && (processData.length > 0 || !processType.isEmpty())) {
            throw new IllegalArgumentException("a StartTransaction log has empty processData and processType");
        }
        processData = processData.clone();
    }

    @Override
    public byte[] processData() {
        return processData.clone();
    }

    @Override
    public byte[] certifiedDataType() {
        return LogType.TRANSACTION.certifiedDataType();
    }

    @Override
    public byte[] elements() {
        return Der.concat(
                Der.tlv(OPERATION_TYPE, PrintableString.encode("operationType", phase.operationType())),
                Der.tlv(CLIENT_ID, PrintableString.encodeClientId(clientId)),
                Der.tlv(PROCESS_DATA, processData),
                Der.tlv(PROCESS_TYPE, PrintableString.encode("processType", processType)),
                Der.integer(TRANSACTION_NUMBER, transactionNumber));
    }

    // a record compares arrays by identity; these compare what is signed
    @Override
    public boolean equals(Object other) {
        return other instanceof TransactionData that
                && phase == that.phase
                && clientId.equals(that.clientId)
                && Arrays.equals(processData, that.processData)
                && processType.equals(that.processType)
                && transactionNumber == that.transactionNumber;
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, clientId, Arrays.hashCode(processData), processType, transactionNumber);
    }

    @Override
    public String toString() {
        return "TransactionData[phase=" + phase + ", clientId=" + clientId + ", processData="
                + HexFormat.of().formatHex(processData) + ", processType=" + processType
                + ", transactionNumber=" + transactionNumber + "]";
    }
}
