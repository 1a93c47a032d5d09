package org.opentss.verify;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strict reader of DER elements (X.690 §10) over a range of a byte array: single-octet tags,
 * definite lengths in their shortest form, nothing outside the range. The one BER form a version-2
 * log message may contain — processData as a constructed OCTET STRING of indefinite length
 * (tse-formats.md §1.5.5, check C5) — is read only where the caller asks for it.
 *
 * <p>Written for the verifier alone, independent of the server's encoder (§11.1): a bug shared
 * by encoder and reader would hide itself.
 */
final class DerReader {

    private static final int END_OF_CONTENTS = 0x00;
    private static final int OCTET_STRING = 0x04;
    /** Longest length field accepted: 3 octets, i.e. up to 16 MiB, far above any log message. */
    private static final int MAX_LENGTH_OCTETS = 3;

    private final byte[] data;
    private final int end;
    private int position;

    DerReader(byte[] data) {
        this(data, 0, data.length);
    }

    private DerReader(byte[] data, int from, int to) {
        this.data = data;
        this.position = from;
        this.end = to;
    }

    /** A reader over the content of a definite-length element read from the same source. */
    DerReader contentOf(Tlv tlv) {
        return new DerReader(data, tlv.contentOffset(), tlv.contentOffset() + tlv.value().length);
    }

    boolean hasMore() {
        return position < end;
    }

    /** The tag octet of the next element, without consuming it. */
    int peekTag() throws DerFormatException {
        if (!hasMore()) {
            throw new DerFormatException("element missing at offset " + position);
        }
        return data[position] & 0xFF;
    }

    /** Reads the next element, which must have a definite, minimal length. */
    Tlv read() throws DerFormatException {
        int offset = position;
        int tag = readTag();
        int length = readLength(tag, offset);
        if (length < 0) {
            throw new DerFormatException(String.format(
                    "indefinite length of element %02X at offset %d (DER requires definite lengths)", tag, offset));
        }
        int contentOffset = position;
        if (length > end - contentOffset) {
            throw new DerFormatException(String.format(
                    "element %02X at offset %d declares %d content bytes, only %d remain",
                    tag, offset, length, end - contentOffset));
        }
        position = contentOffset + length;
        byte[] value = Arrays.copyOfRange(data, contentOffset, position);
        return new Tlv(tag, offset, contentOffset, position, value, false);
    }

    /** Reads all remaining elements. */
    List<Tlv> readAll() throws DerFormatException {
        List<Tlv> elements = new ArrayList<>();
        while (hasMore()) {
            elements.add(read());
        }
        return elements;
    }

    /**
     * Reads a constructed OCTET STRING that may use the indefinite form {@code tag 80 (04 LL …)* 00 00}
     * (TR-03151 §2.3.1). Its parts must be primitive OCTET STRINGs of definite, minimal length; the
     * returned value is their concatenation. A definite-length constructed form is not accepted:
     * TR-03151 allows only the primitive definite form and the indefinite form.
     */
    Tlv readIndefiniteOctetString() throws DerFormatException {
        int offset = position;
        int tag = readTag();
        if ((tag & 0x20) == 0) {
            throw new DerFormatException(String.format("element %02X at offset %d is not constructed", tag, offset));
        }
        if (readLength(tag, offset) >= 0) {
            throw new DerFormatException(String.format(
                    "constructed element %02X at offset %d has a definite length; only the indefinite form is allowed",
                    tag, offset));
        }
        int contentOffset = position;
        ByteArrayOutputStream logical = new ByteArrayOutputStream();
        while (true) {
            if (end - position >= 2 && data[position] == END_OF_CONTENTS && data[position + 1] == END_OF_CONTENTS) {
                position += 2;
                return new Tlv(tag, offset, contentOffset, position, logical.toByteArray(), true);
            }
            if (!hasMore()) {
                throw new DerFormatException(String.format(
                        "indefinite-length element %02X at offset %d has no end-of-contents octets 00 00", tag, offset));
            }
            Tlv part = read();
            if (part.tag() != OCTET_STRING) {
                throw new DerFormatException(String.format(
                        "part at offset %d of indefinite-length element %02X has tag %02X, expected primitive 04",
                        part.offset(), tag, part.tag()));
            }
            logical.writeBytes(part.value());
        }
    }

