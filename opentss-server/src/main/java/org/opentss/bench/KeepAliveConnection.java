package org.opentss.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection of the load generator. The JDK's {@code HttpClient} spends several
 * times the server's own cost per request in selector threads and futures; on a 2-core machine where the
 * load generator shares the cores with the server, that would measure the client, not OpenTSS. This
 * writes a request and reads one response (fixed length or chunked), nothing more.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** A response: status and body; enough to check the outcome of a signing request. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int TIMEOUT_MILLIS = 60_000;

    private final String hostHeader;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    KeepAliveConnection(URI base) throws IOException {
        int port = base.getPort() > 0 ? base.getPort() : 80;
        this.hostHeader = base.getHost() + ":" + port;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(base.getHost(), port), TIMEOUT_MILLIS);
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = socket.getOutputStream();
    }

    /** Sends one request with a JSON body (or none) and reads its response. */
    Response send(String method, String path, String bearerToken, byte[] jsonBody) throws IOException {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Accept: application/json\r\n");
        if (bearerToken != null) {
            head.append("Authorization: Bearer ").append(bearerToken).append("\r\n");
        }
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(jsonBody.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = headBytes;
        if (jsonBody != null) {
            request = new byte[headBytes.length + jsonBody.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(jsonBody, 0, request, headBytes.length, jsonBody.length);
        }
        out.write(request);
        out.flush();
        return readResponse();
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        byte[] body = chunked ? readChunked() : length >= 0 ? in.readNBytes((int) length) : new byte[0];
        if (!chunked && length >= 0 && body.length != length) {
            throw new EOFException("the connection closed in the middle of a response");
        }
        return new Response(status, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailer fields are not used
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("the connection closed in the middle of a chunk");
            }
            body.write(chunk);
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
