package org.opentss.verify;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** The three kinds of log message, told apart by the certifiedDataType OID (tse-formats.md §1.3). */
public enum CertifiedDataType {
    TRANSACTION("0.4.0.127.0.7.3.7.1.1", "04007F000703070101"),
    SYSTEM("0.4.0.127.0.7.3.7.1.2", "04007F000703070102"),
    AUDIT("0.4.0.127.0.7.3.7.1.3", "04007F000703070103");

    private final String oid;
    private final byte[] oidContent;

    CertifiedDataType(String oid, String oidContentHex) {
        this.oid = oid;
        this.oidContent = HexFormat.of().parseHex(oidContentHex);
    }

    /** The dotted OID, e.g. {@code 0.4.0.127.0.7.3.7.1.1}. */
    public String oid() {
        return oid;
    }

    static Optional<CertifiedDataType> forOidContent(byte[] content) {
        return Arrays.stream(values()).filter(t -> Arrays.equals(t.oidContent, content)).findFirst();
    }
}
