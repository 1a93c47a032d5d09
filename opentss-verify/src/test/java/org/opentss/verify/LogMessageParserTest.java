package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.verify.TestDer.concat;
import static org.opentss.verify.TestDer.integer;
import static org.opentss.verify.TestDer.sequence;
import static org.opentss.verify.TestDer.tlv;
import static org.opentss.verify.TestVectors.hex;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogMessageParserTest {

    private static final byte[] VERSION = hex("02 01 02");
    private static final byte[] TRANSACTION = hex("06 09 04 00 7F 00 07 03 07 01 01");
    private static final byte[] SYSTEM = hex("06 09 04 00 7F 00 07 03 07 01 02");
    private static final byte[] AUDIT = hex("06 09 04 00 7F 00 07 03 07 01 03");
    private static final byte[] SERIAL = tlv(0x04, hex(TestVectors.GOLDEN_SERIAL));
    private static final byte[] ECDSA_PLAIN_SHA256 = hex("30 0C 06 0A 04 00 7F 00 07 01 01 04 01 03");
    private static final byte[] COUNTER = hex("02 01 09");
    private static final byte[] UNIX_TIME = hex("02 04 69 56 37 9C");
    private static final byte[] SIGNATURE = tlv(0x04, new byte[64]);

    private static byte[] finishData(String operationType, String clientId) {
        return concat(tlv(0x80, operationType), tlv(0x81, clientId), tlv(0x82, "Beleg"), tlv(0x83, "Kassenbeleg-V1"),
                hex("85 01 01"));
    }

    private static byte[] transactionLog(byte[] certifiedData) {
        return sequence(VERSION, TRANSACTION, certifiedData, SERIAL, ECDSA_PLAIN_SHA256, COUNTER, UNIX_TIME, SIGNATURE);
    }

    private static byte[] transactionLogWithTail(byte[]... afterAlgorithm) {
        return sequence(VERSION, TRANSACTION, finishData("FinishTransaction", "KASSE-01"), SERIAL, ECDSA_PLAIN_SHA256,
                concat(afterAlgorithm));
    }

    private static byte[] systemLog(byte[] systemOperationData) {
        return sequence(VERSION, SYSTEM, tlv(0x80, "logOut"), tlv(0x81, systemOperationData), SERIAL,
                ECDSA_PLAIN_SHA256, COUNTER, UNIX_TIME, SIGNATURE);
    }

    private static LogMessage parsedWithoutFindings(byte[] bytes) {
        LogVerificationResult result = LogMessageParser.parse(bytes, Profile.OPENTSS);
        assertThat(result.findings()).isEmpty();
        return result.log().orElseThrow();
    }

    @Nested
    class SpecVectors {

        @Test
        void readsTheFiskalyFinishLogOf12_1() {
            byte[] file = TestVectors.fiskalyFinish();
            assertThat(TestVectors.sha256Hex(file)).isEqualTo(TestVectors.FISKALY_FILE_SHA256);

            LogMessage log = parsedWithoutFindings(file);

            assertThat(log.version()).isEqualTo(2);
            assertThat(log.certifiedDataType()).isEqualTo(CertifiedDataType.TRANSACTION);
            assertThat(log.operationType()).isEqualTo("FinishTransaction");
            assertThat(log.clientId()).isEqualTo("1063641");
            assertThat(new String(log.processData(), StandardCharsets.UTF_8))
                    .isEqualTo("Beleg^62.00_0.00_0.00_0.00_0.00^66.30:Bar");
            assertThat(log.processDataIndefinite()).isFalse();
            assertThat(log.processType()).contains("Kassenbeleg-V1");
            assertThat(log.additionalExternalData()).isEmpty();
            assertThat(log.additionalInternalData()).isEmpty();
            assertThat(log.transactionNumber()).isEqualTo(1);
            assertThat(log.serialNumberHex()).isEqualTo(TestVectors.FISKALY_SERIAL);
            assertThat(log.signatureAlgorithm()).contains(SignatureAlgorithm.ECDSA_PLAIN_SHA256);
            assertThat(log.signatureAlgorithmOid()).isEqualTo("0.4.0.127.0.7.1.1.4.1.3");
            assertThat(log.signatureCounter()).isEqualTo(16);
            assertThat(log.logTime().kind()).isEqualTo(LogTime.Kind.UNIX_TIME);
            assertThat(log.logTime().epochSecond()).isEqualTo(1627475939L);
            assertThat(log.logTime().instant()).isEqualTo(Instant.parse("2021-07-28T12:38:59Z"));
            assertThat(log.signatureValue()).isEqualTo(hex(TestVectors.FISKALY_SIGNATURE));
        }

        @Test
        void theSignedBytesOf12_1AreOffsets03ToA3AsStored() {
            byte[] file = TestVectors.fiskalyFinish();

            LogMessage log = parsedWithoutFindings(file);

            assertThat(log.dtbsOffset()).isEqualTo(0x03);
            assertThat(log.dtbsLength()).isEqualTo(161);
            assertThat(log.dtbs()).isEqualTo(Arrays.copyOfRange(file, 0x03, 0xA4));
            assertThat(TestVectors.sha256Hex(log.dtbs())).isEqualTo(TestVectors.FISKALY_DTBS_SHA256);
            assertThat(log.encoded()).isEqualTo(file);
        }

        @Test
        void readsFiskalysStartVariantWithAOneSpaceProcessType() {
            byte[] file = TestVectors.fiskalyStart();
            assertThat(Arrays.copyOfRange(file, 0x2C, 0x31)).isEqualTo(hex("82 00 83 01 20"));

            LogMessage log = parsedWithoutFindings(file);

            assertThat(log.operationType()).isEqualTo("StartTransaction");
            assertThat(log.processData()).isEmpty();
            assertThat(log.processType()).contains(" ");
            assertThat(log.transactionNumber()).isEqualTo(1);
            assertThat(log.signatureCounter()).isEqualTo(15);
            assertThat(log.logTime().epochSecond()).isEqualTo(1627475926L);
            assertThat(log.dtbs()).isEqualTo(Arrays.copyOfRange(file, 0x03, 0x6D));
        }

        @Test
        void readsTheIndefiniteProcessDataAndAdditionalExternalDataOf12_3() {
            byte[] file = TestVectors.dtrustP384Finish();

            LogVerificationResult result = LogMessageParser.parse(file);
            LogMessage log = result.log().orElseThrow();

            assertThat(result.findings()).isEmpty();
            assertThat(log.clientId()).isEqualTo("client-1");
            assertThat(log.processData()).containsExactly(0x0A, 0x14, 0x1E);
            assertThat(log.processDataIndefinite()).isTrue();
            assertThat(log.processType()).contains("beleg");
            assertThat(log.additionalExternalData()).hasValueSatisfying(d -> assertThat(d).containsExactly(0x28, 0x32, 0x3C));
            assertThat(log.transactionNumber()).isEqualTo(1);
            assertThat(log.serialNumberHex()).isEqualTo(TestVectors.DTRUST_SERIAL);
            assertThat(log.signatureAlgorithm()).contains(SignatureAlgorithm.ECDSA_PLAIN_SHA384);
            assertThat(log.signatureCounter()).isEqualTo(17);
            assertThat(log.logTime().epochSecond()).isEqualTo(1634636126L);
            assertThat(log.signatureValue()).hasSize(96);
        }

        @Test
        void theSignedBytesOf12_3KeepTheIndefiniteFormExactlyAsStored() {
            byte[] file = TestVectors.dtrustP384Finish();

            LogMessage log = LogMessageParser.parse(file).log().orElseThrow();

            assertThat(log.dtbsLength()).isEqualTo(124);
            assertThat(log.dtbs()).isEqualTo(Arrays.copyOfRange(file, 0x03, 0x7F));
            assertThat(Arrays.copyOfRange(log.dtbs(), 0x2E - 3, 0x37 - 3))
                    .isEqualTo(hex("A2 80 04 03 0A 14 1E 00 00"));
        }
    }

    @Nested
    class StrictDer {

        @Test
        void c1_nonMinimalOuterLengthMakesTheLogUnreadable() {
            byte[] file = TestVectors.fiskalyFinish();
            byte[] reEncoded = concat(hex("30 82 00 E3"), Arrays.copyOfRange(file, 3, file.length));

            LogVerificationResult result = LogMessageParser.parse(reEncoded);

            assertThat(result.log()).isEmpty();
            assertThat(result.hasError("C1")).isTrue();
            assertThat(result.errors().getFirst().message()).contains("non-minimal length");
        }

        @Test
        void c1_trailingBytesAreAnError() {
            byte[] withTrailer = concat(TestVectors.fiskalyFinish(), hex("00"));

            LogVerificationResult result = LogMessageParser.parse(withTrailer);

            assertThat(result.hasError("C1")).isTrue();
            assertThat(result.errors().getFirst().message()).contains("1 trailing bytes");
        }

        @Test
        void c1_aTruncatedLogIsUnreadable() {
            byte[] file = TestVectors.fiskalyFinish();

            LogVerificationResult result = LogMessageParser.parse(Arrays.copyOf(file, file.length - 1));

            assertThat(result.log()).isEmpty();
            assertThat(result.hasError("C1")).isTrue();
        }

        @Test
        void c1_aFileThatIsNotASequenceIsUnreadable() {
            LogVerificationResult result = LogMessageParser.parse(hex("31 03 02 01 02"));

            assertThat(result.log()).isEmpty();
            assertThat(result.hasError("C1")).isTrue();
        }

        @Test
        void c1_anElementWithNonMinimalLengthInsideIsUnreadable() {
            byte[] log = sequence(VERSION, TRANSACTION, tlv(0x80, "FinishTransaction"), hex("81 81 08"),
                    "KASSE-01".getBytes(StandardCharsets.US_ASCII));

            LogVerificationResult result = LogMessageParser.parse(log);

            assertThat(result.log()).isEmpty();
            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("C1");
                assertThat(f.message()).contains("clientId").contains("non-minimal length");
            });
        }

        @Test
        void c5_aPartOfIndefiniteProcessDataThatIsNotAnOctetStringIsUnreadable() {
            byte[] file = TestVectors.flip(TestVectors.dtrustP384Finish(), 0x30, 0x04 ^ 0x0C);

            LogVerificationResult result = LogMessageParser.parse(file);

            assertThat(result.log()).isEmpty();
            assertThat(result.hasError("C5")).isTrue();
        }
    }

    @Nested
    class Checks {

        @Test
        void c2_versionThreeIsUnsupported() {
            byte[] file = TestVectors.flip(TestVectors.fiskalyFinish(), 0x05, 0x02 ^ 0x03);

            LogVerificationResult result = LogMessageParser.parse(file);

            assertThat(result.hasError("C2")).isTrue();
            assertThat(result.errors().getFirst().message()).contains("unsupported format version 3");
        }

        @Test
        void c3_anUnknownLogTypeIsUnreadable() {
            byte[] file = TestVectors.flip(TestVectors.fiskalyFinish(), 0x10, 0x01 ^ 0x04);

            LogVerificationResult result = LogMessageParser.parse(file);

            assertThat(result.log()).isEmpty();
            assertThat(result.hasError("C3")).isTrue();
        }

        @Test
        void c4_certifiedDataOutOfOrderIsUnreadable() {
            byte[] swapped = concat(tlv(0x80, "FinishTransaction"), tlv(0x81, "KASSE-01"), tlv(0x82, "Beleg"),
                    hex("85 01 01"), tlv(0x83, "Kassenbeleg-V1"));

            LogVerificationResult result = LogMessageParser.parse(transactionLog(swapped));

            assertThat(result.log()).isEmpty();
            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("C4");
                assertThat(f.message()).contains("unexpected certifiedData element 83");
            });
        }

        @Test
        void c4_aMissingTransactionNumberIsUnreadable() {
            byte[] withoutNumber = concat(tlv(0x80, "StartTransaction"), tlv(0x81, "KASSE-01"), hex("82 00 83 00"));

            LogVerificationResult result = LogMessageParser.parse(transactionLog(withoutNumber));

            assertThat(result.log()).isEmpty();
            assertThat(result.hasError("C4")).isTrue();
        }

        @Test
        void c4_aLogWithoutOperationTypeIsUnreadable() {
            byte[] file = TestVectors.flip(TestVectors.fiskalyFinish(), 0x11, 0x80 ^ 0x8F);

            LogVerificationResult result = LogMessageParser.parse(file);

            assertThat(result.log()).isEmpty();
            assertThat(result.hasError("C4")).isTrue();
        }

        @Test
        void c6_aSerialNumberOfOtherThan32BytesIsAnError() {
            byte[] log = sequence(VERSION, TRANSACTION, finishData("FinishTransaction", "KASSE-01"),
                    tlv(0x04, new byte[20]), ECDSA_PLAIN_SHA256, COUNTER, UNIX_TIME, SIGNATURE);

            LogVerificationResult result = LogMessageParser.parse(log);

            assertThat(result.log()).isPresent();
            assertThat(result.errors()).extracting(Finding::check).containsExactly("C6");
        }

        @Test
        void c7_parametersAreAWarningAndAnOpenTssProfileError() {
            byte[] withNull = sequence(VERSION, TRANSACTION, finishData("FinishTransaction", "KASSE-01"), SERIAL,
                    hex("30 0E 06 0A 04 00 7F 00 07 01 01 04 01 03 05 00"), COUNTER, UNIX_TIME, SIGNATURE);

            assertThat(LogMessageParser.parse(withNull).findings())
                    .singleElement().isEqualTo(Finding.warning("C7",
                            "signatureAlgorithm has parameters 05 00; TR-03153-1 §9.6 and OpenTSS write none"));
            assertThat(LogMessageParser.parse(withNull, Profile.OPENTSS).hasError("C7")).isTrue();
        }

        @Test
        void c7_anUnknownSignatureAlgorithmIsAnError() {
            byte[] ecdsaWithSha256 = hex("30 0A 06 08 2A 86 48 CE 3D 04 03 02");
            byte[] log = sequence(VERSION, TRANSACTION, finishData("FinishTransaction", "KASSE-01"), SERIAL,
                    ecdsaWithSha256, COUNTER, UNIX_TIME, SIGNATURE);

            LogVerificationResult result = LogMessageParser.parse(log);

            assertThat(result.hasError("C7")).isTrue();
            assertThat(result.log().orElseThrow().signatureAlgorithm()).isEmpty();
            assertThat(result.log().orElseThrow().signatureAlgorithmOid()).isEqualTo("1.2.840.10045.4.3.2");
        }

        @Test
        void c8_seAuditDataOnlyInAuditLogs() {
            byte[] audit = sequence(VERSION, AUDIT, SERIAL, ECDSA_PLAIN_SHA256, tlv(0x04, "vendor"), COUNTER,
                    UNIX_TIME, SIGNATURE);
            byte[] auditWithout = sequence(VERSION, AUDIT, SERIAL, ECDSA_PLAIN_SHA256, COUNTER, UNIX_TIME, SIGNATURE);
            byte[] transactionWith = transactionLogWithTail(tlv(0x04, "vendor"), COUNTER, UNIX_TIME, SIGNATURE);

            LogVerificationResult auditResult = LogMessageParser.parse(audit);
            assertThat(auditResult.findings()).isEmpty();
            assertThat(auditResult.log().orElseThrow().certifiedDataType()).isEqualTo(CertifiedDataType.AUDIT);
            assertThat(auditResult.log().orElseThrow().seAuditData())
                    .hasValueSatisfying(d -> assertThat(d).isEqualTo("vendor".getBytes(StandardCharsets.US_ASCII)));
            assertThat(LogMessageParser.parse(auditWithout).errors()).extracting(Finding::check).containsExactly("C8");
            assertThat(LogMessageParser.parse(transactionWith).errors()).extracting(Finding::check).containsExactly("C8");
        }

        @ParameterizedTest
        @CsvSource({
            "02 01 00, outside 1 … 4294967295",
            "02 01 FF, outside 1 … 4294967295",
            "02 05 01 00 00 00 00, outside 1 … 4294967295",
            "02 02 00 09, not a minimal INTEGER encoding"
        })
        void c9_signatureCounterRangeAndEncoding(String counter, String message) {
            LogVerificationResult result = LogMessageParser.parse(
                    transactionLogWithTail(hex(counter), UNIX_TIME, SIGNATURE));

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("C9");
                assertThat(f.message()).contains("signatureCounter").contains(message);
            });
        }

        @Test
        void c9_theLargestCounterIsFine() {
            LogVerificationResult result = LogMessageParser.parse(
                    transactionLogWithTail(hex("02 05 00 FF FF FF FF"), UNIX_TIME, SIGNATURE));

            assertThat(result.findings()).isEmpty();
            assertThat(result.log().orElseThrow().signatureCounter()).isEqualTo(4_294_967_295L);
        }

        @Test
        void c9_aMissingSignatureCounterIsUnreadable() {
            LogVerificationResult result = LogMessageParser.parse(transactionLogWithTail(UNIX_TIME, SIGNATURE));

            assertThat(result.log()).isEmpty();
            assertThat(result.hasError("C9")).isTrue();
        }

        @Test
        void c9_transactionNumberZeroIsAnError() {
            byte[] data = concat(tlv(0x80, "StartTransaction"), tlv(0x81, "KASSE-01"), hex("82 00 83 00 85 01 00"));

            LogVerificationResult result = LogMessageParser.parse(transactionLog(data));

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("C9");
                assertThat(f.message()).contains("transactionNumber 0");
            });
        }

        @Test
        void c10_utcTimeIsValidButNotTheOpenTssProfile() {
            byte[] log = transactionLogWithTail(COUNTER, tlv(0x17, "210723101255Z"), SIGNATURE);

            LogVerificationResult generic = LogMessageParser.parse(log);
            LogTime time = generic.log().orElseThrow().logTime();

            assertThat(generic.errors()).isEmpty();
            assertThat(generic.warnings()).extracting(Finding::check).containsExactly("C10");
            assertThat(time.kind()).isEqualTo(LogTime.Kind.UTC_TIME);
            assertThat(time.text()).isEqualTo("210723101255Z");
            assertThat(time.instant()).isEqualTo(Instant.parse("2021-07-23T10:12:55Z"));
            assertThat(LogMessageParser.parse(log, Profile.OPENTSS).hasError("C10")).isTrue();
        }

        @ParameterizedTest
        @CsvSource({
            "18, 20210723101255Z, 2021-07-23T10:12:55Z",
            "18, 20210723101255.123Z, 2021-07-23T10:12:55.123Z",
            "18, 2021072310Z, 2021-07-23T10:00:00Z",
            "17, 2107231012Z, 2021-07-23T10:12:00Z",
            "17, 991231235959Z, 1999-12-31T23:59:59Z"
        })
        void c10_acceptsEveryTimeSyntaxOfTheSpec(String tag, String text, String instant) {
            LogVerificationResult result = LogMessageParser.parse(
                    transactionLogWithTail(COUNTER, tlv(Integer.parseInt(tag, 16), text), SIGNATURE));

            assertThat(result.errors()).isEmpty();
            assertThat(result.log().orElseThrow().logTime().instant()).isEqualTo(Instant.parse(instant));
        }

        @ParameterizedTest
        @CsvSource({
            "17, 211323101255Z", "17, 2107231012Z0", "18, 20210723101255", "18, 20210723101255.1234Z",
            "18, 20210230101255Z", "04, 20210723101255Z"
        })
        void c10_rejectsInvalidTimes(String tag, String text) {
            LogVerificationResult result = LogMessageParser.parse(
                    transactionLogWithTail(COUNTER, tlv(Integer.parseInt(tag, 16), text), SIGNATURE));

            assertThat(result.log()).isEmpty();
            assertThat(result.hasError("C10")).isTrue();
        }

        @Test
        void c10_aNonMinimalUnixTimeIsUnreadable() {
            LogVerificationResult result = LogMessageParser.parse(
                    transactionLogWithTail(COUNTER, hex("02 05 00 69 56 37 9C"), SIGNATURE));

            assertThat(result.hasError("C10")).isTrue();
        }

        @Test
        void c11_aDerSignatureIsRejected() {
            byte[] file = TestVectors.fiskalyFinish();
            byte[] rs = hex(TestVectors.FISKALY_SIGNATURE);
            // r starts with 0x50 and s with 0x17: positive INTEGERs without a leading zero, 30 44 02 20 …
            byte[] der = sequence(tlv(0x02, Arrays.copyOfRange(rs, 0, 32)), tlv(0x02, Arrays.copyOfRange(rs, 32, 64)));
            assertThat(Arrays.copyOf(der, 4)).isEqualTo(hex("30 44 02 20"));
            byte[] log = sequence(Arrays.copyOfRange(file, 0x03, 0xA4), tlv(0x04, der));

            LogVerificationResult result = LogMessageParser.parse(log);

            assertThat(result.log()).isPresent();
            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("C11");
                assertThat(f.message()).contains("70 bytes").contains("DER SEQUENCE");
            });
        }

        @Test
        void c11_aMissingSignatureIsUnreadable() {
            LogVerificationResult result = LogMessageParser.parse(transactionLogWithTail(COUNTER, UNIX_TIME));

            assertThat(result.log()).isEmpty();
            assertThat(result.hasError("C11")).isTrue();
        }

        @Test
        void c12_anUnknownTransactionOperationTypeIsAnError() {
            LogVerificationResult result = LogMessageParser.parse(
                    transactionLog(finishData("finishTransaction", "KASSE-01")));

            assertThat(result.errors()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("C12");
                assertThat(f.message()).contains("'finishTransaction'");
            });
        }

        @Test
        void c12_nonPrintableCharactersAreAWarningAndAnOpenTssProfileError() {
            byte[] log = transactionLog(finishData("FinishTransaction", "KASSE_01"));

            LogVerificationResult generic = LogMessageParser.parse(log);

            assertThat(generic.errors()).isEmpty();
            assertThat(generic.warnings()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("C12");
                assertThat(f.message()).contains("clientId 'KASSE_01'").contains("5F");
            });
            assertThat(generic.log().orElseThrow().clientId()).isEqualTo("KASSE_01");
            assertThat(LogMessageParser.parse(log, Profile.OPENTSS).hasError("C12")).isTrue();
        }

        @Test
        void c13_systemOperationDataOfContextSpecificTlvsIsFine() {
            LogMessage log = parsedWithoutFindings(systemLog(hex("81 05 61 64 6D 69 6E 82 01 00")));

            assertThat(log.certifiedDataType()).isEqualTo(CertifiedDataType.SYSTEM);
            assertThat(log.operationType()).isEqualTo("logOut");
            assertThat(log.systemOperationData()).isEqualTo(hex("81 05 61 64 6D 69 6E 82 01 00"));
        }

        @ParameterizedTest
        @CsvSource({"13 05 61 64 6D 69 6E, tag 13", "81 05 61 64, only 2 remain"})
        void c13_otherSystemOperationDataIsAWarning(String content, String message) {
            LogVerificationResult result = LogMessageParser.parse(systemLog(hex(content)));

            assertThat(result.errors()).isEmpty();
            assertThat(result.log()).isPresent();
            assertThat(result.warnings()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("C13");
                assertThat(f.message()).contains(message);
            });
        }
    }
}
