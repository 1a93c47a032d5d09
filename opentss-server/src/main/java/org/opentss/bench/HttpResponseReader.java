package org.opentss.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one HTTP/1.1 response at a time from a non-blocking connection, as its bytes arrive: the status,
 * and where it ends, by {@code Content-Length} or chunked. It keeps the bytes in one buffer it reuses, so
 * that reading a response allocates nothing unless the response is larger than any before.
 */
final class HttpResponseReader {

    private static final byte[] HTTP_1_1 = "http/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "chunked".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[16 * 1024];
    private int length;
    /** Where the body begins, once the head has arrived; -1 before. */
    private int bodyStart = -1;
    private int status;
    private int contentLength;
    private boolean chunked;
    /** Where the response ends, once {@link #readFrom} found it complete. */
    private int responseEnd;

    /**
     * Reads what has arrived.
     *
     * @return whether a whole response is there now
     * @throws EOFException if the server closed the connection before the end of the response
     */
    boolean readFrom(ReadableByteChannel channel) throws IOException {
        while (true) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            int read = channel.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
            if (read < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (read == 0) {
                return false;
            }
            length += read;
            if (complete()) {
                return true;
            }
        }
    }

    int status() {
        return status;
    }

    /** The body of the complete response, for an error message. */
    String bodyText() throws IOException {
        if (!chunked) {
            return new String(bytes, bodyStart, contentLength, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int at = bodyStart, size; (size = (int) parseNumber(at, 16)) > 0; at = lineEnd(at) + 2 + size + 2) {
            body.write(bytes, lineEnd(at) + 2, size);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /**
     * Forgets the response read, for the next one.
     *
     * @throws IOException if more bytes came than the response had: the server answered what was not asked
     */
    void next() throws IOException {
        if (length > responseEnd) {
            throw new IOException("the server sent " + (length - responseEnd) + " bytes after a complete response");
        }
        clear();
    }

    /** Forgets whatever was read, for a new connection. */
    void clear() {
        length = 0;
        bodyStart = -1;
        responseEnd = 0;
    }

    private boolean complete() throws IOException {
        if (bodyStart < 0 && !readHead()) {
            return false;
        }
        if (!chunked) {
            responseEnd = bodyStart + contentLength;
            return length >= responseEnd;
        }
        for (int at = bodyStart; ; ) {
            int lineEnd = lineEnd(at);
            if (lineEnd < 0) {
                return false;
            }
            int size = (int) parseNumber(at, 16);
            if (size == 0) {
                int trailerEnd = blankLine(lineEnd); // no trailer fields: the CRLF CRLF starts at the size's
                responseEnd = trailerEnd + 4;
                return trailerEnd >= 0;
            }
            at = lineEnd + 2 + size + 2;
            if (length < at) {
                return false;
            }
        }
    }

    /** Parses the status line and the two headers that say where the body ends, once the head is there. */
    private boolean readHead() throws IOException {
        int end = blankLine(0);
        if (end < 0) {
            return false;
        }
        if (end < 12 || !startsWithIgnoringCase(0, HTTP_1_1)) {
            throw new IOException("not an HTTP/1.1 response: "
                    + new String(bytes, 0, Math.min(end, 80), StandardCharsets.US_ASCII));
        }
        status = (int) parseNumber(HTTP_1_1.length, 10);
        contentLength = 0;
        chunked = false;
        for (int line = lineEnd(0) + 2; line < end; line = lineEnd(line) + 2) {
            if (startsWithIgnoringCase(line, CONTENT_LENGTH)) {
                contentLength = (int) parseNumber(line + CONTENT_LENGTH.length, 10);
            } else if (startsWithIgnoringCase(line, TRANSFER_ENCODING)) {
                chunked = contains(line, lineEnd(line), CHUNKED);
            }
        }
        bodyStart = end + 4;
        return true;
    }

    private long parseNumber(int at, int radix) throws IOException {
        while (at < length && bytes[at] == ' ') {
            at++;
        }
        long value = 0;
        int digits = 0;
        for (; at < length; at++, digits++) {
            int digit = Character.digit(bytes[at], radix);
            if (digit < 0) {
                break;
            }
            value = value * radix + digit;
        }
        if (digits == 0 || digits > 9) {
            throw new IOException("not a length: " + new String(bytes, at - digits, Math.min(20, length - at + digits),
                    StandardCharsets.US_ASCII));
        }
        return value;
    }

    /** The index of the CR of the CRLF that ends the line at {@code from}, or -1 if it has not arrived. */
    private int lineEnd(int from) {
        for (int i = from; i + 1 < length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The index of the CRLF CRLF that ends a head or a trailer, at or after {@code from}, or -1. */
    private int blankLine(int from) {
        for (int i = from; i + 3 < length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWithIgnoringCase(int at, byte[] lowerCase) {
        if (at + lowerCase.length > length) {
            return false;
        }
        for (int i = 0; i < lowerCase.length; i++) {
            if (Character.toLowerCase(bytes[at + i]) != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int from, int to, byte[] lowerCase) {
        for (int i = from; i + lowerCase.length <= to; i++) {
            if (startsWithIgnoringCase(i, lowerCase)) {
                return true;
            }
        }
        return false;
    }
}
