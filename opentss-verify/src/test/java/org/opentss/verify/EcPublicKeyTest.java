package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opentss.verify.TestVectors.hex;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EcPublicKeyTest {

    private static final String P256_ALGORITHM = "30 13 06 07 2A 86 48 CE 3D 02 01 06 08 2A 86 48 CE 3D 03 01 07";
    private static final String P384_ALGORITHM = "30 10 06 07 2A 86 48 CE 3D 02 01 06 05 2B 81 04 00 22";

    @Test
    void aBarePointIsTriedOnEveryCurveOfItsLength() {
        EcPublicKey p256 = EcPublicKey.ofPoint(TestVectors.GOLDEN_PUBLIC_KEY);
        EcPublicKey p384 = EcPublicKey.ofPoint(TestVectors.DTRUST_P384_PUBLIC_KEY);

        assertThat(p256.candidateCurves()).containsExactly(EcCurve.P_256, EcCurve.BRAINPOOL_P256R1);
        assertThat(p384.candidateCurves()).containsExactly(EcCurve.P_384, EcCurve.BRAINPOOL_P384R1);
        assertThat(EcPublicKey.ofPoint(pointOfLength(129)).candidateCurves()).containsExactly(EcCurve.BRAINPOOL_P512R1);
        assertThat(EcPublicKey.ofPoint(pointOfLength(133)).candidateCurves()).containsExactly(EcCurve.P_521);
    }

    @Test
    void theSerialNumberIsSha256OfThePoint() {
        assertThat(HexFormat.of().formatHex(EcPublicKey.ofPoint(TestVectors.GOLDEN_PUBLIC_KEY).serialNumber()))
                .isEqualTo(TestVectors.GOLDEN_SERIAL);
        assertThat(HexFormat.of().formatHex(EcPublicKey.ofPoint(TestVectors.DTRUST_P384_PUBLIC_KEY).serialNumber()))
                .isEqualTo(TestVectors.DTRUST_SERIAL);
    }

    @Test
    void rejectsWhatIsNotAnUncompressedPoint() {
        byte[] wrongPrefix = TestVectors.GOLDEN_PUBLIC_KEY.clone();
        wrongPrefix[0] = 0x03;

        assertThatThrownBy(() -> EcPublicKey.ofPoint(wrongPrefix)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first byte 03");
        assertThatThrownBy(() -> EcPublicKey.ofPoint(pointOfLength(64))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 bytes");
    }

    @Test
    void aCertificateNamesItsCurve() {
        EcPublicKey v3 = EcPublicKey.ofCertificate(TestVectors.resource("vectors/certificates/golden-tss-p256.der"));
        EcPublicKey v1 = EcPublicKey.ofCertificate(TestVectors.resource("vectors/certificates/dtrust-p384-v1.der"));

        assertThat(v3.candidateCurves()).containsExactly(EcCurve.P_256);
        assertThat(v3.point()).isEqualTo(TestVectors.GOLDEN_PUBLIC_KEY);
        assertThat(v1.candidateCurves()).containsExactly(EcCurve.P_384);
        assertThat(v1.point()).isEqualTo(TestVectors.DTRUST_P384_PUBLIC_KEY);
    }

    @Test
    void aCertificateWithTrailingBytesIsRejected() {
        byte[] certificate = TestDer.concat(TestVectors.resource("vectors/certificates/golden-tss-p256.der"), hex("00"));

        assertThatThrownBy(() -> EcPublicKey.ofCertificate(certificate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void aSubjectPublicKeyInfoMustBeAnEcKeyWhosePointFitsTheNamedCurve() {
        byte[] p256 = spki(P256_ALGORITHM, TestVectors.GOLDEN_PUBLIC_KEY);
        byte[] mismatch = spki(P384_ALGORITHM, TestVectors.GOLDEN_PUBLIC_KEY);
        byte[] rsa = spki("30 0D 06 09 2A 86 48 86 F7 0D 01 01 01 05 00", TestVectors.GOLDEN_PUBLIC_KEY);

        assertThat(EcPublicKey.ofSubjectPublicKeyInfo(p256).candidateCurves()).containsExactly(EcCurve.P_256);
        assertThatThrownBy(() -> EcPublicKey.ofSubjectPublicKeyInfo(mismatch))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot lie on P-384");
        assertThatThrownBy(() -> EcPublicKey.ofSubjectPublicKeyInfo(rsa))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not id-ecPublicKey");
    }

    private static byte[] spki(String algorithm, byte[] point) {
        return TestDer.sequence(hex(algorithm), TestDer.tlv(0x03, TestDer.concat(hex("00"), point)));
    }

    private static byte[] pointOfLength(int length) {
        byte[] point = new byte[length];
        point[0] = 0x04;
        return point;
    }
}
