package org.opentss.journal;

import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.opentss.crypto.SigningKey;

/**
 * A log message whose counter and content are fixed, from signing to its row: the signature is made on
 * the caller's thread or on a virtual thread of its own ({@link ParallelSigning}), and written into the
 * {@link SignedLog}'s signature array.
 */
final class PendingLog {

    private static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.ECDSA_PLAIN_SHA256;

    private final String tssId;
    private final CertifiedData data;
    private final LoggedRevision revision;
    private final SignedLog log;
    private final FutureTask<byte[]> message;

    /** @param revision null unless the transaction API wrote the log */
    PendingLog(String tssId, CertifiedData data, LoggedRevision revision, SignedLog log, byte[] serialNumber,
            SigningKey key, Timer signDuration) {
        this.tssId = tssId;
        this.data = data;
        this.revision = revision;
        this.log = log;
        this.message = new FutureTask<>(() -> {
            long started = System.nanoTime();
            byte[] dtbs = LogMessageEncoder.dataToBeSigned(data, serialNumber, ALGORITHM, log.signatureCounter(),
                    log.logTime());
            byte[] signature = key.sign(ALGORITHM.jcaName(), dtbs);
            System.arraycopy(signature, 0, log.signature(), 0, signature.length);
            signDuration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return LogMessageEncoder.logMessage(dtbs, signature);
        });
    }

    /** The signature array every log of the algorithm fills completely. */
    static byte[] emptySignature() {
        return new byte[ALGORITHM.signatureLength()];
    }

    /** Signs on this thread. */
    void sign() {
        message.run();
    }

    /** Signs on a new virtual thread: the scheduler spreads them over every core. */
    void signInBackground() {
        Thread.ofVirtual().name("opentss-sign-", log.signatureCounter()).start(message);
    }

    /**
     * The DER log message, once signed; a failed signature fails the transaction that allocated it. A
     * signature whose virtual thread has not started yet is made on this thread: the group that waits for
     * it holds the lock that every other group waits for, and busy cores may not run that thread soon.
     */
    byte[] message() {
        message.run(); // does nothing if the signature is being made or done
        try {
            return message.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a signature", e);
        }
    }

    String tssId() {
        return tssId;
    }

    CertifiedData data() {
        return data;
    }

    Optional<LoggedRevision> revision() {
        return Optional.ofNullable(revision);
    }

    SignedLog log() {
        return log;
    }
}
