package org.opentss.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The end-to-end load: each worker is one POS client that signs sales back to back over its own
 * keep-alive connection, a sale being {@code PUT …/tx/{id}?tx_revision=1} (ACTIVE, signs the Start log)
 * then {@code ?tx_revision=2} (FINISHED with a receipt, signs the Finish log). Only requests that end
 * inside the measuring window count; at the end every worker finishes the sale it is in, so that no
 * transaction is left open.
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

    private static final byte[] RECEIPT_SCHEMA = (",\"schema\":{\"standard_v1\":{\"receipt\":{\"receipt_type\":"
            + "\"RECEIPT\",\"amounts_per_vat_rate\":[{\"vat_rate\":\"NORMAL\",\"amount\":\"21.42\"}],"
            + "\"amounts_per_payment_type\":[{\"payment_type\":\"CASH\",\"amount\":\"21.42\"}]}}}")
            .getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_ERROR_SAMPLES = 5;
    private static final Duration WARM_UP_CHECKPOINT_EVERY = Duration.ofSeconds(1);

    private final URI apiBase;
    private final List<Worker> workers;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile boolean stopping;
    private final AtomicLong errors = new AtomicLong();
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());

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
        List<Latencies> latencies = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Worker worker : workers) {
            Latencies mine = new Latencies();
            long[] transactions = new long[1];
            latencies.add(mine);
            counts.add(transactions);
            threads.add(Thread.ofVirtual().name("bench-" + threads.size()).start(() -> work(worker, mine, transactions)));
        }
        Duration warmedUp = warmUp(warmup, compilerCpuMillis, duringWarmUp);
        atStart.reached();
        windowStart = System.nanoTime();
        Thread.sleep(duration);
        windowEnd = System.nanoTime();
        atEnd.reached();
        stopping = true;
        for (Thread thread : threads) {
            thread.join();
        }
        long transactions = counts.stream().mapToLong(c -> c[0]).sum();
        Latencies all = Latencies.merge(latencies);
        return new Outcome(transactions, all.count(), errors.get(), List.copyOf(errorSamples), all,
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

    private void work(Worker worker, Latencies latencies, long[] transactions) {
        String txBase = apiBase.getRawPath() + "/tss/" + worker.tssId() + "/tx/";
        byte[] active = ("{\"state\":\"ACTIVE\",\"client_id\":\"" + worker.clientId() + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] finishedHead = ("{\"state\":\"FINISHED\",\"client_id\":\"" + worker.clientId() + "\"")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] finished = new byte[finishedHead.length + RECEIPT_SCHEMA.length + 1];
        System.arraycopy(finishedHead, 0, finished, 0, finishedHead.length);
        System.arraycopy(RECEIPT_SCHEMA, 0, finished, finishedHead.length, RECEIPT_SCHEMA.length);
        finished[finished.length - 1] = '}';
        KeepAliveConnection connection = null;
        while (!stopping) {
            try {
                if (connection == null) {
                    connection = new KeepAliveConnection(apiBase);
                }
                String tx = txBase + UUID.randomUUID();
                if (request(connection, worker, tx + "?tx_revision=1", active, latencies)
                        && request(connection, worker, tx + "?tx_revision=2", finished, latencies)
                        && inWindow(System.nanoTime())) {
                    transactions[0]++;
                }
            } catch (IOException e) {
                failed("connection: " + e.getMessage());
                closeQuietly(connection);
                connection = null;
            }
        }
        closeQuietly(connection);
    }

    /** One signing request; false (and counted as an error) unless the server answered 200. */
    private boolean request(KeepAliveConnection connection, Worker worker, String path, byte[] body,
            Latencies latencies) throws IOException {
        long started = System.nanoTime();
        KeepAliveConnection.Response response = connection.send("PUT", path, worker.accessToken(), body);
        long ended = System.nanoTime();
        boolean counted = started >= windowStart && inWindow(ended);
        if (counted) {
            latencies.record(ended - started);
        }
        if (response.status() != 200) {
            failed("HTTP " + response.status() + " " + response.text());
            return false;
        }
        return true;
    }

    private boolean inWindow(long nanos) {
        return nanos >= windowStart && nanos <= windowEnd;
    }

    private void failed(String what) {
        errors.incrementAndGet();
        if (errorSamples.size() < MAX_ERROR_SAMPLES) {
            errorSamples.add(what.length() > 300 ? what.substring(0, 300) + "…" : what);
        }
    }

    private static void closeQuietly(KeepAliveConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
        }
    }
}
