package org.opentss.crypto;

/** The named curves OpenTSS creates keys on: P-256 for TSS keys, P-384 for the instance CA (sign-de-v2.md §4.4). */
public enum EcCurve {
    P256("secp256r1", 32),
    P384("secp384r1", 48);

    private final String jcaName;
    private final int fieldBytes;

    EcCurve(String jcaName, int fieldBytes) {
        this.jcaName = jcaName;
        this.fieldBytes = fieldBytes;
    }

    public String jcaName() {
        return jcaName;
    }

    public int fieldBytes() {
        return fieldBytes;
    }
}
