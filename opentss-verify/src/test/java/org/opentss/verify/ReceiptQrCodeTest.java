package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptQrCodeTest {

    private static final String TAIL = ";1;9;2026-01-01T09:00:00.000Z;2026-01-01T09:00:12.000Z;ecdsa-plain-SHA256;"
            + "unixTime;SIG;KEY";

    @Test
    void splitsTheGoldenQrCodeIntoItsTwelveFields() {
        ReceiptQrCode qr = ReceiptQrCode.parse(TestVectors.GOLDEN_QR);

        assertThat(qr).isEqualTo(new ReceiptQrCode("V0", "KASSE-01", "Kassenbeleg-V1",
                "Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar", "1", "9", "2026-01-01T09:00:00.000Z",
                "2026-01-01T09:00:12.000Z", "ecdsa-plain-SHA256", "unixTime",
                "9irXgzsGnn9vIJXzFQHTvot+UHHGUIjVqFjQpx8dFCVzbEL1lUMafXhtjhBon1Dd88XD/Y+YPzMAcP8NjkXMPA==",
                TestVectors.GOLDEN_PUBLIC_KEY_BASE64));
    }

    @Test
    void processDataKeepsItsSemicolonsAndLineBreaks() {
        String processData = "1;\"Kaffee\";2.50\r\n2;\"Wasser; still\";1.80";

        ReceiptQrCode qr = ReceiptQrCode.parse("V0;KASSE-01;Bestellung-V1;" + processData + TAIL);

        assertThat(qr.processType()).isEqualTo("Bestellung-V1");
        assertThat(qr.processData()).isEqualTo(processData);
        assertThat(qr.transactionNumber()).isEqualTo("1");
        assertThat(qr.publicKey()).isEqualTo("KEY");
    }

    @Test
    void processDataMayBeEmpty() {
        ReceiptQrCode qr = ReceiptQrCode.parse("V0;KASSE-01;SonstigerVorgang;" + TAIL);

        assertThat(qr.processData()).isEmpty();
        assertThat(qr.transactionNumber()).isEqualTo("1");
    }

    @Test
    void fieldsAreNotTrimmed() {
        ReceiptQrCode qr = ReceiptQrCode.parse("V0; KASSE-01 ; ; x " + TAIL);

        assertThat(qr.clientId()).isEqualTo(" KASSE-01 ");
        assertThat(qr.processType()).isEqualTo(" ");
        assertThat(qr.processData()).isEqualTo(" x ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "V0", "V0;KASSE-01;Kassenbeleg-V1", "V0;A;B;1;9;a;b;c;d;e;f",
        "V0;KASSE-01;Kassenbeleg-V1;1;9;2026-01-01T09:00:00.000Z;2026-01-01T09:00:12.000Z;ecdsa-plain-SHA256;unixTime;S;K"})
    void fewerThanTwelveFieldsAreRejected(String qr) {
        assertThatThrownBy(() -> ReceiptQrCode.parse(qr)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twelve fields");
    }
}
