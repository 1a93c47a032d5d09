package org.opentss.verify;

import java.util.Arrays;

/**
 * One element read by {@link DerReader}: where it lies in the source bytes, and its value.
 *
 * @param tag           the single tag octet
 * @param offset        index of the tag octet in the source
 * @param contentOffset index of the first content octet in the source
 * @param end           index just after the element (after the end-of-contents octets for the
 *                      indefinite form)
 * @param value         the content octets; for the indefinite constructed OCTET STRING the
 *                      concatenation of its parts (the logical value). Not copied: package use only.
 * @param indefinite    whether the element used the indefinite length form
 */
record Tlv(int tag, int offset, int contentOffset, int end, byte[] value, boolean indefinite) {

    boolean isContextSpecific() {
        return (tag & 0xC0) == 0x80;
    }

    /** The complete encoding (tag, length, content) exactly as it appears in {@code source}. */
    byte[] encoding(byte[] source) {
        return Arrays.copyOfRange(source, offset, end);
    }
}
