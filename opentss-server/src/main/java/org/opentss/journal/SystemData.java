package org.opentss.journal;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The certifiedData of a system log (tse-formats.md §1.6): operationType {@code 80} and
 * systemOperationData {@code 81}; additionalInternalData {@code 82} is never written. Build the events
 * OpenTSS logs with {@link SystemEvents}.
 *
 * @param operationType the lowerCamelCase event name, also the TYPE of the export file name (§5.1)
 * @param systemOperationData the content of the {@code 81} OCTET STRING: the event's own context-tagged TLVs
 */
public record SystemData(String operationType, byte[] systemOperationData) implements CertifiedData {

    private static final int OPERATION_TYPE = 0x80;
    private static final int SYSTEM_OPERATION_DATA = 0x81;

    public SystemData {
        Objects.requireNonNull(operationType, "operationType");
        Objects.requireNonNull(systemOperationData, "systemOperationData");
        PrintableString.encode("operationType", operationType);
        if (operationType.isEmpty()) {
            throw new IllegalArgumentException("operationType must not be empty");
        }
        systemOperationData = systemOperationData.clone();
    }

    @Override
    public byte[] systemOperationData() {
        return systemOperationData.clone();
    }

    @Override
    public byte[] certifiedDataType() {
        return LogType.SYSTEM.certifiedDataType();
    }

    @Override
    public byte[] elements() {
        return Der.concat(
                Der.tlv(OPERATION_TYPE, PrintableString.encode("operationType", operationType)),
                Der.tlv(SYSTEM_OPERATION_DATA, systemOperationData));
    }

    // a record compares arrays by identity; these compare what is signed
    @Override
    public boolean equals(Object other) {
        return other instanceof SystemData that
                && operationType.equals(that.operationType)
                && Arrays.equals(systemOperationData, that.systemOperationData);
    }

    @Override
    public int hashCode() {
        return 31 * operationType.hashCode() + Arrays.hashCode(systemOperationData);
    }

    @Override
    public String toString() {
        return "SystemData[operationType=" + operationType + ", systemOperationData="
                + HexFormat.of().formatHex(systemOperationData) + "]";
    }
}
