package org.opentss.verify;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Verifies one TAR export file and prints the report summary, the verdict and the throughput;
 * run by {@link LargeExportTest} in a JVM with a small heap. Arguments: the archive, the trust anchor (DER).
 */
public final class LargeExportMain {

    private LargeExportMain() {
    }

    public static void main(String[] args) throws Exception {
        ExportVerifierOptions options = ExportVerifierOptions.defaults().withExpectContiguous(true)
                .withExpectFirstCounter(1).withTrustAnchor(Files.readAllBytes(Path.of(args[1])));
        long start = System.nanoTime();
        ExportVerificationResult result = ExportVerifier.verify(Path.of(args[0]), options);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(result.summary());
        result.findings().stream().limit(20).forEach(System.out::println);
        System.out.println(result.verdict());
        System.out.printf("logs=%d bytes=%d seconds=%.2f logsPerSecond=%.0f maxHeapMiB=%d%n", result.logCount(),
                result.bytesRead(), seconds, result.logCount() / seconds,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024));
        System.exit(result.exitCode());
    }
}
