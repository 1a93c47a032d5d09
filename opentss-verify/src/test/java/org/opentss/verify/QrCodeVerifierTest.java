package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QrCodeVerifierTest {

    private static QrVerificationResult verify(String qr) {
        return QrCodeVerifier.verify(qr);
    }

    private static void assertInvalid(QrVerificationResult result, String check) {
        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).extracting(Finding::check).containsExactly(check);
        assertThat(result.curve()).isEmpty();
    }

    @Test
    void theFiskalyQrCodeOf12_1IsValidOnP256() {
        QrVerificationResult result = verify(TestVectors.FISKALY_QR);

        assertThat(result.findings()).isEmpty();
        assertThat(result.isValid()).isTrue();
        assertThat(result.curve()).contains(EcCurve.P_256);
    }

    @Test
    void theDtbsRebuiltFromThe12_1QrCodeIsTheFinishLogsDtbs() {
        ReceiptQrCode qr = ReceiptQrCode.parse(TestVectors.FISKALY_QR);
        byte[] logTime = QrCodeDtbs.logTimeTlv(Instant.parse(qr.logTime()), qr.logTimeFormat());

        byte[] dtbs = QrCodeDtbs.build(qr, TestVectors.hex(TestVectors.FISKALY_SERIAL),
                SignatureAlgorithm.ECDSA_PLAIN_SHA256, logTime);

        assertThat(dtbs).isEqualTo(LogMessageParser.parse(TestVectors.fiskalyFinish()).log().orElseThrow().dtbs());
        assertThat(TestVectors.sha256Hex(dtbs)).isEqualTo(TestVectors.FISKALY_DTBS_SHA256);
    }

    @Test
    void theGoldenQrCodeIsValidAndRebuildsTheGoldenFinishLog() {
        ReceiptQrCode qr = ReceiptQrCode.parse(TestVectors.GOLDEN_QR);
        byte[] logTime = QrCodeDtbs.logTimeTlv(Instant.parse(qr.logTime()), qr.logTimeFormat());

        assertThat(verify(TestVectors.GOLDEN_QR).findings()).isEmpty();
        assertThat(QrCodeDtbs.build(qr, TestVectors.hex(TestVectors.GOLDEN_SERIAL),
                SignatureAlgorithm.ECDSA_PLAIN_SHA256, logTime))
                .isEqualTo(LogMessageParser.parse(TestVectors.golden(9)).log().orElseThrow().dtbs());
    }

    @Test
    void theBrainpoolP384r1QrCodeOf12_4IsValidOnlyOnBrainpool() {
        QrVerificationResult result = verify(TestVectors.BRAINPOOL_P384_QR);

        assertThat(result.findings()).isEmpty();
        assertThat(result.curve()).contains(EcCurve.BRAINPOOL_P384R1);
    }

    @Test
    void correctingTheMisspeltProcessTypeOf12_4MakesItInvalid() {
        String corrected = TestVectors.BRAINPOOL_P384_QR.replace(";KassenBeleg-V1;", ";Kassenbeleg-V1;");
        assertThat(corrected).isNotEqualTo(TestVectors.BRAINPOOL_P384_QR);

        QrVerificationResult result = verify(corrected);

        assertInvalid(result, "Q7");
        assertThat(result.errors().getFirst().message()).startsWith("QR SIGNATURE INVALID");
    }

    @Test
    void n10_oneChangedDigitOfProcessDataMakesItInvalid() {
        String tampered = TestVectors.GOLDEN_QR.replace("^21.42:Unbar", "^21.43:Unbar");
        assertThat(tampered).isNotEqualTo(TestVectors.GOLDEN_QR);

        assertInvalid(verify(tampered), "Q7");
    }

    @Test
    void n10_theCaseOfOneLetterOfTheCashRegisterSerialMatters() {
        String serialCase = TestVectors.GOLDEN_QR.replace("V0;KASSE-01;", "V0;KASSe-01;");
        assertThat(serialCase).isNotEqualTo(TestVectors.GOLDEN_QR);

        assertInvalid(verify(serialCase), "Q7");
    }

    @Test
    void n11_anotherTimeFormatMakesItInvalid() {
        String tampered = TestVectors.GOLDEN_QR.replace(";unixTime;", ";generalizedTime;");
        assertThat(tampered).isNotEqualTo(TestVectors.GOLDEN_QR);

        assertInvalid(verify(tampered), "Q7");
    }

    @Test
    void q1_onlyVersionV0IsKnown() {
        QrVerificationResult result = verify("V1" + TestVectors.GOLDEN_QR.substring(2));

        assertInvalid(result, "Q1");
        assertThat(result.qrCode()).isPresent();
    }

    @Test
    void q1_aStringWithoutTwelveFieldsIsRejected() {
        QrVerificationResult result = verify("V0;KASSE-01;Kassenbeleg-V1;Beleg");

        assertInvalid(result, "Q1");
        assertThat(result.qrCode()).isEmpty();
    }

    @Test
    void q1_theCountersMustBeDecimal() {
        String qr = TestVectors.GOLDEN_QR.replace(":Unbar;1;9;", ":Unbar;1;x9;");
        assertThat(qr).isNotEqualTo(TestVectors.GOLDEN_QR);

        assertInvalid(verify(qr), "Q1");
    }

    @Test
    void q2_aSubjectPublicKeyInfoIsAcceptedWithAWarning() {
        byte[] spki = TestDer.concat(TestVectors.hex("30 59 30 13 06 07 2A 86 48 CE 3D 02 01 06 08 2A 86 48 CE 3D 03 01 07"
                + " 03 42 00"), TestVectors.GOLDEN_PUBLIC_KEY);
        String qr = TestVectors.GOLDEN_QR.replace(TestVectors.GOLDEN_PUBLIC_KEY_BASE64,
                Base64.getEncoder().encodeToString(spki));

        QrVerificationResult result = verify(qr);

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).extracting(Finding::check).containsExactly("Q2");
        assertThat(result.curve()).contains(EcCurve.P_256);
    }

    @ParameterizedTest
    @CsvSource({"not base64!", "AAECAw==", "''"})
    void q2_aFieldTwelveThatIsNoKeyIsRejected(String publicKey) {
        String qr = TestVectors.GOLDEN_QR.replace(TestVectors.GOLDEN_PUBLIC_KEY_BASE64, publicKey);

        assertInvalid(verify(qr), "Q2");
    }

    @Test
    void q4_anUnknownAlgorithmIsRejected() {
        assertInvalid(verify(TestVectors.GOLDEN_QR.replace(";ecdsa-plain-SHA256;", ";ecdsa-with-SHA256;")), "Q4");
    }

    @Test
    void q5_unixTimeCannotHaveMilliseconds() {
        assertInvalid(verify(TestVectors.GOLDEN_QR.replace("09:00:12.000Z", "09:00:12.500Z")), "Q5");
    }

    @ParameterizedTest
    @CsvSource({"unixTime, unixtime", "2026-01-01T09:00:12.000Z, 2026-01-01 09:00:12", "2026-01-01T09:00:12.000Z, 2026-13-01T09:00:12.000Z"})
    void q5_anUnknownFormatOrAMalformedLogTimeIsRejected(String from, String to) {
        assertInvalid(verify(TestVectors.GOLDEN_QR.replace(";" + from + ";", ";" + to + ";")), "Q5");
    }

    @Test
    void q5_utcTimePrintedForATimeWithSecondsIsValidWithAWarning() {
        String qr = signedGoldenFinishQr("utcTime", "2601010900" + "12Z", (byte) 0x17);

        QrVerificationResult result = verify(qr);

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).extracting(Finding::check).containsExactly("Q5");
    }

    @Test
    void q5_generalizedTimeWithMillisecondsIsRebuiltAsSpecified() {
        String qr = signedGoldenFinishQr("generalizedTimeWithMilliseconds", "20260101090012.000Z", (byte) 0x18);

        assertThat(verify(qr).findings()).isEmpty();
    }

    @Test
    void q7_aSignatureOfTheWrongLengthIsRejected() {
        String signature = ReceiptQrCode.parse(TestVectors.GOLDEN_QR).signature();
        String shortened = Base64.getEncoder().encodeToString(
                Arrays.copyOf(Base64.getDecoder().decode(signature), 63));

        QrVerificationResult result = verify(TestVectors.GOLDEN_QR.replace(signature, shortened));

        assertInvalid(result, "Q7");
        assertThat(result.errors().getFirst().message()).contains("63 bytes");
    }

    @Test
    void q8_aStartAfterTheFinishIsAWarningOnly() {
        QrVerificationResult result = verify(TestVectors.GOLDEN_QR.replace("2026-01-01T09:00:00.000Z",
                "2026-01-01T09:30:00.000Z"));

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).extracting(Finding::check).containsExactly("Q8");
    }

    /**
     * The golden Finish log's QR code as if its TSE wrote logTime in another format, signed with the
     * golden private key: the spec has no such vector.
     */
    private static String signedGoldenFinishQr(String format, String signedTime, byte timeTag) {
        byte[] file = TestVectors.golden(9);
        LogMessage log = LogMessageParser.parse(file).log().orElseThrow();
        byte[] dtbs = log.dtbs();
        byte[] withoutTime = Arrays.copyOf(dtbs, dtbs.length - 6); // 02 04 69 56 37 9C
        byte[] newDtbs = TestDer.concat(withoutTime, TestDer.tlv(timeTag, signedTime));
        byte[] signature = new TestSigner(EcCurve.P_256, TestSigner.GOLDEN_PRIVATE_KEY)
                .sign(HashFunction.SHA_256, newDtbs);
        ReceiptQrCode golden = ReceiptQrCode.parse(TestVectors.GOLDEN_QR);
        return TestVectors.GOLDEN_QR
                .replace(";unixTime;", ";" + format + ";")
                .replace(golden.signature(), Base64.getEncoder().encodeToString(signature));
    }
}
