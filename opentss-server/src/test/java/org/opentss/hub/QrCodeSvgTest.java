package org.opentss.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrCodeSvgTest {

    private static final String RECEIPT = "V0;KASSE-01;Kassenbeleg-V1;Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Bar;1;2;"
            + "2026-12-07T20:07:08.745Z;2026-12-07T20:07:08.845Z;ecdsa-plain-SHA256;unixTime;"
            + "MEUCIQDJ3K8r9Xw6S0mJx1x0G9Hc3b5c0wq0dVb8x2n3y4z5AAIgc2lnbmF0dXJlIG9mIHRoZSBmaW5pc2g=;"
            + "BHhQz0aZ8sWn5b2l7Q3xYtVd1m9c0kR4s6u8w0y2A4C6E8G0I2K4M6O8Q0S2U4W6Y8a0c2e4g6i8k0m2o4q6s8u8=";
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\" width=\"(\\d+)\" "
            + "height=\"(\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");

    @Test
    void aReceiptsCodeReadsBackToItsData() throws Exception {
        assertThat(read(QrCodeSvg.of(RECEIPT, "Receipt QR code"))).isEqualTo(RECEIPT);
    }

    @Test
    void dataBeyondLatin1ReadsBackAsUtf8() throws Exception {
        String data = RECEIPT.replace("KASSE-01", "Kasse-Č-01");
        assertThat(read(QrCodeSvg.of(data, "Receipt QR code"))).isEqualTo(data);
    }

    @Test
    void everyModuleIsThreeWholeCssPixels() {
        Matcher size = VIEW_BOX.matcher(QrCodeSvg.of(RECEIPT, "Receipt QR code"));
        assertThat(size.find()).isTrue();
        int modules = Integer.parseInt(size.group(1));
        assertThat(modules).isEqualTo(Integer.parseInt(size.group(2))).isGreaterThan(21 + 8);
        assertThat(Integer.parseInt(size.group(3))).isEqualTo(3 * modules);
        assertThat(Integer.parseInt(size.group(4))).isEqualTo(3 * modules);
    }

    @Test
    void theLabelIsEscaped() {
        assertThat(QrCodeSvg.of(RECEIPT, "Beleg <1> & \"2\""))
                .contains("aria-label=\"Beleg &lt;1&gt; &amp; &quot;2&quot;\"");
    }

    @Test
    void dataTooLongForAnyQrCodeIsRefused() {
        assertThatThrownBy(() -> QrCodeSvg.of("x".repeat(3000), "too long"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    /** Draws the SVG's modules at 3 px each, as the browser does, and reads the code from those pixels. */
    private static String read(String svg) throws Exception {
        Matcher size = VIEW_BOX.matcher(svg);
        assertThat(size.find()).isTrue();
        int scale = Integer.parseInt(size.group(3)) / Integer.parseInt(size.group(1));
        int side = Integer.parseInt(size.group(3));
        int[] pixels = new int[side * side];
        Arrays.fill(pixels, 0xffffffff);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1)) * scale;
            int y = Integer.parseInt(module.group(2)) * scale;
            for (int dy = 0; dy < scale; dy++) {
                Arrays.fill(pixels, (y + dy) * side + x, (y + dy) * side + x + scale, 0xff000000);
            }
        }
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side,
                pixels))), Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
    }
}
