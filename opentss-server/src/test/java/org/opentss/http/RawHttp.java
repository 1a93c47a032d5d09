package org.opentss.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP/1.1 exchange over a plain socket, for requests {@link java.net.http.HttpClient} refuses to send:
 * unreadable {@code Content-Length}, broken chunked bodies, malformed header lines.
 *
 * @param headers lower-case names
 */
record RawHttp(int status, Map<String, String> headers, byte[] body) {

    /** Sends {@code request} as it is (ISO-8859-1, CRLF line ends) and reads one response. */
    static RawHttp exchange(URI server, String request) {
        try (Socket socket = connected(server)) {
            send(socket, request);
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new TreeMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.putIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new RawHttp(Integer.parseInt(statusLine.split(" ")[1]), headers, in.readNBytes(length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the server closes the connection (or resets it) without a byte of answer to {@code request}; a
     * server that neither answers nor closes within 10 s fails this.
     */
    static boolean closedWithoutAnswer(URI server, String request) {
        try (Socket socket = connected(server)) {
            try {
                send(socket, request);
                return socket.getInputStream().read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true; // reset by the server, even while the request was still being sent: closed as well
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new connection to the server whose reads give up after 10 s. */
    private static Socket connected(URI server) throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends {@code request} as it is: ISO-8859-1, so that every char is one byte. */
    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed before the response ended");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
