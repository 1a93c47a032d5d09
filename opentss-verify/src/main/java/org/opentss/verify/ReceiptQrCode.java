package org.opentss.verify;

import java.util.Objects;

/**
 * The twelve fields of a receipt QR code (DSFinV-K Anhang I, tse-formats.md §7.1), exactly as printed:
 * no trimming, no decoding. Field numbers in the parameter docs are the spec's.
 *
 * @param version            1: qr-code-version, {@code V0}
 * @param clientId           2: kassen-seriennummer, the transaction's clientId
 * @param processType        3: processType of the Finish log
 * @param processData        4: processData of the Finish log as text (may contain {@code ;} and CR)
 * @param transactionNumber  5: transaktions-nummer, decimal
 * @param signatureCounter   6: signatur-zaehler of the Finish log, decimal
 * @param startTime          7: start-zeit, logTime of the Start log, {@code YYYY-MM-DDThh:mm:ss.fffZ}
 * @param logTime            8: log-time, logTime of the Finish log, same format
 * @param signatureAlgorithm 9: sig-alg, e.g. {@code ecdsa-plain-SHA256}
 * @param logTimeFormat      10: log-time-format, e.g. {@code unixTime}
 * @param signature          11: signatur, Base64 of plain r‖s
 * @param publicKey          12: public-key, Base64 of the uncompressed point
 */
public record ReceiptQrCode(String version, String clientId, String processType, String processData,
        String transactionNumber, String signatureCounter, String startTime, String logTime,
        String signatureAlgorithm, String logTimeFormat, String signature, String publicKey) {

    private static final char SEPARATOR = ';';
    private static final int FIELDS_FROM_LEFT = 3;
    private static final int FIELDS_FROM_RIGHT = 8;

    public ReceiptQrCode {
        Objects.requireNonNull(version);
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(processType);
        Objects.requireNonNull(processData);
        Objects.requireNonNull(transactionNumber);
        Objects.requireNonNull(signatureCounter);
        Objects.requireNonNull(startTime);
        Objects.requireNonNull(logTime);
        Objects.requireNonNull(signatureAlgorithm);
        Objects.requireNonNull(logTimeFormat);
        Objects.requireNonNull(signature);
        Objects.requireNonNull(publicKey);
    }

    /**
     * Splits a QR code string as §7.2 says: clientId and processType cannot contain {@code ;} but
     * processData can, so fields 1–3 are taken from the left and fields 5–12 from the right, and
     * processData is everything in between.
     *
     * @throws IllegalArgumentException if the string has fewer than twelve fields
     */
    public static ReceiptQrCode parse(String qr) {
        String[] left = new String[FIELDS_FROM_LEFT];
        int from = 0;
        for (int i = 0; i < FIELDS_FROM_LEFT; i++) {
            int separator = qr.indexOf(SEPARATOR, from);
            if (separator < 0) {
                throw tooFewFields();
            }
            left[i] = qr.substring(from, separator);
            from = separator + 1;
        }
        String[] right = new String[FIELDS_FROM_RIGHT];
        int to = qr.length();
        for (int i = FIELDS_FROM_RIGHT - 1; i >= 0; i--) {
            int separator = qr.lastIndexOf(SEPARATOR, to - 1);
            if (separator < from) { // also when none is left (-1): a separator of fields 1–3 cannot end field 4
                throw tooFewFields();
            }
            right[i] = qr.substring(separator + 1, to);
            to = separator;
        }
        String processData = qr.substring(from, to);
        return new ReceiptQrCode(left[0], left[1], left[2], processData, right[0], right[1], right[2], right[3],
                right[4], right[5], right[6], right[7]);
    }

    private static IllegalArgumentException tooFewFields() {
        return new IllegalArgumentException("a receipt QR code has twelve fields separated by ';'");
    }
}
