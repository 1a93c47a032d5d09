package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.verify.TestVectors.GOLDEN;
import static org.opentss.verify.TestVectors.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.opentss.verify.TestVectors.GoldenLog;

/** The thirteen logs of the OpenTSS golden sequence (tse-formats.md §12.5). */
class GoldenSequenceTest {

    @ParameterizedTest
    @FieldSource("org.opentss.verify.TestVectors#GOLDEN")
    void theCopiedBytesAreTheSpecsBytes(GoldenLog golden) {
        byte[] file = golden.bytes();

        assertThat(file).hasSize(golden.length());
        assertThat(TestVectors.sha256Hex(file)).isEqualTo(golden.sha256());
    }

    @ParameterizedTest
    @FieldSource("org.opentss.verify.TestVectors#GOLDEN")
    void parsesUnderTheOpenTssProfileWithoutFindings(GoldenLog golden) {
        LogVerificationResult result = LogMessageParser.parse(golden.bytes(), Profile.OPENTSS);
        LogMessage log = result.log().orElseThrow();

        assertThat(result.findings()).isEmpty();
        assertThat(log.signatureCounter()).isEqualTo(golden.counter());
        assertThat(log.operationType()).isEqualTo(golden.operationType());
        assertThat(log.logTime().kind()).isEqualTo(LogTime.Kind.UNIX_TIME);
        assertThat(log.logTime().epochSecond()).isEqualTo(golden.logTime());
        assertThat(log.certifiedDataType()).isEqualTo(golden.fileName().contains("_Log-Tra_")
                ? CertifiedDataType.TRANSACTION : CertifiedDataType.SYSTEM);
        assertThat(log.serialNumberHex()).isEqualTo(TestVectors.GOLDEN_SERIAL);
        assertThat(log.signatureAlgorithm()).contains(SignatureAlgorithm.ECDSA_PLAIN_SHA256);
        assertThat(log.dtbsOffset()).isEqualTo(3);
        assertThat(log.dtbsLength()).isEqualTo(golden.length() - 3 - 66);
    }

    @ParameterizedTest
    @FieldSource("org.opentss.verify.TestVectors#GOLDEN")
    void verifiesWithTheGoldenPublicKey(GoldenLog golden) {
        LogVerificationResult result = Verifier.verifyLog(golden.bytes(), TestVectors.GOLDEN_PUBLIC_KEY, Profile.OPENTSS);

        assertThat(result.findings()).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @ParameterizedTest
    @FieldSource("org.opentss.verify.TestVectors#GOLDEN")
    void verifiesWithTheGoldenCertificate(GoldenLog golden) {
        byte[] certificate = TestVectors.resource("vectors/certificates/golden-tss-p256.der");

        LogVerificationResult result = Verifier.verifyLogWithCertificate(golden.bytes(), certificate, Profile.OPENTSS);

        assertThat(result.findings()).isEmpty();
    }

    @Test
    void theCountersAreOneToThirteenAndTimeNeverGoesBack() {
        List<LogMessage> logs = GOLDEN.stream()
                .map(golden -> LogMessageParser.parse(golden.bytes()).log().orElseThrow()).toList();

        assertThat(logs).extracting(LogMessage::signatureCounter)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(logs).extracting(log -> log.logTime().epochSecond()).isSorted();
    }

    @Test
    void theStartLogIsTheWorkedExampleOf1_8() {
        byte[] file = TestVectors.golden(8);

        LogMessage log = LogMessageParser.parse(file).log().orElseThrow();

        assertThat(log.clientId()).isEqualTo("KASSE-01");
        assertThat(log.processData()).isEmpty();
        assertThat(log.processType()).contains("");
        assertThat(log.transactionNumber()).isEqualTo(1);
        assertThat(log.dtbs()).isEqualTo(Arrays.copyOfRange(file, 0x03, 0x6D)).hasSize(106);
    }

    @Test
    void theFinishLogCarriesTheReceipt() {
        LogMessage log = LogMessageParser.parse(TestVectors.golden(9)).log().orElseThrow();

        assertThat(log.clientId()).isEqualTo("KASSE-01");
        assertThat(new String(log.processData(), StandardCharsets.UTF_8))
                .isEqualTo("Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar");
        assertThat(log.processType()).contains("Kassenbeleg-V1");
        assertThat(log.transactionNumber()).isEqualTo(1);
    }

    @Test
    void systemLogsCarryTheirOperationData() {
        assertThat(LogMessageParser.parse(TestVectors.golden(1)).log().orElseThrow().systemOperationData())
                .isEqualTo(hex("81 01 00 82 04 69 56 29 80"));
        assertThat(LogMessageParser.parse(TestVectors.golden(6)).log().orElseThrow().systemOperationData())
                .isEqualTo(hex("81 08 4B 41 53 53 45 2D 30 31"));
        assertThat(LogMessageParser.parse(TestVectors.golden(13)).log().orElseThrow().systemOperationData())
                .isEqualTo(hex("81 04 69 56 45 BE"));
    }

    @Test
    void n1_oneChangedProcessDataByteMakesTheFinishLogsSignatureInvalid() {
        byte[] tampered = TestVectors.flip(TestVectors.golden(9), 0x30, 0x01); // 'B' of "Beleg" → 'C'

        LogVerificationResult result = Verifier.verifyLog(tampered, TestVectors.GOLDEN_PUBLIC_KEY);

        assertThat(result.errors()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("E5");
            assertThat(f.message()).startsWith("SIGNATURE INVALID");
        });
        assertThat(new String(result.log().orElseThrow().processData(), StandardCharsets.UTF_8)).startsWith("Celeg");
    }
}
