package org.opentss.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One POS client of the load generator: a keep-alive HTTP/1.1 connection on which it sells back to back,
 * a sale being {@code PUT …/tx/{id}?tx_revision=1} (ACTIVE) and then {@code ?tx_revision=2} (FINISHED with
 * a receipt). Both requests are built once; a new sale only writes a new transaction id into them, so a
 * request allocates nothing. Non-blocking, for {@link SigningLoad}'s single event-loop thread.
 */
final class SaleConnection {

    private static final String RECEIPT_SCHEMA = "\"schema\":{\"standard_v1\":{\"receipt\":{\"receipt_type\":"
            + "\"RECEIPT\",\"amounts_per_vat_rate\":[{\"vat_rate\":\"NORMAL\",\"amount\":\"21.42\"}],"
            + "\"amounts_per_payment_type\":[{\"payment_type\":\"CASH\",\"amount\":\"21.42\"}]}}}";
    private static final String TX_ID_PLACEHOLDER = "00000000-0000-0000-0000-000000000000";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress server;
    private final byte[] start;
    private final byte[] finish;
    private final int startIdAt;
    private final int finishIdAt;
    private final HttpResponseReader response = new HttpResponseReader();
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer unsent;
    private boolean finishing;
    private long sentAt;

    SaleConnection(InetSocketAddress server, String apiPath, SigningLoad.Worker worker) {
        this.server = server;
        String host = server.getHostString() + ":" + server.getPort();
        String path = apiPath + "/tss/" + worker.tssId() + "/tx/" + TX_ID_PLACEHOLDER;
        this.start = request(host, path + "?tx_revision=1", worker.accessToken(),
                "{\"state\":\"ACTIVE\",\"client_id\":\"" + worker.clientId() + "\"}");
        this.finish = request(host, path + "?tx_revision=2", worker.accessToken(),
                "{\"state\":\"FINISHED\",\"client_id\":\"" + worker.clientId() + "\"," + RECEIPT_SCHEMA + "}");
        this.startIdAt = indexOfPlaceholder(start);
        this.finishIdAt = indexOfPlaceholder(finish);
    }

    /** @param jsonBody ASCII only, so that its length in characters is its Content-Length */
    private static byte[] request(String host, String path, String token, String jsonBody) {
        return ("PUT " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                + jsonBody.length() + "\r\n\r\n" + jsonBody).getBytes(StandardCharsets.US_ASCII);
    }

    private static int indexOfPlaceholder(byte[] request) {
        int at = new String(request, StandardCharsets.US_ASCII).indexOf(TX_ID_PLACEHOLDER);
        if (at < 0) {
            throw new IllegalStateException("no transaction id in the request");
        }
        return at;
    }

    /** Connects (blocking, on loopback a fraction of a millisecond) and registers with the event loop. */
    void connect(Selector selector) throws IOException {
        channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(server);
            channel.configureBlocking(false);
            key = channel.register(selector, SelectionKey.OP_READ, this);
        } catch (IOException e) {
            close();
            throw e;
        }
        response.clear();
        finishing = false;
        unsent = null;
    }

    /** Starts a new sale: its ACTIVE request, with a new random transaction id. */
    void sendStart() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48); // the IETF variant
        writeUuid(high, low, start, startIdAt);
        writeUuid(high, low, finish, finishIdAt);
        finishing = false;
        send(start);
    }

    /** Finishes the sale that {@link #sendStart} began. */
    void sendFinish() throws IOException {
        finishing = true;
        send(finish);
    }

    private void send(byte[] request) throws IOException {
        response.next();
        sentAt = System.nanoTime();
        unsent = ByteBuffer.wrap(request);
        writeUnsent();
    }

    /** Writes what the socket took no room for before; called when the socket has room again. */
    void writeUnsent() throws IOException {
        channel.write(unsent);
        key.interestOps(unsent.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** @return whether the response to the request in flight is complete now */
    boolean readResponse() throws IOException {
        return response.readFrom(channel);
    }

    int status() {
        return response.status();
    }

    String responseText() throws IOException {
        return response.bodyText();
    }

    /** Whether the response that just completed answered the sale's FINISHED request. */
    boolean finishing() {
        return finishing;
    }

    /** When the request in flight (or last answered) was sent, by {@link System#nanoTime}. */
    long sentAt() {
        return sentAt;
    }

    /**
     * Whether the connection is open. Between two events of the loop, an open connection has a request in
     * flight: an answer is followed by the next request or by closing.
     */
    boolean isOpen() {
        return channel != null;
    }

    void close() {
        if (channel != null) {
            try {
                channel.close(); // cancels the key
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
            channel = null;
        }
    }

    private static void writeUuid(long high, long low, byte[] into, int at) {
        writeHex(high >>> 32, 8, into, at);
        into[at + 8] = '-';
        writeHex(high >>> 16, 4, into, at + 9);
        into[at + 13] = '-';
        writeHex(high, 4, into, at + 14);
        into[at + 18] = '-';
        writeHex(low >>> 48, 4, into, at + 19);
        into[at + 23] = '-';
        writeHex(low, 12, into, at + 24);
    }

    /** Writes the lowest {@code digits} hex digits of {@code value}. */
    private static void writeHex(long value, int digits, byte[] into, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            into[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
