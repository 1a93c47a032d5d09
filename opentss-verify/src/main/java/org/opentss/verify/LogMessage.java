package org.opentss.verify;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A log message as read by {@link LogMessageParser}: its elements (tse-formats.md §1.1) and the
 * exact bytes it signs (§2.1). Immutable; byte arrays are copied in and out.
 *
 * <p>Elements that a kind of log must have are plain values, and asking for them on another kind
 * ({@link #clientId()} of a system log, say) is a programming error that throws
 * {@link IllegalStateException}. Elements a log may leave out are {@link Optional}.
 */
public final class LogMessage {

    private final byte[] encoded;
    private final int dtbsOffset;
    private final int dtbsEnd;
    private final int version;
    private final CertifiedDataType certifiedDataType;
    private final String operationType;
    private final String clientId;
    private final byte[] processData;
    private final boolean processDataIndefinite;
    private final String processType;
    private final byte[] additionalExternalData;
    private final Long transactionNumber;
    private final byte[] additionalInternalData;
    private final byte[] systemOperationData;
    private final byte[] serialNumber;
    private final String signatureAlgorithmOid;
    private final SignatureAlgorithm signatureAlgorithm;
    private final byte[] seAuditData;
    private final long signatureCounter;
    private final LogTime logTime;
    private final byte[] signatureValue;

    private LogMessage(Builder b) {
        this.encoded = b.encoded;
        this.dtbsOffset = b.dtbsOffset;
        this.dtbsEnd = b.dtbsEnd;
        this.version = b.version;
        this.certifiedDataType = b.certifiedDataType;
        this.operationType = b.operationType;
        this.clientId = b.clientId;
        this.processData = b.processData;
        this.processDataIndefinite = b.processDataIndefinite;
        this.processType = b.processType;
        this.additionalExternalData = b.additionalExternalData;
        this.transactionNumber = b.transactionNumber;
        this.additionalInternalData = b.additionalInternalData;
        this.systemOperationData = b.systemOperationData;
        this.serialNumber = b.serialNumber;
        this.signatureAlgorithmOid = b.signatureAlgorithmOid;
        this.signatureAlgorithm = b.signatureAlgorithm;
        this.seAuditData = b.seAuditData;
        this.signatureCounter = b.signatureCounter;
        this.logTime = b.logTime;
        this.signatureValue = b.signatureValue;
    }

    /** The whole log message as read. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /**
     * The signed bytes exactly as stored: from the first byte of {@code version} up to, excluding,
     * the first byte of {@code signatureValue} (§2.1, check E4).
     */
    public byte[] dtbs() {
        return Arrays.copyOfRange(encoded, dtbsOffset, dtbsEnd);
    }

    /** Offset of the first signed byte in {@link #encoded()}: just after the outer SEQUENCE header. */
    public int dtbsOffset() {
        return dtbsOffset;
    }

    public int dtbsLength() {
        return dtbsEnd - dtbsOffset;
    }

    /** The format version; 2 for every log this module accepts without a C2 error. */
    public int version() {
        return version;
    }

    public CertifiedDataType certifiedDataType() {
        return certifiedDataType;
    }

    /** operationType ({@code 80}) of a transaction or system log, e.g. {@code FinishTransaction}, {@code logOut}. */
    public String operationType() {
        require(operationType != null, "audit logs have no operationType");
        return operationType;
    }

    /** clientId ({@code 81}) of a transaction log. */
    public String clientId() {
        requireTransaction();
        return clientId;
    }

    /**
     * processData of a transaction log: the logical bytes, i.e. for the indefinite form ({@code A2 80 …})
     * the concatenation of its parts.
     */
    public byte[] processData() {
        requireTransaction();
        return processData.clone();
    }

    /** Whether processData used the indefinite constructed form {@code A2 80 … 00 00}; OpenTSS never writes it. */
    public boolean processDataIndefinite() {
        requireTransaction();
        return processDataIndefinite;
    }

    /** processType ({@code 83}) of a transaction log; empty if the element is absent, {@code ""} if present and empty. */
    public Optional<String> processType() {
        requireTransaction();
        return Optional.ofNullable(processType);
    }

    /** additionalExternalData ({@code 84}) of a transaction log, if present; OpenTSS never writes it. */
    public Optional<byte[]> additionalExternalData() {
        requireTransaction();
        return Optional.ofNullable(additionalExternalData).map(byte[]::clone);
    }

    /** transactionNumber ({@code 85}) of a transaction log. */
    public long transactionNumber() {
        requireTransaction();
        return transactionNumber;
    }

    /** additionalInternalData ({@code 86} in transaction logs, {@code 82} in system logs), if present. */
    public Optional<byte[]> additionalInternalData() {
        return Optional.ofNullable(additionalInternalData).map(byte[]::clone);
    }

    /** systemOperationData ({@code 81}) of a system log: the content, a concatenation of context-specific TLVs. */
    public byte[] systemOperationData() {
        require(certifiedDataType == CertifiedDataType.SYSTEM, "not a system log but a " + certifiedDataType + " log");
        return systemOperationData.clone();
    }

    /** seAuditData of an audit log. */
    public Optional<byte[]> seAuditData() {
        return Optional.ofNullable(seAuditData).map(byte[]::clone);
    }

    /** The 32-byte serialNumber: SHA-256 of the TSS public key (§3). */
    public byte[] serialNumber() {
        return serialNumber.clone();
    }

    /** The serialNumber as 64 lowercase hex digits, as in the API and in file names. */
    public String serialNumberHex() {
        return HexFormat.of().formatHex(serialNumber);
    }

    /** The dotted signature algorithm OID as written, e.g. {@code 0.4.0.127.0.7.1.1.4.1.3}. */
    public String signatureAlgorithmOid() {
        return signatureAlgorithmOid;
    }

    /** The signature algorithm, with its hash; empty if the OID is not one of §1.3 (a C7 error). */
    public Optional<SignatureAlgorithm> signatureAlgorithm() {
        return Optional.ofNullable(signatureAlgorithm);
    }

    public long signatureCounter() {
        return signatureCounter;
    }

    public LogTime logTime() {
        return logTime;
    }

    /** The content of signatureValue: plain r‖s for a valid log. */
    public byte[] signatureValue() {
        return signatureValue.clone();
    }

    private void requireTransaction() {
        require(certifiedDataType == CertifiedDataType.TRANSACTION,
                "not a transaction log but a " + certifiedDataType + " log");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    @Override
    public String toString() {
        return "LogMessage[" + certifiedDataType + (operationType == null ? "" : " " + operationType)
                + ", signatureCounter=" + signatureCounter + ", logTime=" + logTime.text() + "]";
    }

    /** Collects the elements while {@link LogMessageParser} reads them. */
    static final class Builder {
        byte[] encoded;
        int dtbsOffset;
        int dtbsEnd;
        int version;
        CertifiedDataType certifiedDataType;
        String operationType;
        String clientId;
        byte[] processData;
        boolean processDataIndefinite;
        String processType;
        byte[] additionalExternalData;
        Long transactionNumber;
        byte[] additionalInternalData;
        byte[] systemOperationData;
        byte[] serialNumber;
        String signatureAlgorithmOid;
        SignatureAlgorithm signatureAlgorithm;
        byte[] seAuditData;
        long signatureCounter;
        LogTime logTime;
        byte[] signatureValue;

        LogMessage build() {
            return new LogMessage(this);
        }
    }
}