    private int readTag() throws DerFormatException {
        int offset = position;
        int tag = peekTag();
        if ((tag & 0x1F) == 0x1F) {
            throw new DerFormatException(String.format(
                    "multi-octet tag %02X at offset %d (not used in log messages)", tag, offset));
        }
        if (tag == END_OF_CONTENTS) {
            throw new DerFormatException("unexpected end-of-contents octet at offset " + offset);
        }
        position++;
        return tag;
    }

    /** Returns the content length, or -1 for the indefinite form of a constructed element. */
    private int readLength(int tag, int elementOffset) throws DerFormatException {
        if (!hasMore()) {
            throw new DerFormatException(String.format("element %02X at offset %d has no length", tag, elementOffset));
        }
        int first = data[position++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        if (first == 0x80) {
            if ((tag & 0x20) == 0) {
                throw new DerFormatException(String.format(
                        "primitive element %02X at offset %d has the indefinite length form", tag, elementOffset));
            }
            return -1;
        }
        int octets = first & 0x7F;
        if (octets > MAX_LENGTH_OCTETS) {
            throw new DerFormatException(String.format(
                    "element %02X at offset %d has a %d-octet length field", tag, elementOffset, octets));
        }
        if (octets > end - position) {
            throw new DerFormatException(String.format(
                    "length of element %02X at offset %d is cut off", tag, elementOffset));
        }
        if (data[position] == 0) {
            throw new DerFormatException(String.format(
                    "non-minimal length of element %02X at offset %d (leading zero length octet)", tag, elementOffset));
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | (data[position++] & 0xFF);
        }
        if (length < 0x80) {
            throw new DerFormatException(String.format(
                    "non-minimal length of element %02X at offset %d (%d fits in one octet)", tag, elementOffset, length));
        }
        return length;
    }

    /**
     * The dotted form of an OBJECT IDENTIFIER's content, checking the base-128 encoding is minimal
     * and complete.
     */
    static String objectIdentifier(byte[] content) throws DerFormatException {
        if (content.length == 0) {
            throw new DerFormatException("empty OBJECT IDENTIFIER");
        }
        StringBuilder dotted = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (int i = 0; i < content.length; i++) {
            int b = content[i] & 0xFF;
            if (arc == 0 && b == 0x80) {
                throw new DerFormatException("non-minimal OBJECT IDENTIFIER arc");
            }
            if (arc > (Long.MAX_VALUE >> 7)) {
                throw new DerFormatException("OBJECT IDENTIFIER arc too large");
            }
            arc = (arc << 7) | (b & 0x7F);
            if ((b & 0x80) != 0) {
                continue;
            }
            if (first) {
                // The first octet(s) carry the first two arcs as 40 * arc1 + arc2 (X.690 §8.19.4).
                int arc1 = arc < 40 ? 0 : arc < 80 ? 1 : 2;
                dotted.append(arc1).append('.').append(arc - 40L * arc1);
                first = false;
            } else {
                dotted.append('.').append(arc);
            }
            arc = 0;
            if (i == content.length - 1) {
                return dotted.toString();
            }
        }
        throw new DerFormatException("OBJECT IDENTIFIER ends inside an arc");
    }

    /**
     * Whether INTEGER content octets are in their shortest two's-complement form (X.690 §8.3.2):
     * not empty, and the first nine bits are neither all zero nor all one.
     */
    static boolean isMinimalInteger(byte[] content) {
        if (content.length == 0) {
            return false;
        }
        if (content.length == 1) {
            return true;
        }
        int first = content[0] & 0xFF;
        int secondTopBit = content[1] & 0x80;
        return !(first == 0x00 && secondTopBit == 0) && !(first == 0xFF && secondTopBit != 0);
    }
}
