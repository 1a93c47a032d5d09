package org.opentss.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The end-to-end load: each worker is one POS client that signs sales back to back over its own
 * keep-alive connection ({@link SaleConnection}), a sale being {@code PUT …/tx/{id}?tx_revision=1} (ACTIVE,
 * signs the Start log) then {@code ?tx_revision=2} (FINISHED with a receipt, signs the Finish log). One
 * thread drives every connection. Only requests that end inside the measuring window count; at the end
 * every worker finishes the sale it is in, so that no transaction is left open.
 */
final class SigningLoad {

    /** What one worker signs with: its TSS, its client and its access token. */
    record Worker(String tssId, String clientId, String accessToken) {
    }

    /** What the measuring window saw, and how long the warm-up before it took. */
    record Outcome(long transactions, long requests, long errors, List<String> errorSamples, Latencies latencies,
            double seconds, Duration warmedUp) {
    }

    /** Called during the warm-up and at the start and the end of the measuring window (to read the TSS counters). */
    interface Checkpoint {
        void reached() throws IOException;
    }

    private static final int MAX_ERROR_SAMPLES = 5;
    private static final Duration WARM_UP_CHECKPOINT_EVERY = Duration.ofSeconds(1);
    /** How long a request may go unanswered before it counts as an error. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How often the event loop looks for timed-out requests and reconnects dropped connections. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** How long the event loop waits for a socket at most, so that it notices the end of the run. */
    private static final Duration SELECT_WAIT = Duration.ofMillis(100);

    private final URI apiBase;
    private final List<Worker> workers;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile boolean stopping;
    // written by the event loop only; read once it has ended (Thread.join orders the reads after the writes)
    private final Latencies latencies = new Latencies();
    private long transactions;
    private long errors;
    private final List<String> errorSamples = new ArrayList<>();

    SigningLoad(URI apiBase, List<Worker> workers) {
        this.apiBase = apiBase;
        this.workers = workers;
    }

    /**
     * @param compilerCpuMillis the server's JIT compiler CPU so far, for {@link WarmUp.UntilCompiled}
     * @param duringWarmUp called once a second while warming up, so that what {@code atStart} asks of the
     *         server is no news to its JIT: the first counter reads after a warm-up of signing requests alone
     *         deoptimised the request path and had the compiler busy again in the measuring window
     */
    Outcome run(WarmUp warmup, LongSupplier compilerCpuMillis, Duration duration, Checkpoint duringWarmUp,
            Checkpoint atStart, Checkpoint atEnd) throws IOException, InterruptedException {
        List<SaleConnection> connections = new ArrayList<>();
        InetSocketAddress server = new InetSocketAddress(apiBase.getHost(), apiBase.getPort());
        for (Worker worker : workers) {
            connections.add(new SaleConnection(server, apiBase.getRawPath(), worker));
        }
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        Thread loop = Thread.ofPlatform().name("bench-load").daemon().start(() -> {
            try {
                sell(connections);
            } catch (IOException | RuntimeException e) {
                crashed.set(e);
            }
        });
        Duration warmedUp;
        try {
            warmedUp = warmUp(warmup, compilerCpuMillis, duringWarmUp);
            atStart.reached();
            windowStart = System.nanoTime();
            Thread.sleep(duration);
            windowEnd = System.nanoTime();
            atEnd.reached();
        } finally {
            stopping = true; // the clients finish their sales and stop, also when the run failed
        }
        loop.join();
        if (crashed.get() != null) {
            throw new IOException("the load generator failed: " + crashed.get(), crashed.get());
        }
        latencies.sort();
        return new Outcome(transactions, latencies.count(), errors, List.copyOf(errorSamples), latencies,
                (windowEnd - windowStart) / 1e9, warmedUp);
    }

