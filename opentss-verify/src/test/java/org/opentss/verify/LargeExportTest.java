package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 20 000-log export (10 000 transactions, signed with the golden key), verified in a separate JVM
 * whose heap (24 MiB) is smaller than the archive (20 MiB plus what reading it would cost): the
 * verifier must stream. The archive is written to disk entry by entry, never held in memory.
 */
class LargeExportTest {

    static final int TRANSACTIONS = Integer.getInteger("opentss.largeExport.transactions", 10_000);
    static final String HEAP = System.getProperty("opentss.largeExport.heap", "24m");

    @TempDir
    Path dir;

    @Test
    void twentyThousandLogsVerifyInASmallHeap() throws Exception {
        Path archive = dir.resolve("large.tar");
        Path anchor = Files.write(dir.resolve("root.der"), TestPki.GOLDEN.root);
        write(archive, TRANSACTIONS);
        assertThat(Files.size(archive)).isGreaterThan(TRANSACTIONS * 2L * 1024);

        Process process = new ProcessBuilder(javaBinary(), "-Xmx" + HEAP, "-cp", classPath(),
                LargeExportMain.class.getName(), archive.toString(), anchor.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("TAR export: " + 2 * TRANSACTIONS + " logs (signature counters 1–"
                + 2 * TRANSACTIONS + ")")
                .contains(TRANSACTIONS + " transactions (" + TRANSACTIONS + " started, " + TRANSACTIONS + " finished)")
                .contains("VALID: 0 errors, 0 warnings (exit code 0)");
    }

    /** Streams the archive to disk: info.csv, the chain, then Start and Finish of each transaction. */
    static void write(Path archive, int transactions) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16)) {
            TestTar tar = new TestTar(out);
            TestExport head = TestExport.transactions(0);
            head.items.forEach(item -> tar.file(item.name(), item.data()));
            long counter = 1;
            long time = 1767258000L;
            for (long t = 1; t <= transactions; t++) {
                tar.file(TestExport.transactionLogName("Start", "KASSE-01", t, counter, time),
                        TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "StartTransaction", "KASSE-01", "", "", t,
                                counter++, time));
                time += t % 3 == 0 ? 1 : 0;
                tar.file(TestExport.transactionLogName("Finish", "KASSE-01", t, counter, time),
                        TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "FinishTransaction", "KASSE-01",
                                "Kassenbeleg-V1", "Beleg^" + (t % 100 + 1) + ".00_0.00_0.00_0.00_0.00^" + (t % 100 + 1) + ".00:Bar",
                                t, counter++, time));
            }
            tar.finish();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Test classes, main classes and bcprov: all the verifier and this test's main class need. */
    private static String classPath() throws Exception {
        List<Class<?>> anchors = List.of(LargeExportMain.class, ExportVerifier.class, ECDSASigner.class);
        StringBuilder path = new StringBuilder();
        for (Class<?> c : anchors) {
            path.append(path.isEmpty() ? "" : File.pathSeparator)
                    .append(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return path.toString();
    }
}
