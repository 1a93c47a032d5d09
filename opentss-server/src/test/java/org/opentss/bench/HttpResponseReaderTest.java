package org.opentss.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {

    private final HttpResponseReader reader = new HttpResponseReader();
    private final Arrivals socket = new Arrivals();

    @Test
    void aResponseWithContentLengthIsCompleteWhenItsLastByteArrives() throws IOException {
        socket.arrive("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nconTent-length: 11\r\n\r\n{\"a\":");
        assertThat(reader.readFrom(socket)).isFalse();
        socket.arrive("\"bcd\"}");

        assertThat(reader.readFrom(socket)).isTrue();
        assertThat(reader.status()).isEqualTo(200);
        assertThat(reader.bodyText()).isEqualTo("{\"a\":\"bcd\"}");
    }

    @Test
    void aChunkedResponseIsCompleteAfterItsLastChunkAndTheBlankLine() throws IOException {
        socket.arrive("HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"err");
        assertThat(reader.readFrom(socket)).isFalse();
        socket.arrive("\r\nA;ext=1\r\n\":\"E_CLIEN\r\n3\r\nT\"}\r\n0\r\n");
        assertThat(reader.readFrom(socket)).isFalse();
        socket.arrive("\r\n");

        assertThat(reader.readFrom(socket)).isTrue();
        assertThat(reader.status()).isEqualTo(409);
        assertThat(reader.bodyText()).isEqualTo("{\"err\":\"E_CLIENT\"}");
    }

    @Test
    void theNextResponseIsReadFromTheStart() throws IOException {
        socket.arrive("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\nno");
        assertThat(reader.readFrom(socket)).isTrue();

        reader.next();
        socket.arrive("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        assertThat(reader.readFrom(socket)).isTrue();
        assertThat(reader.status()).isEqualTo(200);
        assertThat(reader.bodyText()).isEqualTo("ok");
    }

    @Test
    void aResponseLargerThanTheBufferIsReadWhole() throws IOException {
        String body = "x".repeat(40_000);
        socket.arrive("HTTP/1.1 200 OK\r\nContent-Length: 40000\r\n\r\n" + body);

        assertThat(reader.readFrom(socket)).isTrue();
        assertThat(reader.bodyText()).isEqualTo(body);
    }

    @Test
    void bytesBeyondTheResponseAreAnError() throws IOException {
        socket.arrive("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1");
        assertThat(reader.readFrom(socket)).isTrue();

        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("8 bytes after");
    }

    @Test
    void aClosedConnectionOrAnotherProtocolIsAnError() throws IOException {
        socket.arrive("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nok");
        assertThat(reader.readFrom(socket)).isFalse();
        socket.close();
        assertThatThrownBy(() -> reader.readFrom(socket)).isInstanceOf(EOFException.class);

        HttpResponseReader another = new HttpResponseReader();
        Arrivals other = new Arrivals();
        other.arrive("SSH-2.0-OpenSSH_9.6\r\n\r\n");
        assertThatThrownBy(() -> another.readFrom(other)).hasMessageContaining("not an HTTP/1.1 response: SSH-2.0");
    }

    /** A non-blocking socket's reads: what arrived so far, then 0, or -1 once closed. */
    private static final class Arrivals implements ReadableByteChannel {
        private final Deque<ByteBuffer> arrived = new ArrayDeque<>();
        private boolean closed;

        void arrive(String text) {
            arrived.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public int read(ByteBuffer into) {
            if (arrived.isEmpty()) {
                return closed ? -1 : 0;
            }
            ByteBuffer next = arrived.peek();
            int n = Math.min(into.remaining(), next.remaining());
            ByteBuffer part = next.slice(next.position(), n);
            into.put(part);
            next.position(next.position() + n);
            if (!next.hasRemaining()) {
                arrived.poll();
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
