package org.opentss.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.opentss.crypto.EcCurve;
import org.opentss.crypto.KeyCustody;
import org.opentss.crypto.SigningKey;
import org.opentss.journal.SignatureAlgorithm;

/**
 * The physical limit: ECDSA P-256 signatures per second on every core of this JVM, with a key opened
 * by the custody the server uses and signed the way the journal signs (one JCA {@code Signature} per
 * log message), over data the size of a transaction log's data to be signed.
 */
final class RawSigning {

    private static final int DATA_TO_BE_SIGNED_BYTES = 300;

    private RawSigning() {
    }

    /** Signs on {@code threads} platform threads for {@code warmup} (not counted), then for {@code duration}. */
    static double signaturesPerSecond(KeyCustody custody, int threads, Duration warmup, Duration duration)
            throws InterruptedException {
        KeyCustody.CustodyKey created = custody.generate("bench:raw-signing", EcCurve.P256);
        SigningKey key = custody.open("bench:raw-signing", created.handle());
        byte[] data = new byte[DATA_TO_BE_SIGNED_BYTES];
        String algorithm = SignatureAlgorithm.ECDSA_PLAIN_SHA256.jcaName();
        AtomicLong counted = new AtomicLong();
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long end = warmupEnd + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().name("raw-signing-" + i).start(() -> {
                long mine = 0;
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    key.sign(algorithm, data);
                    if (now >= warmupEnd) {
                        mine++;
                    }
                }
                counted.addAndGet(mine);
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return counted.get() / (duration.toNanos() / 1e9);
    }
}