    /** Awaits the warm-up while a virtual thread passes {@code checkpoint} once a second, until it ends. */
    private static Duration warmUp(WarmUp warmup, LongSupplier compilerCpuMillis, Checkpoint checkpoint)
            throws IOException, InterruptedException {
        AtomicBoolean warming = new AtomicBoolean(true);
        AtomicReference<IOException> failure = new AtomicReference<>();
        // no interrupt to stop it: interrupting a virtual thread in a socket read closes the socket
        Thread checkpoints = Thread.ofVirtual().name("bench-warm-up-checkpoints").start(() -> {
            try {
                while (warming.get()) {
                    Thread.sleep(WARM_UP_CHECKPOINT_EVERY);
                    if (warming.get()) {
                        checkpoint.reached();
                    }
                }
            } catch (IOException e) {
                failure.set(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Duration warmedUp;
        try {
            warmedUp = warmup.await(compilerCpuMillis);
        } finally {
            warming.set(false);
            checkpoints.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return warmedUp;
    }

    /**
     * The event loop: every connection's responses are read and its next request sent on this one thread,
     * as they come. A thread per client would add a hand-over between threads to every request, on the
     * same two cores as the server; see docs/performance.md.
     */
    private void sell(List<SaleConnection> connections) throws IOException {
        try (Selector selector = Selector.open()) {
            for (SaleConnection connection : connections) {
                startSelling(connection, selector);
            }
            long nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
            // an open connection always has a request in flight: it closes once its last sale is finished
            while (!stopping || connections.stream().anyMatch(SaleConnection::isOpen)) {
                selector.select(SELECT_WAIT.toMillis());
                for (SelectionKey key : selector.selectedKeys()) {
                    serve((SaleConnection) key.attachment(), key);
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - nextCheck > 0) {
                    dropTimedOut(connections);
                    if (!stopping) {
                        reconnectDropped(connections, selector);
                    }
                    nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
                }
            }
        }
    }

    /** Takes the connection's response, if complete, and sends its next request, or closes it at the end. */
    private void serve(SaleConnection connection, SelectionKey key) {
        try {
            if (key.isValid() && key.isWritable()) {
                connection.writeUnsent();
            }
            if (!key.isValid() || !key.isReadable() || !connection.readResponse()) {
                return;
            }
            long ended = System.nanoTime();
            if (connection.sentAt() >= windowStart && inWindow(ended)) {
                latencies.record(ended - connection.sentAt());
            }
            if (connection.status() != 200) {
                failed("HTTP " + connection.status() + " " + connection.responseText());
            } else if (!connection.finishing()) {
                connection.sendFinish(); // at the end too: no sale is left open
                return;
            } else if (inWindow(ended)) {
                transactions++;
            }
            if (stopping) {
                connection.close();
            } else {
                connection.sendStart();
            }
        } catch (IOException e) {
            dropped(connection, e);
        }
    }

    private void startSelling(SaleConnection connection, Selector selector) {
        try {
            connection.connect(selector);
            connection.sendStart();
        } catch (IOException e) {
            dropped(connection, e);
        }
    }

    private void dropped(SaleConnection connection, IOException failure) {
        failed("connection: " + failure.getMessage());
        connection.close();
    }

    /** Connections that failed start again once a second, each with a new connection and a new sale. */
    private void reconnectDropped(List<SaleConnection> connections, Selector selector) {
        for (SaleConnection connection : connections) {
            if (!connection.isOpen()) {
                startSelling(connection, selector);
            }
        }
    }

    /** A request unanswered for {@link #TIMEOUT} is an error, and its connection is dropped. */
    private void dropTimedOut(List<SaleConnection> connections) {
        long now = System.nanoTime();
        for (SaleConnection connection : connections) {
            if (connection.isOpen() && now - connection.sentAt() > TIMEOUT.toNanos()) {
                failed("no response within " + TIMEOUT.toSeconds() + " s");
                connection.close();
            }
        }
    }

    private boolean inWindow(long nanos) {
        return nanos >= windowStart && nanos <= windowEnd;
    }

    private void failed(String what) {
        errors++;
        if (errorSamples.size() < MAX_ERROR_SAMPLES) {
            errorSamples.add(what.length() > 300 ? what.substring(0, 300) + "…" : what);
        }
    }
}
