package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The façade the server's tests call. */
class VerifierTest {

    @Test
    void aValidLogComesBackParsed() {
        LogVerificationResult result = Verifier.verifyLog(TestVectors.fiskalyFinish(), TestVectors.FISKALY_PUBLIC_KEY);

        assertThat(result.isValid()).isTrue();
        assertThat(result.findings()).isEmpty();
        assertThat(result.log().orElseThrow().signatureCounter()).isEqualTo(16);
    }

    @Test
    void aP384LogVerifiesWithItsBarePoint() {
        LogVerificationResult result = Verifier.verifyLog(TestVectors.dtrustP384Finish(),
                TestVectors.DTRUST_P384_PUBLIC_KEY);

        assertThat(result.findings()).isEmpty();
    }

    @Test
    void parseAndKeyFindingsAreReportedTogether() {
        byte[] withTrailer = Arrays.copyOf(TestVectors.fiskalyFinish(), 231);

        LogVerificationResult result = Verifier.verifyLog(withTrailer, TestVectors.GOLDEN_PUBLIC_KEY);

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).extracting(Finding::check).containsExactly("C1", "E1", "E5");
        assertThat(result.log()).isPresent();
    }

    @Test
    void anUnreadableLogIsNotVerified() {
        LogVerificationResult result = Verifier.verifyLog(new byte[] {0x30, 0x00}, TestVectors.GOLDEN_PUBLIC_KEY);

        assertThat(result.isValid()).isFalse();
        assertThat(result.log()).isEmpty();
        assertThat(result.errors()).extracting(Finding::check).containsExactly("C2");
    }

    @Test
    void theOpenTssProfileTurnsDeviationsIntoErrors() {
        byte[] file = TestVectors.fiskalyFinish();

        assertThat(Verifier.parseLog(file, Profile.OPENTSS).findings()).isEmpty();
        assertThat(Verifier.verifyLog(file, TestVectors.FISKALY_PUBLIC_KEY, Profile.OPENTSS).isValid()).isTrue();
    }

    @Test
    void aCertificateThatIsNotOneIsB2() {
        LogVerificationResult result = Verifier.verifyLogWithCertificate(TestVectors.golden(9), new byte[] {0x30, 0x00},
                Profile.OPENTSS);

        assertThat(result.errors()).extracting(Finding::check).containsExactly("B2");
    }

    @Test
    void qrCodesAreVerifiedFromTheirFieldsAlone() {
        assertThat(Verifier.verifyQr(TestVectors.GOLDEN_QR).isValid()).isTrue();
        assertThat(Verifier.verifyQr(TestVectors.GOLDEN_QR.replace("KASSE-01", "KASSE-02")).isValid()).isFalse();
    }
}
