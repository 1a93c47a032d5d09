package org.opentss.journal;

import java.nio.charset.StandardCharsets;

/**
 * The ASN.1 PrintableString character set (tse-formats.md §1.4). The API rejects other characters
 * long before a log is built; checking again here keeps a bad byte from ever being signed, because a
 * signed log can never be corrected.
 */
public final class PrintableString {

    private static final String PUNCTUATION = " '()+,-./:=?";

    private PrintableString() {
    }

    /** Whether every character of {@code text} may appear in a PrintableString. */
    public static boolean isValid(String text) {
        return text.chars().allMatch(PrintableString::isPrintable);
    }

    /**
     * Whether {@code text} may be a clientId: PrintableString without {@code /}, which would become a
     * directory separator in export file names (§1.5.6, §8.6).
     */
    public static boolean isValidClientId(String text) {
        return isValid(text) && text.indexOf('/') < 0;
    }

    /** The content octets of a PrintableString field; {@code field} names it in the error message. */
    static byte[] encode(String field, String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException(field + " is not a PrintableString: \"" + text + "\"");
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The content octets of a clientId (§1.5.6). */
    static byte[] encodeClientId(String clientId) {
        if (!isValidClientId(clientId)) {
            throw new IllegalArgumentException("clientId is not a PrintableString without '/': \"" + clientId + "\"");
        }
        return clientId.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isPrintable(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || PUNCTUATION.indexOf(c) >= 0;
    }
}
