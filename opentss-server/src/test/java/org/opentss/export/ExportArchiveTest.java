package org.opentss.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentss.journal.StoredLog;
import org.opentss.journal.StoredLog.Kind;

/** tse-formats.md §8.3–§8.7: what a TSS export contains, in which order and under which names. */
class ExportArchiveTest {

    private static final String TSS_ID = "6b0d1a7e-2f4c-4c59-9a1e-3b8f5d2c7e10";
    private static final long MTIME = 1767261600L;
    private static final byte[] GOLDEN_CERTIFICATE =
            TestCertificates.selfSigned("golden TSS", TestCertificates.GOLDEN_KEY);
    private static final StoredLog START = transaction(8, 1767258000L, "StartTransaction", 1, "KASSE-01");
    private static final StoredLog FINISH = transaction(9, 1767258012L, "FinishTransaction", 1, "KASSE-01");

    @Test
    void infoCsvIsTheFirstEntryAndMatchesTheSpecExample() throws IOException {
        byte[] archive = export(new ExportArchive(TSS_ID, "1.0.0", List.of(GOLDEN_CERTIFICATE)), MTIME);

        byte[] expected = CanonicalHexDump.parse("""
                00000000  69 6e 66 6f 2e 63 73 76  00 00 00 00 00 00 00 00  |info.csv........|
                00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                00000060  00 00 00 00 30 30 30 30  36 34 34 00 30 30 30 30  |....0000644.0000|
                00000070  30 30 30 00 30 30 30 30  30 30 30 00 30 30 30 30  |000.0000000.0000|
                00000080  30 30 30 30 31 35 34 00  31 35 31 32 35 34 34 32  |0000154.15125442|
                00000090  36 34 30 00 30 30 37 34  35 37 00 20 30 00 00 00  |640.007457. 0...|
                000000a0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                00000100  00 75 73 74 61 72 00 30  30 00 00 00 00 00 00 00  |.ustar.00.......|
                00000110  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                00000200  22 64 65 73 63 72 69 70  74 69 6f 6e 3a 22 2c 22  |"description:","|
                00000210  4f 70 65 6e 54 53 53 20  28 36 62 30 64 31 61 37  |OpenTSS (6b0d1a7|
                00000220  65 2d 32 66 34 63 2d 34  63 35 39 2d 39 61 31 65  |e-2f4c-4c59-9a1e|
                00000230  2d 33 62 38 66 35 64 32  63 37 65 31 30 29 22 2c  |-3b8f5d2c7e10)",|
                00000240  22 6d 61 6e 75 66 61 63  74 75 72 65 72 3a 22 2c  |"manufacturer:",|
                00000250  22 4f 70 65 6e 54 53 53  22 2c 22 76 65 72 73 69  |"OpenTSS","versi|
                00000260  6f 6e 3a 22 2c 22 31 2e  30 2e 30 22 00 00 00 00  |on:","1.0.0"....|
                00000270  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                000003f0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                00000400
                """);
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(archive, 0x400)))
                .isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void smallArchiveHoldsInfoCertificateAndLogsInOrder() throws IOException {
        ExportArchive export = new ExportArchive(TSS_ID, "1.0.0", List.of(GOLDEN_CERTIFICATE));
        byte[] archive = export(export, MTIME, START, FINISH);

        List<TarEntries.Entry> entries = TarEntries.read(archive);
        assertThat(TarEntries.fileNames(entries)).containsExactly(
                "info.csv",
                TestCertificates.GOLDEN_SERIAL + "_X509.der",
                "Unixt_1767258000_Sig-8_Log-Tra_No-1_Start_Client-KASSE-01.log",
                "Unixt_1767258012_Sig-9_Log-Tra_No-1_Finish_Client-KASSE-01.log");
        assertThat(entries.get(0).content()).hasSize(108).asString(StandardCharsets.US_ASCII)
                .isEqualTo("\"description:\",\"OpenTSS (" + TSS_ID + ")\",\"manufacturer:\",\"OpenTSS\",\"version:\",\"1.0.0\"");
        assertThat(entries.get(1).content()).isEqualTo(GOLDEN_CERTIFICATE);
        assertThat(entries.get(2).content()).isEqualTo(START.message());
        assertThat(entries.get(3).content()).isEqualTo(FINISH.message());
    }

    @Test
    void certificatesGoFromLeafToRootEachNamedByItsOwnKey() throws IOException {
        KeyPair root = TestCertificates.newKey("secp384r1");
        KeyPair issuing = TestCertificates.newKey("secp384r1");
        byte[] rootCertificate = TestCertificates.selfSigned("Root", root);
        byte[] issuingCertificate = TestCertificates.issued("Issuing", issuing.getPublic(), "Root", root.getPrivate());
        byte[] leaf = TestCertificates.issued(
                "TSS", TestCertificates.GOLDEN_KEY.getPublic(), "Issuing", issuing.getPrivate());

        List<TarEntries.Entry> entries = TarEntries.read(export(
                new ExportArchive(TSS_ID, "1.0.0", List.of(leaf, issuingCertificate, rootCertificate)), MTIME));

        assertThat(TarEntries.fileNames(entries)).containsExactly("info.csv",
                TestCertificates.GOLDEN_SERIAL + "_X509.der",
                serialOfP384(issuing) + "_X509.der",
                serialOfP384(root) + "_X509.der");
        assertThat(entries).extracting(TarEntries.Entry::content)
                .containsSubsequence(leaf, issuingCertificate, rootCertificate);
    }

    @Test
    void aChainMustRunFromLeafToASelfIssuedRoot() {
        KeyPair root = TestCertificates.newKey("secp256r1");
        byte[] rootCertificate = TestCertificates.selfSigned("Root", root);
        byte[] leaf = TestCertificates.issued("TSS", TestCertificates.GOLDEN_KEY.getPublic(), "Root", root.getPrivate());

        assertThat(new ExportArchive(TSS_ID, "1.0.0", List.of(leaf, rootCertificate))).isNotNull();
        assertThatThrownBy(() -> new ExportArchive(TSS_ID, "1.0.0", List.of(rootCertificate, leaf)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not issued by the next certificate");
        assertThatThrownBy(() -> new ExportArchive(TSS_ID, "1.0.0", List.of(leaf)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends the chain");
        assertThatThrownBy(() -> new ExportArchive(TSS_ID, "1.0.0", List.of(rootCertificate, rootCertificate)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new ExportArchive(TSS_ID, "1.0.0", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportArchive(TSS_ID, "1.0.0", List.of(new byte[] {0x30, 0x00})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPemCertificateIsExportedAsDer() throws IOException {
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(GOLDEN_CERTIFICATE)
                + "\n-----END CERTIFICATE-----\n";
        List<byte[]> chain = List.of(pem.getBytes(StandardCharsets.US_ASCII));
        byte[] archive = export(new ExportArchive(TSS_ID, "1.0.0", chain), MTIME);

        assertThat(TarEntries.read(archive).get(1).content()).isEqualTo(GOLDEN_CERTIFICATE);
    }

    @Test
    void sameInputsGiveTheSameArchive() throws IOException {
        ExportArchive export = new ExportArchive(TSS_ID, "1.0.0", List.of(GOLDEN_CERTIFICATE));
        String first = sha256(export(export, MTIME, START, FINISH));

        assertThat(sha256(export(new ExportArchive(TSS_ID, "1.0.0", List.of(GOLDEN_CERTIFICATE)), MTIME, START, FINISH)))
                .isEqualTo(first);
        assertThat(sha256(export(export, MTIME + 1, START, FINISH))).as("mtime is part of the archive").isNotEqualTo(first);
    }

    @Test
    void anEmptySelectionStillHasInfoAndCertificates() throws IOException {
        byte[] archive = export(new ExportArchive(TSS_ID, "1.0.0", List.of(GOLDEN_CERTIFICATE)), MTIME);

        assertThat(TarEntries.fileNames(TarEntries.read(archive)))
                .containsExactly("info.csv", TestCertificates.GOLDEN_SERIAL + "_X509.der");
    }

    @Test
    void systemLogsAreNamedByOperationTypeAndLongNamesGetPax() throws IOException {
        String clientId = "Filiale Hamburg-Altona (Kasse 3) 2024-03-Ersatzgeraet";
        StoredLog system = new StoredLog(4, 1767254460L, Kind.SYSTEM, "authenticateUser", null, null, new byte[] {0x30});
        StoredLog finish = transaction(9, 1767258012L, "FinishTransaction", 1, clientId);

        List<TarEntries.Entry> entries = TarEntries.read(export(
                new ExportArchive(TSS_ID, "1.0.0", List.of(GOLDEN_CERTIFICATE)), MTIME, system, finish));

        assertThat(TarEntries.fileNames(entries)).endsWith("Unixt_1767254460_Sig-4_Log-Sys_authenticateUser.log",
                "Unixt_1767258012_Sig-9_Log-Tra_No-1_Finish_Client-" + clientId + ".log");
        assertThat(entries).extracting(TarEntries.Entry::typeflag).containsExactly('0', '0', '0', 'x', '0');
    }

    /** §8.6: a repeated name gets _Fc-1, _Fc-2 …; names are compared without the counter, in any order. */
    @Test
    void repeatedNamesGetAFileCounter() throws IOException {
        StoredLog a = new StoredLog(5, 100, Kind.SYSTEM, "a", null, null, new byte[] {1});
        StoredLog b = new StoredLog(5, 100, Kind.SYSTEM, "b", null, null, new byte[] {2});
        StoredLog next = new StoredLog(6, 100, Kind.SYSTEM, "a", null, null, new byte[] {3});

        List<String> names = TarEntries.fileNames(TarEntries.read(export(
                new ExportArchive(TSS_ID, "1.0.0", List.of(GOLDEN_CERTIFICATE)), MTIME, a, b, a, a, next)));

        assertThat(names.subList(2, names.size())).containsExactly(
                "Unixt_100_Sig-5_Log-Sys_a.log",
                "Unixt_100_Sig-5_Log-Sys_b.log",
                "Unixt_100_Sig-5_Log-Sys_a_Fc-1.log",
                "Unixt_100_Sig-5_Log-Sys_a_Fc-2.log",
                "Unixt_100_Sig-6_Log-Sys_a.log");
    }

    @Test
    void logsMustComeInAscendingCounterOrder() {
        ExportArchive export = new ExportArchive(TSS_ID, "1.0.0", List.of(GOLDEN_CERTIFICATE));
        assertThatThrownBy(() -> export(export, MTIME, FINISH, START))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
    }

    @Test
    void infoCsvNeedsALowercaseTssIdAndAVersionWithoutQuotes() {
        List<byte[]> chain = List.of(GOLDEN_CERTIFICATE);
        assertThatThrownBy(() -> new ExportArchive(TSS_ID.toUpperCase(), "1.0.0", chain))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportArchive("tss-1", "1.0.0", chain))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportArchive(TSS_ID, "1.0\"", chain))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportArchive(TSS_ID, "", chain))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void productVersionComesFromTheManifestAndIsMarkedAsDevelopmentWithoutOne() {
        // tests run from target/classes, which has no manifest
        assertThat(ProductVersion.current()).isEqualTo("0.0.0-dev");
    }

    @Test
    void aStoredLogHasTransactionColumnsExactlyWhenItIsATransactionLog() {
        assertThatThrownBy(() -> new StoredLog(1, 1, Kind.TRANSACTION, "StartTransaction", null, "K", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredLog(1, 1, Kind.SYSTEM, "initialize", 1L, null, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        ExportArchive export = new ExportArchive(TSS_ID, "1.0.0", List.of(GOLDEN_CERTIFICATE));
        assertThatThrownBy(() -> export(export, MTIME, transaction(1, 1, "authenticateUser", 1, "K")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operationType");
    }

    private static StoredLog transaction(long counter, long logTime, String operationType, long number, String clientId) {
        byte[] message = ("log " + counter).getBytes(StandardCharsets.US_ASCII); // the archive does not read messages
        return new StoredLog(counter, logTime, Kind.TRANSACTION, operationType, number, clientId, message);
    }

    private static byte[] export(ExportArchive export, long mtime, StoredLog... logs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Iterator<StoredLog> rows = List.of(logs).iterator();
        export.write(out, mtime, rows);
        return out.toByteArray();
    }

    /** §3 worked out independently of EcPoints: a named-curve SubjectPublicKeyInfo ends with 04‖X‖Y, 97 bytes on P-384. */
    private static String serialOfP384(KeyPair key) {
        byte[] spki = key.getPublic().getEncoded();
        return sha256(Arrays.copyOfRange(spki, spki.length - 97, spki.length));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
