package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.verify.TestDer.sequence;
import static org.opentss.verify.TestDer.tlv;
import static org.opentss.verify.TestVectors.hex;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogSignatureVerifierTest {

    private static LogMessage parse(byte[] file) {
        return LogMessageParser.parse(file).log().orElseThrow();
    }

    /** {@code file} with its signatureValue content (the last {@code length} bytes) replaced. */
    private static byte[] withSignature(byte[] file, byte[] signature) {
        byte[] copy = file.clone();
        System.arraycopy(signature, 0, copy, copy.length - signature.length, signature.length);
        return copy;
    }

    @Test
    void theFiskalyFinishLogOf12_1Verifies() {
        assertThat(LogSignatureVerifier.verify(parse(TestVectors.fiskalyFinish()), TestVectors.FISKALY_PUBLIC_KEY))
                .isEmpty();
    }

    @Test
    void theFiskalyStartLogOf12_2Verifies() {
        assertThat(LogSignatureVerifier.verify(parse(TestVectors.fiskalyStart()), TestVectors.FISKALY_PUBLIC_KEY))
                .isEmpty();
    }

    @Test
    void theP384LogOf12_3VerifiesOverTheIndefiniteFormAsStored() {
        assertThat(LogSignatureVerifier.verify(parse(TestVectors.dtrustP384Finish()), TestVectors.DTRUST_P384_PUBLIC_KEY))
                .isEmpty();
    }

    @Test
    void theP384LogOf12_3VerifiesWithAnX509V1Certificate() {
        byte[] certificate = TestVectors.resource("vectors/certificates/dtrust-p384-v1.der");

        assertThat(LogSignatureVerifier.verifyWithCertificate(parse(TestVectors.dtrustP384Finish()), certificate))
                .isEmpty();
    }

    @Test
    void n1_oneFlippedProcessDataByteIsASignatureError() {
        byte[] tampered = TestVectors.flip(TestVectors.fiskalyFinish(), 0x35, 0x01); // "62.00" → "63.00"

        List<Finding> findings = LogSignatureVerifier.verify(parse(tampered), TestVectors.FISKALY_PUBLIC_KEY);

        assertThat(findings).extracting(Finding::check).containsExactly("E5");
    }

    @Test
    void aChangedByteInsideTheIndefinitePartsIsASignatureError() {
        byte[] tampered = TestVectors.flip(TestVectors.dtrustP384Finish(), 0x33, 0x01);

        assertThat(LogSignatureVerifier.verify(parse(tampered), TestVectors.DTRUST_P384_PUBLIC_KEY))
                .extracting(Finding::check).containsExactly("E5");
    }

    @Test
    void e1_anotherTssKeyDoesNotMatchTheSerialNumberNorVerify() {
        List<Finding> findings = LogSignatureVerifier.verify(parse(TestVectors.fiskalyFinish()),
                TestVectors.GOLDEN_PUBLIC_KEY);

        assertThat(findings).extracting(Finding::check).containsExactly("E1", "E5");
        assertThat(findings.getFirst().message()).contains(TestVectors.FISKALY_SERIAL, TestVectors.GOLDEN_SERIAL);
    }

    @Test
    void e1_aCertificateOfAnotherKeyDoesNotMatch() {
        byte[] certificate = TestVectors.resource("vectors/certificates/golden-tss-p256.der");

        assertThat(LogSignatureVerifier.verifyWithCertificate(parse(TestVectors.fiskalyFinish()), certificate))
                .extracting(Finding::check).containsExactly("E1", "E5");
    }

    @Test
    void e3_zeroRAndSAreOutOfRange() {
        byte[] zeros = withSignature(TestVectors.fiskalyFinish(), new byte[64]);

        assertThat(LogSignatureVerifier.verify(parse(zeros), TestVectors.FISKALY_PUBLIC_KEY))
                .extracting(Finding::check).containsExactly("E3");
    }

    @Test
    void e3_rOfAtLeastTheOrderIsOutOfRange() {
        byte[] rs = hex(TestVectors.FISKALY_SIGNATURE);
        Arrays.fill(rs, 0, 32, (byte) 0xFF);

        assertThat(LogSignatureVerifier.verify(parse(withSignature(TestVectors.fiskalyFinish(), rs)),
                TestVectors.FISKALY_PUBLIC_KEY)).extracting(Finding::check).containsExactly("E3");
    }

    @Test
    void n5_aDerSignatureIsC11AgainstTheKeysCurve() {
        byte[] file = TestVectors.fiskalyFinish();
        byte[] rs = hex(TestVectors.FISKALY_SIGNATURE);
        byte[] der = sequence(tlv(0x02, Arrays.copyOfRange(rs, 0, 32)), tlv(0x02, Arrays.copyOfRange(rs, 32, 64)));
        byte[] log = sequence(Arrays.copyOfRange(file, 0x03, 0xA4), tlv(0x04, der));

        List<Finding> findings = LogSignatureVerifier.verify(parse(log), TestVectors.FISKALY_PUBLIC_KEY);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("C11");
            assertThat(f.message()).contains("70 bytes").contains("has 64");
        });
    }

    @Test
    void b2_aPublicKeyThatIsNotAnUncompressedPointIsRejected() {
        LogMessage log = parse(TestVectors.fiskalyFinish());
        byte[] compressed = Arrays.copyOf(TestVectors.FISKALY_PUBLIC_KEY, 33);
        compressed[0] = 0x02;

        assertThat(LogSignatureVerifier.verify(log, compressed)).extracting(Finding::check).containsExactly("B2");
        assertThat(LogSignatureVerifier.verify(log, new byte[0])).extracting(Finding::check).containsExactly("B2");
    }

    @Test
    void b2_aPointOnNoCandidateCurveIsRejected() {
        byte[] offCurve = TestVectors.flip(TestVectors.FISKALY_PUBLIC_KEY, 64, 0x01);

        List<Finding> findings = LogSignatureVerifier.verify(parse(TestVectors.fiskalyFinish()), offCurve);

        assertThat(findings).extracting(Finding::check).containsExactly("E1", "B2");
        assertThat(findings.getLast().message()).contains("P-256").contains("brainpoolP256r1");
    }

    @Test
    void aBrainpoolP256r1KeyVerifiesAfterP256IsTried() {
        TestSigner brainpool = new TestSigner(EcCurve.BRAINPOOL_P256R1, new BigInteger("1f2e3d4c5b6a79880f", 16));
        byte[] log = resignedGoldenFinish(brainpool);

        assertThat(LogSignatureVerifier.verify(parse(log), brainpool.publicPoint())).isEmpty();
        assertThat(LogSignatureVerifier.verify(parse(TestVectors.flip(log, 0x30, 0x01)), brainpool.publicPoint()))
                .extracting(Finding::check).containsExactly("E5");
    }

    @Test
    void e2_ecSdsaIsRecognisedButNotChecked() {
        byte[] file = TestVectors.flip(TestVectors.golden(9), 0x9C, 0x01 ^ 0x04); // …04 01 03 → …04 04 03
        LogMessage log = parse(file);
        assertThat(log.signatureAlgorithm()).contains(SignatureAlgorithm.ECSDSA_PLAIN_SHA384);

        assertThat(LogSignatureVerifier.verify(log, TestVectors.GOLDEN_PUBLIC_KEY)).singleElement()
                .satisfies(f -> assertThat(f).isEqualTo(Finding.warning("E2",
                        "signature not checked: ecsdsa-plain-SHA384 is not implemented")));
    }

    /** Golden Sig-9 with the serial number and signature of another key. */
    private static byte[] resignedGoldenFinish(TestSigner signer) {
        byte[] file = TestVectors.golden(9);
        byte[] serial = HashFunction.SHA_256.hash(signer.publicPoint());
        System.arraycopy(serial, 0, file, 0x70, 32);
        byte[] dtbs = parse(file).dtbs();
        return withSignature(file, signer.sign(HashFunction.SHA_256, dtbs));
    }
}
