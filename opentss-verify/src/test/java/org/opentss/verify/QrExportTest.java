package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Q9: a receipt QR code against a TAR export (tse-formats.md §11.3). */
class QrExportTest {

    @TempDir
    Path dir;

    private Path write(TestExport export) throws IOException {
        return Files.write(dir.resolve("export.tar"), export.tar());
    }

    @Test
    void theGoldenQrCodeMatchesTheGoldenExport() throws IOException {
        QrVerificationResult result = Verifier.verifyQr(TestVectors.GOLDEN_QR, write(TestExport.golden()));

        assertThat(result.findings()).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @Test
    void anExportWithoutTheFinishLogIsQ9() throws IOException {
        Path tar = write(TestExport.golden().remove(TestExport.goldenName(9)));

        QrVerificationResult result = Verifier.verifyQr(TestVectors.GOLDEN_QR, tar);

        assertThat(result.errors()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("Q9");
            assertThat(f.message()).contains("no Finish log").contains("signature counter 9");
        });
    }

    @Test
    void anExportWithoutTheStartLogIsQ9() throws IOException {
        Path tar = write(TestExport.golden().remove(TestExport.goldenName(8)));

        QrVerificationResult result = Verifier.verifyQr(TestVectors.GOLDEN_QR, tar);

        assertThat(result.errors()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("Q9");
            assertThat(f.message()).contains("no Start log of transaction 1");
        });
    }

    @Test
    void aStartTimeThatIsNotTheStartLogsIsQ9() throws IOException {
        // field 7 is not signed: only the export shows that it is wrong
        String qr = TestVectors.GOLDEN_QR.replace("2026-01-01T09:00:00.000Z", "2026-01-01T08:59:59.000Z");

        QrVerificationResult result = Verifier.verifyQr(qr, write(TestExport.golden()));

        assertThat(Verifier.verifyQr(qr).findings()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("Q9");
            assertThat(f.message()).contains("field 7");
        });
    }

    @Test
    void aChangedProcessDataIsQ7AndQ9() throws IOException {
        String qr = TestVectors.GOLDEN_QR.replace("Beleg^21.42", "Beleg^21.43");

        QrVerificationResult result = Verifier.verifyQr(qr, write(TestExport.golden()));

        assertThat(result.errors()).extracting(Finding::check).containsExactly("Q7", "Q9");
        assertThat(result.findings("Q9")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("signed bytes rebuilt from the QR code differ"));
    }

    @Test
    void anotherTssQrCodeIsNotInTheExport() throws IOException {
        QrVerificationResult result = Verifier.verifyQr(TestVectors.FISKALY_QR, write(TestExport.golden()));

        assertThat(result.errors()).extracting(Finding::check).containsExactly("Q9", "Q9");
    }
}
