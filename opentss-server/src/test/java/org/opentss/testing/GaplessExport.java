package org.opentss.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.opentss.export.TarEntries;
import org.opentss.verify.ExportVerificationResult;
import org.opentss.verify.ExportVerifierOptions;
import org.opentss.verify.LogMessage;
import org.opentss.verify.Profile;
import org.opentss.verify.Verifier;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN.md invariant 1 read from the outside: a full export of a TSS, checked with the independent
 * verifier (pinned root certificate, counters contiguous from 1) and then log by log — each signature
 * counter 1..N in exactly one log, each transaction number 1..M in exactly one StartTransaction log, N
 * and M equal to the TSS's {@code signature_counter} and {@code transaction_counter}.
 */
public final class GaplessExport {

    /**
     * What a checked export held.
     *
     * @param operationTypes the operation type of every log, in signature counter order
     */
    public record Summary(long logs, long transactions, long finished, List<String> operationTypes) {
    }

    private GaplessExport() {
    }

    /**
     * @param archive a full export (no filter) taken after the TSS's last signature
     * @param tss the TSS resource as read after the export
     */
    public static Summary check(byte[] archive, byte[] rootCertificate, JsonNode tss) {
        String tssId = tss.get("_id").asString();
        long signatureCounter = Long.parseLong(tss.get("signature_counter").asString());
        long transactionCounter = Long.parseLong(tss.get("transaction_counter").asString());
        return check(archive, rootCertificate, tssId, signatureCounter, transactionCounter);
    }

    /**
     * Checks an export taken while the TSS was still signing: its logs must run gaplessly from 1 to its
     * high-water mark, and its transaction numbers from 1 to the highest one in it.
     */
    public static Summary checkSnapshot(byte[] archive, byte[] rootCertificate, String tssId) {
        return check(archive, rootCertificate, tssId, -1, -1);
    }

    /** Checks an export whose high-water mark is {@code signatureCounter}, with that many transactions started. */
    private static Summary check(byte[] archive, byte[] rootCertificate, String tssId, long signatureCounter,
            long transactionCounter) {
        ExportVerificationResult result = Verifier.verifyExport(new ByteArrayInputStream(archive),
                ExportVerifierOptions.defaults().withTrustAnchor(rootCertificate).withExpectContiguous(true)
                        .withExpectFirstCounter(1));
        assertThat(result.findings()).as("export of %s: %s", tssId, result.report()).isEmpty();
        if (signatureCounter < 0) {
            signatureCounter = result.lastCounter().orElse(0);
            transactionCounter = result.startedCount();
        }
        assertThat(result.logCount()).as("logs in the export of %s", tssId).isEqualTo(signatureCounter);

        List<TarEntries.Entry> files = TarEntries.read(archive).stream().filter(e -> e.typeflag() != 'x').toList();
        List<String> names = TarEntries.fileNames(TarEntries.read(archive));
        List<Long> counters = new ArrayList<>();
        TreeMap<Long, String> operationTypes = new TreeMap<>();
        List<Long> started = new ArrayList<>();
        Set<Long> finished = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            if (!names.get(i).endsWith(".log")) {
                continue;
            }
            LogMessage log = Verifier.parseLog(files.get(i).content(), Profile.OPENTSS).log().orElseThrow();
            counters.add(log.signatureCounter());
            operationTypes.put(log.signatureCounter(), log.operationType());
            switch (log.operationType()) {
                case "StartTransaction" -> started.add(log.transactionNumber());
                case "FinishTransaction" -> assertThat(finished.add(log.transactionNumber()))
                        .as("transaction %d of %s finished once", log.transactionNumber(), tssId).isTrue();
                default -> {
                }
            }
        }
        assertThat(counters).as("signature counters of %s", tssId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, signatureCounter).boxed().toList());
        assertThat(started).as("transaction numbers of the Start logs of %s", tssId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, transactionCounter).boxed().toList());
        assertThat(result.startedCount()).isEqualTo(transactionCounter);
        assertThat(finished).as("finished transactions of %s were started", tssId)
                .isSubsetOf(started.stream().collect(Collectors.toSet()));
        return new Summary(counters.size(), started.size(), finished.size(), List.copyOf(operationTypes.values()));
    }
}
