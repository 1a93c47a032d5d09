package org.opentss.journal;

/**
 * The signature algorithms OpenTSS signs log messages with (tse-formats.md §2.2). Every new TSS key
 * uses {@link #ECDSA_PLAIN_SHA256}; SHA-384 pairs with the optional 384-bit curves.
 */
public enum SignatureAlgorithm {
    ECDSA_PLAIN_SHA256(0x03, "ecdsa-plain-SHA256", "SHA256withECDSAinP1363Format", 32),
    ECDSA_PLAIN_SHA384(0x04, "ecdsa-plain-SHA384", "SHA384withECDSAinP1363Format", 48);

    private final byte[] algorithmIdentifier;
    private final String apiName;
    private final String jcaName;
    private final int coordinateLength;

    SignatureAlgorithm(int lastArc, String apiName, String jcaName, int coordinateLength) {
        this.algorithmIdentifier = ecdsaPlainAlgorithmIdentifier(lastArc);
        this.apiName = apiName;
        this.jcaName = jcaName;
        this.coordinateLength = coordinateLength;
    }

    /**
     * {@code SEQUENCE { OID ecdsa-plain-signatures.n }} with ecdsa-plain-signatures = 0.4.0.127.0.7.1.1.4.1
     * (TR-03111), and no parameters, not even NULL: TR-03153-1 §9.6 forbids them.
     */
    private static byte[] ecdsaPlainAlgorithmIdentifier(int lastArc) {
        return new byte[] {0x30, 0x0C, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x01, 0x01, 0x04, 0x01, (byte) lastArc};
    }

    /** The complete signatureAlgorithm element, e.g. {@code 30 0C 06 0A 04 00 7F 00 07 01 01 04 01 03}. */
    public byte[] algorithmIdentifier() {
        return algorithmIdentifier.clone();
    }

    /** The name in the API ({@code signature_algorithm}) and in field 9 of the receipt QR code. */
    public String apiName() {
        return apiName;
    }

    /** The JCA algorithm that produces and checks the plain {@code r‖s} form directly (SunEC, BouncyCastle). */
    public String jcaName() {
        return jcaName;
    }

    /** Length of the plain signature {@code r‖s}: twice the order size of the curves this algorithm is used with. */
    public int signatureLength() {
        return 2 * coordinateLength;
    }
}
