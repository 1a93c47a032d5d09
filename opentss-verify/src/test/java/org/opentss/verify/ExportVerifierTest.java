package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.verify.TestExport.goldenName;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExportVerifierTest {

    private static final ExportVerifierOptions CONTIGUOUS = TestExport.pinned().withExpectContiguous(true);
    private static final String LEAF = TestPki.fileName(TestPki.GOLDEN.leaf);
    private static final String CA = TestPki.fileName(TestPki.GOLDEN.issuingCa);
    private static final String ROOT = TestPki.fileName(TestPki.GOLDEN.root);
    private static final String FINISH = goldenName(9);

    private static List<String> errorChecks(ExportVerificationResult result) {
        return result.errors().stream().map(Finding::check).distinct().toList();
    }

    private static ExportVerificationResult verify(byte[] tar, ExportVerifierOptions options) {
        return ExportVerifier.verify(new ByteArrayInputStream(tar), options);
    }

    @Nested
    class CorrectExports {

        @Test
        void theGoldenOpenTssExportHasNoFindingAtAll() {
            ExportVerificationResult result = TestExport.golden().verify(CONTIGUOUS.withExpectFirstCounter(1));

            assertThat(result.findings()).isEmpty();
            assertThat(result.isValid()).isTrue();
            assertThat(result.exitCode()).isZero();
            assertThat(result.profile()).isEqualTo(Profile.OPENTSS);
            assertThat(result.logCount()).isEqualTo(13);
            assertThat(result.certificateCount()).isEqualTo(3);
            assertThat(result.firstCounter()).hasValue(1);
            assertThat(result.lastCounter()).hasValue(13);
            assertThat(result.transactionCount()).isEqualTo(1);
            assertThat(result.startedCount()).isEqualTo(1);
            assertThat(result.finishedCount()).isEqualTo(1);
            assertThat(result.serialNumbers()).containsExactly(TestVectors.GOLDEN_SERIAL);
            assertThat(result.info()).contains(new InfoCsv("OpenTSS (6b0d1a7e-2f4c-4c59-9a1e-3b8f5d2c7e10)",
                    "OpenTSS", "1.0.0"));
            assertThat(result.bytesRead() % 10240).isZero();
        }

        @Test
        void withoutATrustAnchorTheRootIsReportedUnpinned() {
            ExportVerificationResult result = TestExport.golden().verify(ExportVerifierOptions.defaults());

            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("B5");
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.file()).isEqualTo(ROOT);
                assertThat(f.message()).contains("root not pinned");
            });
            assertThat(result.exitCode()).isZero();
        }

        @Test
        void anotherTrustAnchorIsAnError() {
            TestPki other = new TestPki(TestVectors.GOLDEN_PUBLIC_KEY, TestPki.NOT_BEFORE, TestPki.NOT_AFTER);

            ExportVerificationResult result = TestExport.golden()
                    .verify(ExportVerifierOptions.defaults().withTrustAnchor(other.root));

            assertThat(errorChecks(result)).containsExactly("B5");
            assertThat(result.exitCode()).isEqualTo(1);
        }

        @Test
        void aSelfSignedLeafAloneIsAChainOfOne() {
            // made with OpenSSL when the vectors were written: valid only from after the golden logTimes
            byte[] selfSigned = TestVectors.resource("vectors/certificates/golden-tss-p256.der");
            TestExport export = TestExport.golden().remove(LEAF).remove(CA).remove(ROOT);
            export.insertAfter("info.csv", TestPki.fileName(selfSigned), selfSigned);

            ExportVerificationResult result = export.verify(ExportVerifierOptions.defaults().withTrustAnchor(selfSigned));

            assertThat(result.errors()).isEmpty();
            assertThat(result.warnings()).hasSize(13).allSatisfy(f -> assertThat(f.check()).isEqualTo("B6"));
        }

        @Test
        void anExportWithoutLogsHoldsInfoCsvAndTheChain() {
            TestExport export = TestExport.golden().remove(name -> name.endsWith(".log"));

            ExportVerificationResult result = export.verify(CONTIGUOUS.withExpectFirstCounter(1));

            assertThat(result.findings()).isEmpty();
            assertThat(result.logCount()).isZero();
            assertThat(result.firstCounter()).isEmpty();
        }

        @Test
        void aForeignExportIsCheckedUnderTheGenericProfile() {
            TestExport export = TestExport.golden().replace("info.csv",
                    TestExport.FISKALY_INFO.getBytes(StandardCharsets.US_ASCII));

            ExportVerificationResult result = export.verify();

            assertThat(result.profile()).isEqualTo(Profile.GENERIC);
            assertThat(result.errors()).isEmpty();
            assertThat(result.warnings()).extracting(Finding::check).containsOnly("A7");
            assertThat(export.verify(TestExport.pinned().withProfile(Profile.OPENTSS)).errors())
                    .extracting(Finding::check).containsOnly("A7");
        }

        @Test
        void certificatesAfterTheLogsStillVerifyTheLogs() {
            TestExport export = TestExport.golden();
            List<TestExport.Item> certificates = export.items.subList(1, 4);
            List<TestExport.Item> moved = List.copyOf(certificates);
            certificates.clear();
            export.items.addAll(moved);

            ExportVerificationResult result = export.verify();

            assertThat(result.errors()).extracting(Finding::check).containsOnly("A5");
            assertThat(result.findings("A5")).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("certificate after a log file"));
            assertThat(result.profile()).isEqualTo(Profile.OPENTSS);
        }

        @Test
        void aLogWhoseCertificateIsMissingFailsE1() {
            ExportVerificationResult result = TestExport.golden().remove(LEAF).verify();

            assertThat(result.findings("E1")).hasSize(13);
            assertThat(errorChecks(result)).contains("E1");
        }
    }

    @Nested
    class NegativeTests {

        @Test
        void n1_oneChangedProcessDataByteIsSignatureInvalid() {
            TestExport export = TestExport.golden();
            export.replace(FINISH, TestVectors.flip(export.data(FINISH), 0x36, 0x01)); // 21.42 → 31.42

            ExportVerificationResult result = export.verify();

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("E5");
                assertThat(f.file()).isEqualTo(FINISH);
                assertThat(f.message()).startsWith("SIGNATURE INVALID");
            });
            assertThat(result.report()).contains("ERROR E5 " + FINISH + ": SIGNATURE INVALID");
            assertThat(result.exitCode()).isEqualTo(1);
        }

        @Test
        void n2_sig9RenamedToSig10IsD2() {
            String renamed = FINISH.replace("_Sig-9_", "_Sig-10_");

            ExportVerificationResult result = TestExport.golden().rename(FINISH, renamed).verify();

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("D2");
                assertThat(f.file()).isEqualTo(renamed);
            });
        }

        @Test
        void n3_aDeletedLogIsAGapWarningByDefault() {
            ExportVerificationResult result = TestExport.golden().remove(goldenName(5)).verify();

            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("F2");
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.file()).isEqualTo(goldenName(6));
                assertThat(f.message()).contains("signature counter 5 is missing");
            });
        }

        @Test
        void n3_aDeletedLogIsAnErrorWithExpectContiguous() {
            ExportVerificationResult result = TestExport.golden().remove(goldenName(5)).verify(CONTIGUOUS);

            assertThat(errorChecks(result)).containsExactly("F2");
        }

        @Test
        void n3_aDeletedStartLogIsAlsoG4() {
            TestExport export = TestExport.transactions(3);
            export.remove(TestExport.transactionLogName("Start", "KASSE-01", 2, 3, 1767258010L));

            assertThat(errorChecks(export.verify(CONTIGUOUS))).containsExactlyInAnyOrder("F2", "G4");
            assertThat(export.verify().errors()).isEmpty();
        }

        @Test
        void n4_aCopyUnderAnFc1NameIsF1() {
            TestExport export = TestExport.golden();
            String copy = FINISH.replace(".log", "_Fc-1.log");
            export.insertAfter(FINISH, copy, export.data(FINISH));

            ExportVerificationResult result = export.verify();

            assertThat(result.errors()).extracting(Finding::check).contains("F1");
            assertThat(result.findings("F1")).singleElement().satisfies(f -> {
                assertThat(f.file()).isEqualTo(copy);
                assertThat(f.message()).contains(FINISH);
            });
            assertThat(result.findings("D6")).isEmpty();
        }

        @Test
        void anFcNameWithoutItsPredecessorIsD6() {
            TestExport export = TestExport.golden();
            export.rename(FINISH, FINISH.replace(".log", "_Fc-2.log"));

            assertThat(export.verify().findings("D6")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        }

        @Test
        void n5_aDerSignatureValueIsC11() {
            TestExport export = TestExport.golden();
            byte[] log = export.data(FINISH);
            byte[] signature = Arrays.copyOfRange(log, log.length - 64, log.length);
            byte[] derSignature = TestDer.sequence(
                    TestDer.tlv(0x02, new java.math.BigInteger(1, Arrays.copyOfRange(signature, 0, 32)).toByteArray()),
                    TestDer.tlv(0x02, new java.math.BigInteger(1, Arrays.copyOfRange(signature, 32, 64)).toByteArray()));
            byte[] dtbs = Arrays.copyOfRange(log, 3, log.length - 66);
            export.replace(FINISH, TestDer.tlv(0x30, TestDer.concat(dtbs, TestDer.tlv(0x04, derSignature))));

            ExportVerificationResult result = export.verify();

            assertThat(errorChecks(result)).containsExactly("C11");
            assertThat(result.findings("C11").getFirst().message()).contains("DER");
        }

        @Test
        void n6_aNonMinimalOuterLengthIsC1() {
            TestExport export = TestExport.golden();
            byte[] log = export.data(FINISH);
            byte[] longForm = TestDer.concat(new byte[] {0x30, (byte) 0x82, 0x00, log[2]}, Arrays.copyOfRange(log, 3, log.length));
            export.replace(FINISH, longForm);

            ExportVerificationResult result = export.verify();

            assertThat(errorChecks(result)).containsExactly("C1");
            assertThat(result.findings("C1")).singleElement().satisfies(f -> assertThat(f.file()).isEqualTo(FINISH));
        }

        @Test
        void n7_aCertificateRenamedToAWrongHashIsB3() {
            String wrong = "00" + LEAF.substring(2);

            ExportVerificationResult result = TestExport.golden().rename(LEAF, wrong).verify();

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("B3");
                assertThat(f.file()).isEqualTo(wrong);
            });
        }

        @Test
        void n8_aRemovedRootIsAnIncompleteChain() {
            ExportVerificationResult result = TestExport.golden().remove(ROOT).verify();

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("B4");
                assertThat(f.file()).isEqualTo(CA);
                assertThat(f.message()).contains("incomplete chain");
            });
        }

        @Test
        void aRemovedIssuingCaIsAnIncompleteChainAndAnUnusedRoot() {
            ExportVerificationResult result = TestExport.golden().remove(CA).verify();

            assertThat(errorChecks(result)).containsExactly("B4");
            assertThat(result.findings("B4").getFirst().file()).isEqualTo(LEAF);
            assertThat(result.findings("B7")).singleElement().satisfies(f -> assertThat(f.file()).isEqualTo(ROOT));
        }

        @Test
        void aTamperedCertificateSignatureIsABadSignature() {
            TestExport export = TestExport.golden();
            byte[] leaf = export.data(LEAF);
            export.replace(LEAF, TestVectors.flip(leaf, leaf.length - 1, 0x01));

            ExportVerificationResult result = export.verify();

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("B4");
                assertThat(f.file()).isEqualTo(LEAF);
                assertThat(f.message()).startsWith("bad certificate signature");
            });
        }

        @Test
        void anIssuingCaWithTheRightNameButAnotherKeyIsNoIssuer() {
            TestPki other = new TestPki(TestVectors.GOLDEN_PUBLIC_KEY, TestPki.NOT_BEFORE, TestPki.NOT_AFTER);
            TestExport export = TestExport.golden().replace(CA, other.issuingCa);
            export.rename(CA, TestPki.fileName(other.issuingCa));

            ExportVerificationResult result = export.verify();

            assertThat(result.errors()).extracting(Finding::check).containsOnly("B4");
            assertThat(result.findings("B4").getFirst().message()).startsWith("incomplete chain");
        }

        @Test
        void n9_aDirectoryASymlinkAndAGnuLongLinkAreA2() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            TestTar tar = new TestTar(bytes);
            TestExport export = TestExport.golden();
            for (TestExport.Item item : export.items) {
                tar.file(item.name(), item.data());
                if (item.name().equals(FINISH)) {
                    TestTar.Header directory = tar.header("logs/");
                    directory.typeflag = '5';
                    tar.entry(directory, new byte[0]);
                    TestTar.Header symlink = tar.header("latest.log");
                    symlink.typeflag = '2';
                    symlink.linkname = FINISH;
                    tar.entry(symlink, new byte[0]);
                    TestTar.Header longLink = tar.header("././@LongLink");
                    longLink.typeflag = 'L';
                    tar.entry(longLink, (FINISH + "\0").getBytes(StandardCharsets.US_ASCII));
                }
            }
            tar.finish();

            ExportVerificationResult result = verify(bytes.toByteArray(), TestExport.pinned());

            assertThat(result.errors()).extracting(Finding::check).containsExactly("A2", "A2", "A2");
            assertThat(result.errors()).extracting(Finding::message).anyMatch(m -> m.startsWith("directory"))
                    .anyMatch(m -> m.startsWith("symbolic link")).anyMatch(m -> m.startsWith("GNU long name"));
            assertThat(result.logCount()).isEqualTo(13);
        }
    }

    @Nested
    class Archive {

        @Test
        void theSignedChecksumIsToleratedWithAWarning() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            TestTar tar = new TestTar(bytes);
            for (TestExport.Item item : TestExport.golden().items) {
                TestTar.Header header = tar.header(item.name());
                if (item.name().equals(FINISH)) {
                    header.padding = new byte[] {(byte) 0xE4};
                    header.signedChecksum = true;
                }
                tar.entry(header, item.data());
            }
            tar.finish();

            ExportVerificationResult result = verify(bytes.toByteArray(), TestExport.pinned());

            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("A1");
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.file()).isEqualTo(FINISH);
                assertThat(f.message()).contains("signed sum");
            });
        }

        @Test
        void aWrongChecksumIsAnError() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            TestTar tar = new TestTar(bytes);
            for (TestExport.Item item : TestExport.golden().items) {
                TestTar.Header header = tar.header(item.name());
                if (item.name().equals(FINISH)) {
                    header.checksumDelta = 1;
                }
                tar.entry(header, item.data());
            }
            tar.finish();

            ExportVerificationResult result = verify(bytes.toByteArray(), TestExport.pinned());

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("A1");
                assertThat(f.file()).isEqualTo(FINISH);
            });
        }

        @Test
        void headerFieldsOutsideTheProfileAreErrorsForOpenTssAndWarningsOtherwise() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            TestTar tar = new TestTar(bytes);
            for (TestExport.Item item : TestExport.golden().items) {
                TestTar.Header header = tar.header(item.name());
                header.mode = 0600;
                header.uname = "root";
                if (item.name().equals(FINISH)) {
                    header.mtime++;
                }
                tar.entry(header, item.data());
            }
            tar.finish(512);
            byte[] archive = bytes.toByteArray();

            ExportVerificationResult openTss = verify(archive, TestExport.pinned());
            ExportVerificationResult generic = verify(archive, TestExport.pinned().withProfile(Profile.GENERIC));

            assertThat(openTss.errors()).extracting(Finding::check).containsOnly("A5").hasSize(4);
            assertThat(openTss.findings("A5")).extracting(Finding::message)
                    .anyMatch(m -> m.startsWith("mode is 0000600") && m.endsWith("(and in 16 more entries)"))
                    .anyMatch(m -> m.contains("not empty"))
                    .anyMatch(m -> m.startsWith("mtime"))
                    .anyMatch(m -> m.contains("not a multiple of the record size 10240"));
            assertThat(generic.errors()).isEmpty();
            assertThat(generic.warnings()).extracting(Finding::check).containsOnly("A5").hasSize(4);
        }

        @Test
        void logsOutOfCounterOrderAreAProfileDeviation() {
            TestExport export = TestExport.golden();
            TestExport.Item start = export.items.remove(export.items.size() - 6); // Sig-8
            export.items.add(start);

            ExportVerificationResult result = export.verify();

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("A5");
                assertThat(f.message()).contains("ascending counter order");
            });
        }

        @Test
        void certificatesOutOfOrderAreAProfileDeviation() {
            TestExport export = TestExport.golden();
            TestExport.Item leaf = export.items.remove(1);
            export.items.add(3, leaf); // CA, root, leaf

            ExportVerificationResult result = export.verify();

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("A5");
                assertThat(f.file()).isEqualTo(CA);
            });
        }

        @Test
        void unexpectedFilesDuplicateNamesAndAMissingInfoCsv() {
            TestExport export = TestExport.golden().remove("info.csv");
            export.add("README.txt", "hello".getBytes(StandardCharsets.US_ASCII));
            export.add(goldenName(13), export.data(goldenName(13)));

            ExportVerificationResult result = export.verify();

            assertThat(result.errors()).extracting(Finding::check).contains("A6", "A3", "A7", "F1");
            assertThat(result.findings("A6")).singleElement().satisfies(f -> assertThat(f.file()).isEqualTo("README.txt"));
            assertThat(result.profile()).isEqualTo(Profile.GENERIC);
        }

        @Test
        void aMalformedInfoCsvIsA7() {
            ExportVerificationResult result = TestExport.golden()
                    .replace("info.csv", "description:,OpenTSS".getBytes(StandardCharsets.US_ASCII))
                    .verify(TestExport.pinned().withProfile(Profile.OPENTSS));

            assertThat(errorChecks(result)).containsExactly("A7");
        }

        @Test
        void aTrailingNewlineInInfoCsvIsAProfileDeviation() {
            ExportVerificationResult result = TestExport.golden()
                    .replace("info.csv", (TestExport.INFO + "\n").getBytes(StandardCharsets.US_ASCII)).verify();

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("A7");
                assertThat(f.message()).contains("line break");
            });
        }

        @Test
        void aTruncatedArchiveIsA4() {
            byte[] tar = TestExport.golden().tar();
            int end = (int) (tar.length - 10240 + 512 * 3);

            ExportVerificationResult result = verify(Arrays.copyOf(tar, tar.length - 10240 - 100), TestExport.pinned());

            assertThat(result.errors()).extracting(Finding::check).contains("A4");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(end).isPositive();
        }

        @Test
        void oneZeroBlockAndTrailingGarbageAreA4() {
            byte[] tar = TestExport.golden().tar();
            int lastEntryEnd = tar.length;
            while (lastEntryEnd > 0 && tar[lastEntryEnd - 1] == 0) {
                lastEntryEnd--;
            }
            int afterData = (lastEntryEnd + 511) / 512 * 512;
            byte[] oneZeroBlock = Arrays.copyOf(tar, afterData + 512);
            byte[] garbage = tar.clone();
            garbage[tar.length - 1] = 1;

            assertThat(verify(oneZeroBlock, TestExport.pinned()).findings("A4")).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("one zero block"));
            assertThat(verify(garbage, TestExport.pinned()).findings("A4")).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("after the end-of-archive marker"));
        }

        @Test
        void inputThatIsNoTarIsUnreadable() {
            ExportVerificationResult notATar = verify("hello world".repeat(100).getBytes(StandardCharsets.US_ASCII),
                    TestExport.pinned());
            ExportVerificationResult empty = verify(new byte[0], TestExport.pinned());

            assertThat(notATar.exitCode()).isEqualTo(2);
            assertThat(notATar.isValid()).isFalse();
            assertThat(notATar.report()).endsWith("UNREADABLE: the input could not be read as a TAR export (exit code 2)\n");
            assertThat(empty.exitCode()).isEqualTo(2);
        }

        @Test
        void anIoErrorIsUnreadable() {
            InputStream failing = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("disk on fire");
                }
            };

            ExportVerificationResult result = ExportVerifier.verify(failing, TestExport.pinned());

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errors()).singleElement().satisfies(f -> assertThat(f.message()).contains("disk on fire"));
        }
    }

    @Nested
    class LogsAndTransactions {

        @Test
        void expectFirstCounterIsF3() {
            ExportVerificationResult result = TestExport.golden().remove(goldenName(1)).verify(
                    TestExport.pinned().withExpectFirstCounter(1));

            assertThat(errorChecks(result)).containsExactly("F3");
            assertThat(result.findings("F3")).singleElement().satisfies(f -> {
                assertThat(f.file()).isEqualTo(goldenName(2));
                assertThat(f.message()).contains("is 2, expected 1");
            });
        }

        @Test
        void aFileNameWithAnotherTimeClientOrTypeIsD1D4D5() {
            TestExport export = TestExport.golden()
                    .rename(goldenName(1), goldenName(1).replace("1767254400", "1767254401"))
                    .rename(goldenName(8), goldenName(8).replace("KASSE-01", "KASSE-02"))
                    .rename(goldenName(7), goldenName(7).replace("logOut", "logIn"))
                    .rename(goldenName(13), goldenName(13).replace("Log-Sys_disableSecureElement", "Log-Aud"));

            assertThat(errorChecks(export.verify())).containsExactlyInAnyOrder("D1", "D4", "D5", "D3");
        }

        @Test
        void aSecondStartLogOfATransactionIsG1AndG3() {
            TestExport export = TestExport.transactions(2);
            byte[] restart = TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "StartTransaction", "KASSE-01", "", "",
                    1, 5, 1767258020L);
            export.add(TestExport.transactionLogName("Start", "KASSE-01", 1, 5, 1767258020L), restart);

            ExportVerificationResult result = export.verify();

            assertThat(errorChecks(result)).contains("G1", "G2");
        }

        @Test
        void aLogAfterTheFinishLogIsG2AndAnotherClientAG1Warning() {
            TestExport export = TestExport.transactions(1);
            export.add(TestExport.transactionLogName("Update", "KASSE-02", 1, 3, 1767258020L),
                    TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "UpdateTransaction", "KASSE-02", "", "", 1, 3,
                            1767258020L));

            ExportVerificationResult result = export.verify();

            // SIGN DE lets a revision name another client (sign-de-v2.md §8.1): unusual, not invalid
            assertThat(errorChecks(result)).containsExactly("G2");
            assertThat(result.warnings()).anyMatch(f -> f.check().equals("G1"));
        }

        @Test
        void startsOutOfNumberOrderAreG3() {
            TestExport export = new TestExport();
            TestExport.transactions(0).items.forEach(i -> export.add(i.name(), i.data()));
            export.add(TestExport.transactionLogName("Start", "KASSE-01", 2, 1, 1767258000L),
                    TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "StartTransaction", "KASSE-01", "", "", 2, 1,
                            1767258000L));
            export.add(TestExport.transactionLogName("Start", "KASSE-01", 1, 2, 1767258000L),
                    TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "StartTransaction", "KASSE-01", "", "", 1, 2,
                            1767258000L));

            assertThat(errorChecks(export.verify())).containsExactly("G3");
        }

        @Test
        void timeGoingBackIsF4() {
            TestExport export = new TestExport();
            TestExport.transactions(0).items.forEach(i -> export.add(i.name(), i.data()));
            export.add(TestExport.transactionLogName("Start", "KASSE-01", 1, 1, 1767258000L),
                    TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "StartTransaction", "KASSE-01", "", "", 1, 1,
                            1767258000L));
            export.add(TestExport.transactionLogName("Start", "KASSE-01", 2, 2, 1767257999L),
                    TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "StartTransaction", "KASSE-01", "", "", 2, 2,
                            1767257999L));

            ExportVerificationResult openTss = export.verify();
            ExportVerificationResult generic = export.verify(TestExport.pinned().withProfile(Profile.GENERIC));

            assertThat(errorChecks(openTss)).containsExactly("F4");
            assertThat(generic.errors()).isEmpty();
            assertThat(generic.warnings()).extracting(Finding::check).containsExactly("F4");
        }

        @Test
        void transactionContentOutsideTheProfileIsG5() {
            TestExport export = new TestExport();
            TestExport.transactions(0).items.forEach(i -> export.add(i.name(), i.data()));
            export.add(TestExport.transactionLogName("Start", "KASSE-01", 1, 1, 1767258000L),
                    TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "StartTransaction", "KASSE-01", "X", "", 1, 1,
                            1767258000L));
            export.add(TestExport.transactionLogName("Finish", "KASSE-01", 1, 2, 1767258000L),
                    TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "FinishTransaction", "KASSE-01", "Kassenbeleg-V1",
                            "Beleg^4.2_0.00_0.00_0.00_0.00^4.20:Unbar", 1, 2, 1767258000L));
            export.add(TestExport.transactionLogName("Start", "KASSE-01", 2, 3, 1767258000L),
                    TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "StartTransaction", "KASSE-01", "", "", 2, 3,
                            1767258000L));
            export.add(TestExport.transactionLogName("Finish", "KASSE-01", 2, 4, 1767258000L),
                    TestExport.transactionLog(TestExport.GOLDEN_SIGNER, "FinishTransaction", "KASSE-01", "Kassenbon",
                            "x", 2, 4, 1767258000L));

            ExportVerificationResult result = export.verify();

            assertThat(result.errors()).extracting(Finding::check).containsExactly("G5", "G5");
            assertThat(result.warnings()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("G5");
                assertThat(f.message()).contains("Kassenbon");
            });
        }

        @Test
        void theKassenbelegGrammarOf6_2() {
            for (String valid : List.of("Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar",
                    "Beleg^75.33_7.99_0.00_0.00_0.00^10.00:Bar_5.00:Bar:CHF_5.00:Bar:USD_64.30:Unbar",
                    "AVTraining^12.00_0.00_0.00_0.00_0.00^", "Beleg^-5.00_-2.10_0.00_0.00_0.00^-7.10:Bar")) {
                assertThat(ExportVerifier.kassenbelegProblem(valid.getBytes(StandardCharsets.US_ASCII))).as(valid).isNull();
            }
            for (String invalid : List.of("Beleg^21.42_0.00_0.00_0.00^21.42:Unbar", "Beleg^-0.00_0.00_0.00_0.00_0.00^",
                    "Beleg^1.00_0.00_0.00_0.00_0.00^1.00:Unbar_1.00:Bar", "Beleg^1.00_0.00_0.00_0.00_0.00^0.00:Bar",
                    "Beleg^1.00_0.00_0.00_0.00_0.00^1.00:Bar:EUR", "Bon^1.00_0.00_0.00_0.00_0.00^",
                    "Beleg^007.50_0.00_0.00_0.00_0.00^")) {
                assertThat(ExportVerifier.kassenbelegProblem(invalid.getBytes(StandardCharsets.US_ASCII))).as(invalid)
                        .isNotNull();
            }
        }

        @Test
        void aLogTimeOutsideTheCertificateValidityIsB6() {
            TestPki expired = new TestPki(TestVectors.GOLDEN_PUBLIC_KEY, TestPki.NOT_BEFORE,
                    java.time.Instant.parse("2026-01-01T09:30:00Z"));
            TestExport export = TestExport.golden();
            export.replace(LEAF, expired.leaf).replace(CA, expired.issuingCa).replace(ROOT, expired.root);
            export.rename(CA, TestPki.fileName(expired.issuingCa)).rename(ROOT, TestPki.fileName(expired.root));

            ExportVerificationResult result = export.verify(ExportVerifierOptions.defaults().withTrustAnchor(expired.root));

            assertThat(result.errors()).isEmpty();
            assertThat(result.findings("B6")).hasSize(4)
                    .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        }
    }

    @Nested
    class Reports {

        @Test
        void theReportHasASummaryOneLinePerFindingAndAVerdict() {
            TestExport export = TestExport.golden().remove(goldenName(5));
            export.replace(FINISH, TestVectors.flip(export.data(FINISH), 0x36, 0x01));

            String[] lines = export.verify().report().split("\n");

            assertThat(lines).hasSize(4);
            assertThat(lines[0]).startsWith("TAR export: 12 logs (signature counters 1–13), 3 certificates, "
                    + "1 transaction (1 started, 1 finished), serial " + TestVectors.GOLDEN_SERIAL)
                    .endsWith("manufacturer 'OpenTSS', profile opentss");
            assertThat(lines[1]).isEqualTo("ERROR E5 " + FINISH + ": SIGNATURE INVALID: ecdsa-plain-SHA256 over the "
                    + "164 signed bytes does not verify on [P-256]");
            assertThat(lines[2]).startsWith("WARNING F2 " + goldenName(6) + ": signature counter 5 is missing");
            assertThat(lines[3]).isEqualTo("INVALID: 1 error, 1 warning (exit code 1)");
        }

        @Test
        void theJsonFormHasTheCountsAndFindings() {
            String json = TestExport.golden().remove(goldenName(5)).verify().toJson();

            assertThat(json).startsWith("{\"valid\":true,\"exitCode\":0,\"readable\":true,\"profile\":\"opentss\","
                    + "\"logs\":12,\"certificates\":3,\"firstCounter\":1,\"lastCounter\":13,\"transactions\":1,")
                    .contains("\"findings\":[{\"severity\":\"WARNING\",\"check\":\"F2\",\"file\":\"" + goldenName(6) + "\"")
                    .endsWith("}]}");
        }

        @Test
        void aValidVerdict() {
            assertThat(TestExport.golden().verify().verdict()).isEqualTo("VALID: 0 errors, 0 warnings (exit code 0)");
        }
    }
}
