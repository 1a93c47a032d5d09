package org.opentss.journal;

/**
 * The three kinds of log message, told apart by their certifiedDataType (tse-formats.md §1.3) and by
 * the {@code Log-…} part of their export file name (§8.6).
 */
enum LogType {
    TRANSACTION(0x01, "Tra"),
    SYSTEM(0x02, "Sys"),
    AUDIT(0x03, "Aud");

    private final byte[] certifiedDataType;
    private final String fileNameCode;

    LogType(int lastArc, String fileNameCode) {
        this.certifiedDataType = seApiDataFormat(lastArc);
        this.fileNameCode = fileNameCode;
    }

    /** The complete certifiedDataType TLV, e.g. {@code 06 09 04 00 7F 00 07 03 07 01 01}. */
    byte[] certifiedDataType() {
        return certifiedDataType.clone();
    }

    /**
     * The OBJECT IDENTIFIER TLV of sE-API-dataformats.n = 0.4.0.127.0.7.3.7.1.n, with the bsi-de arc
     * as corrected by TR-03151-A (0.4.0.127.0.7, not 0.4.0.127.0.7.0).
     */
    private static byte[] seApiDataFormat(int lastArc) {
        return new byte[] {0x06, 0x09, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x03, 0x07, 0x01, (byte) lastArc};
    }

    /** {@code Tra}, {@code Sys} or {@code Aud}. */
    String fileNameCode() {
        return fileNameCode;
    }
}
