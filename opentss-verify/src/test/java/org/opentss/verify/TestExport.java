package org.opentss.verify;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * The entries of a test export, in order, which a test may change before packing them with
 * {@link TestTar}: the golden export is info.csv, the {@link TestPki#GOLDEN} chain leaf → CA → root and
 * the thirteen golden logs of tse-formats.md §12.5.
 */
final class TestExport {

    static final String INFO = "\"description:\",\"OpenTSS (6b0d1a7e-2f4c-4c59-9a1e-3b8f5d2c7e10)\","
            + "\"manufacturer:\",\"OpenTSS\",\"version:\",\"1.0.0\"";
    static final String FISKALY_INFO = "\"description:\",\"\",\"manufacturer:\",\"fiskaly GmbH\","
            + "\"version:\",\"fiskaly sign cloud-TSE v1.0.5-1.2.0\"";

    record Item(String name, byte[] data) {
    }

    final List<Item> items = new ArrayList<>();

    static TestExport golden() {
        TestExport export = new TestExport();
        export.add("info.csv", INFO.getBytes(StandardCharsets.US_ASCII));
        for (byte[] certificate : List.of(TestPki.GOLDEN.leaf, TestPki.GOLDEN.issuingCa, TestPki.GOLDEN.root)) {
            export.add(TestPki.fileName(certificate), certificate);
        }
        for (TestVectors.GoldenLog log : TestVectors.GOLDEN) {
            export.add(log.fileName(), log.bytes());
        }
        return export;
    }

    static String goldenName(int counter) {
        return TestVectors.GOLDEN.get(counter - 1).fileName();
    }

    TestExport add(String name, byte[] data) {
        items.add(new Item(name, data));
        return this;
    }

    TestExport remove(Predicate<String> name) {
        if (!items.removeIf(item -> name.test(item.name()))) {
            throw new IllegalArgumentException("nothing removed");
        }
        return this;
    }

    TestExport remove(String name) {
        return remove(name::equals);
    }

    TestExport rename(String from, String to) {
        items.replaceAll(item -> item.name().equals(from) ? new Item(to, item.data()) : item);
        return this;
    }

    TestExport replace(String name, byte[] data) {
        items.replaceAll(item -> item.name().equals(name) ? new Item(name, data) : item);
        return this;
    }

    TestExport insertAfter(String name, String newName, byte[] data) {
        int index = indexOf(name);
        items.add(index + 1, new Item(newName, data));
        return this;
    }

    byte[] data(String name) {
        return items.get(indexOf(name)).data();
    }

    private int indexOf(String name) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no entry " + name);
    }

    byte[] tar() {
        return TestTar.build(tar -> items.forEach(item -> tar.file(item.name(), item.data())));
    }

    ExportVerificationResult verify(ExportVerifierOptions options) {
        return ExportVerifier.verify(new ByteArrayInputStream(tar()), options);
    }

    /** Pinned to the test root, so that a correct export has no finding at all. */
    ExportVerificationResult verify() {
        return verify(pinned());
    }

    static ExportVerifierOptions pinned() {
        return ExportVerifierOptions.defaults().withTrustAnchor(TestPki.GOLDEN.root);
    }

    // ------------------------------------------------------------ generated transaction logs

    private static final byte[] TRANSACTION_OID = HexFormat.of().parseHex("04007F000703070101");
    private static final byte[] ECDSA_PLAIN_SHA256 = HexFormat.of().parseHex("04007F00070101040103");

    /** A transaction log as OpenTSS writes it (§1.5), signed with {@code signer} (P-256, SHA-256). */
    static byte[] transactionLog(TestSigner signer, String operation, String clientId, String processType,
            String processData, long transactionNumber, long counter, long logTime) {
        byte[] serial = HashFunction.SHA_256.hash(signer.publicPoint());
        byte[] dtbs = TestDer.concat(
                TestDer.integer(0x02, 2),
                TestDer.tlv(0x06, TRANSACTION_OID),
                TestDer.tlv(0x80, operation),
                TestDer.tlv(0x81, clientId),
                TestDer.tlv(0x82, processData.getBytes(StandardCharsets.UTF_8)),
                TestDer.tlv(0x83, processType),
                TestDer.tlv(0x85, BigInteger.valueOf(transactionNumber).toByteArray()),
                TestDer.tlv(0x04, serial),
                TestDer.sequence(TestDer.tlv(0x06, ECDSA_PLAIN_SHA256)),
                TestDer.integer(0x02, counter),
                TestDer.integer(0x02, logTime));
        byte[] signature = signer.sign(HashFunction.SHA_256, dtbs);
        return TestDer.tlv(0x30, TestDer.concat(dtbs, TestDer.tlv(0x04, signature)));
    }

    static String transactionLogName(String phase, String clientId, long transactionNumber, long counter, long logTime) {
        return "Unixt_" + logTime + "_Sig-" + counter + "_Log-Tra_No-" + transactionNumber + "_" + phase + "_Client-"
                + clientId + ".log";
    }

    static final TestSigner GOLDEN_SIGNER = new TestSigner(EcCurve.P_256, TestSigner.GOLDEN_PRIVATE_KEY);

    /**
     * Transactions {@code 1 … count}, each a Start and a Finish log, counters from 1, with the golden key.
     */
    static TestExport transactions(int count) {
        TestExport export = new TestExport();
        export.add("info.csv", INFO.getBytes(StandardCharsets.US_ASCII));
        for (byte[] certificate : List.of(TestPki.GOLDEN.leaf, TestPki.GOLDEN.issuingCa, TestPki.GOLDEN.root)) {
            export.add(TestPki.fileName(certificate), certificate);
        }
        long counter = 1;
        long time = 1767258000L;
        for (long t = 1; t <= count; t++) {
            export.add(transactionLogName("Start", "KASSE-01", t, counter, time),
                    transactionLog(GOLDEN_SIGNER, "StartTransaction", "KASSE-01", "", "", t, counter++, time));
            time += 5;
            export.add(transactionLogName("Finish", "KASSE-01", t, counter, time),
                    transactionLog(GOLDEN_SIGNER, "FinishTransaction", "KASSE-01", "Kassenbeleg-V1",
                            "Beleg^4.20_0.00_0.00_0.00_0.00^4.20:Unbar", t, counter++, time));
            time += 5;
        }
        return export;
    }
}
