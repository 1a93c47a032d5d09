package org.opentss.export;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.opentss.config.TssSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs export jobs in the background of a server node, one at a time, never holding a lock that signing
 * needs. A job is taken with a lease in the database: a node that stops gives it back, and the job of a
 * node that died is taken over when its lease runs out (on SQLite, the only node takes it up at its
 * restart); either way it is rebuilt from its recorded high-water mark and time_start, so the archive
 * comes out the same. Building means writing the whole archive once into a
 * digest, which proves it can be built and records its size and SHA-256.
 */
public final class ExportWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportWorker.class);
    /** Renewed with every progress record while a job runs; a job whose node died is taken over once it ran out. */
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** How often a running job records its progress: often enough for a progress bar, rarely enough to cost nothing. */
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofSeconds(2);

    /** Thrown inside a build to stop it: the job was cancelled or taken over. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    private final ExportRepository exports;
    private final ExportFiles files;
    private final TssSettings settings;
    private final Clock clock;
    private final boolean onlyNode;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    /**
     * @param onlyNode no other node can use this database (SQLite): a job left WORKING belongs to a
     *     previous run of this process and is taken up again at once
     */
    public ExportWorker(ExportRepository exports, ExportFiles files, TssSettings settings, Clock clock,
            boolean onlyNode) {
        this.exports = exports;
        this.files = files;
        this.settings = settings;
        this.clock = clock;
        this.onlyNode = onlyNode;
    }

    public synchronized void start() {
        if (onlyNode) {
            exports.releaseAllLeases();
        }
        running = true;
        thread = Thread.ofVirtual().name("opentss-export-worker").start(this::loop);
    }

    /** Lets the worker look for work now instead of at its next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void loop() {
        while (running) {
            try {
                failOverdueJobs();
                for (String id : exports.claimable(now(), 10)) {
                    if (!running) {
                        return;
                    }
                    process(id);
                }
                wakeUps.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("export worker failed; retrying", e);
            }
        }
    }

    private void failOverdueJobs() {
        for (String id : exports.overdue(now() - settings.exportTimeout().toSeconds())) {
            if (exports.fail(id, "E_EXPORT_PROCESSING_TIMEOUT", now())) {
                LOG.warn("export {} did not complete within {} and ends in ERROR", id, settings.exportTimeout());
            }
        }
    }

    private void process(String id) {
        if (!exports.claim(id, now(), now() + LEASE.toSeconds())) {
            return; // another node took it
        }
        ExportJob job = exports.find(id).orElseThrow();
        long started = System.nanoTime();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            CountingOutputStream counted = new CountingOutputStream();
            long[] lastProgress = {System.nanoTime()};
            long logs;
            try (DigestOutputStream out = new DigestOutputStream(counted, sha256)) {
                logs = files.write(job, out, count -> {
                    if (count > job.parameters().maximumNumberRecords()) {
                        throw new TooManyRecords();
                    }
                    if (!running) {
                        throw new Abandoned();
                    }
                    if (System.nanoTime() - lastProgress[0] > PROGRESS_INTERVAL.toNanos()) {
                        lastProgress[0] = System.nanoTime();
                        if (!exports.recordProgress(id, count, now() + LEASE.toSeconds())) {
                            throw new Abandoned();
                        }
                    }
                });
            }
            long end = now();
            if (exports.complete(id, logs, counted.count(), HexFormat.of().formatHex(sha256.digest()), end,
                    end + settings.exportRetention().toSeconds())) {
                LOG.info("export {} completed: {} log messages, {} bytes in {} ms", id, logs, counted.count(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (TooManyRecords e) {
            exports.fail(id, "E_TOO_MANY_RECORDS", now());
        } catch (Abandoned e) {
            // stopping: let the next node (or this one after its restart) take the job over at once
            exports.releaseLease(id);
            LOG.info("export {} was cancelled, taken over or interrupted by a shutdown", id);
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            LOG.error("export {} failed", id, e);
            exports.fail(id, "E_INTERNAL", now());
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * Stops after the current job reaches its next log message (it then gives its lease back); only a
     * worker that does not stop in time is interrupted.
     */
    @Override
    public synchronized void close() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(STOP_WAIT.toMillis());
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(STOP_WAIT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** More logs selected than the export's maximum_number_records. */
    private static final class TooManyRecords extends RuntimeException {
        TooManyRecords() {
            super(null, null, false, false);
        }
    }

    /** Counts what is written and throws it away. */
    private static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        long count() {
            return count;
        }
    }
}
