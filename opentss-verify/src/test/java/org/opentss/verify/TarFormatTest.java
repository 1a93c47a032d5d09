package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The TAR examples of tse-formats.md §8.2 (pax) and §8.4 (info.csv), byte for byte. */
class TarFormatTest {

    static final String LONG_NAME = "Unixt_1767258012_Sig-9_Log-Tra_No-1_Finish_Client-Filiale Hamburg-Altona "
            + "(Kasse 3) 2024-03-Ersatzgeraet.log";

    /** Reads a {@code hexdump -C} listing (offset, 16 bytes, ASCII column; {@code *} repeats the previous line). */
    static byte[] hexdumpC(String resource) {
        String text = new String(TestVectors.resource("vectors/tar/" + resource), StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] previous = null;
        boolean repeat = false;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.equals("*")) {
                repeat = true;
                continue;
            }
            int offset = Integer.parseInt(line.substring(0, 8), 16);
            if (repeat) {
                while (out.size() < offset) {
                    out.writeBytes(previous);
                }
                repeat = false;
            }
            assertThat(out.size()).as("offset of " + line).isEqualTo(offset);
            if (line.length() == 8) {
                break; // the final offset line
            }
            String hex = line.substring(10, Math.min(line.length(), 58)).replace(" ", "");
            previous = TestVectors.hex(hex);
            out.writeBytes(previous);
        }
        return out.toByteArray();
    }

    @Test
    void thePaxExampleIsWhatTheTestWriterWrites() {
        byte[] spec = hexdumpC("pax-8.2.hexdump");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        new TestTar(written).file(LONG_NAME, TestVectors.golden(9));

        assertThat(LONG_NAME).hasSize(107);
        assertThat(spec).hasSize(0x600);
        assertThat(Arrays.copyOf(written.toByteArray(), 0x600)).isEqualTo(spec);
    }

    @Test
    void theReaderTakesTheNameFromThePaxPathRecord() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        archive.writeBytes(hexdumpC("pax-8.2.hexdump"));
        archive.writeBytes(TestVectors.golden(9));
        archive.writeBytes(new byte[512 - 233 + 1024]);
        archive.writeBytes(new byte[(int) (10240 - archive.size() % 10240)]);
        ExportFindings findings = new ExportFindings();
        TarReader reader = new TarReader(new ByteArrayInputStream(archive.toByteArray()), findings);

        TarReader.Entry entry = reader.next();

        assertThat(entry.name()).isEqualTo(LONG_NAME);
        assertThat(entry.viaPax()).isTrue();
        assertThat(entry.headerName()).isEqualTo(LONG_NAME.substring(0, 100));
        assertThat(entry.data()).isEqualTo(TestVectors.golden(9));
        assertThat(reader.next()).isNull();
        assertThat(findings.resolve(Profile.OPENTSS)).isEmpty();
        assertThat(reader.position()).isEqualTo(10240);
    }

    @Test
    void theVerifierComparesTheFullPaxNameWithTheClientId() {
        TestExport export = TestExport.golden().rename(TestExport.goldenName(9), LONG_NAME);

        ExportVerificationResult result = export.verify();

        assertThat(result.errors()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("D4");
            assertThat(f.file()).isEqualTo(LONG_NAME);
            assertThat(f.message()).contains("Client-Filiale Hamburg-Altona (Kasse 3) 2024-03-Ersatzgeraet");
        });
    }

    @Test
    void aPaxHeaderForAShortNameIsAProfileDeviation() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TestTar tar = new TestTar(bytes);
        for (TestExport.Item item : TestExport.golden().items) {
            if (item.name().equals(TestExport.goldenName(9))) {
                tar.pax(item.name());
            }
            tar.file(item.name(), item.data());
        }
        tar.finish();

        ExportVerificationResult result = ExportVerifier.verify(new ByteArrayInputStream(bytes.toByteArray()),
                TestExport.pinned());

        assertThat(result.errors()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("A5");
            assertThat(f.message()).contains("only names longer than 100 bytes");
        });
    }

    @Test
    void theInfoCsvExampleIsWhatTheTestWriterWritesAndParses() {
        byte[] spec = hexdumpC("info-8.4.hexdump");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        new TestTar(written).file("info.csv", TestExport.INFO.getBytes(StandardCharsets.US_ASCII));

        assertThat(written.toByteArray()).isEqualTo(spec);
        byte[] content = Arrays.copyOfRange(spec, 512, 512 + 108);
        assertThat(InfoCsv.parse(content)).contains(
                new InfoCsv("OpenTSS (6b0d1a7e-2f4c-4c59-9a1e-3b8f5d2c7e10)", "OpenTSS", "1.0.0"));
        assertThat(InfoCsv.read(content).errors()).isEmpty();
        assertThat(InfoCsv.read(content).deviations()).isEmpty();
    }

    @Test
    void theFiskalyInfoCsvIsValidButNotOpenTss() {
        InfoCsv.Reading reading = InfoCsv.read(TestExport.FISKALY_INFO.getBytes(StandardCharsets.US_ASCII));

        assertThat(reading.info()).contains(new InfoCsv("", "fiskaly GmbH", "fiskaly sign cloud-TSE v1.0.5-1.2.0"));
        assertThat(reading.errors()).isEmpty();
        assertThat(reading.deviations()).hasSize(2);
        assertThat(reading.info().orElseThrow().isOpenTss()).isFalse();
    }

    @Test
    void fileNamePatterns() {
        assertThat(ExportFileNames.parseLog("Unixt_1543565694_Sig-1853_Log-Aud_Fc-1.log")).satisfies(n -> {
            assertThat(n.type()).isEqualTo(CertifiedDataType.AUDIT);
            assertThat(n.fileCounter()).isEqualTo("1");
            assertThat(n.withoutFileCounter()).isEqualTo("Unixt_1543565694_Sig-1853_Log-Aud.log");
        });
        assertThat(ExportFileNames.parseLog(
                "Unixt_1630053044_Sig-576_Log-Tra_No-209_Finish_Client-137741-0001-Hiopos And6.log")).satisfies(n -> {
            assertThat(n.clientId()).isEqualTo("137741-0001-Hiopos And6");
            assertThat(n.phase()).isEqualTo("Finish");
            assertThat(n.number()).isEqualTo("209");
        });
        assertThat(ExportFileNames.parseLog("Gent_20210723101255.123Z_Sig-3_Log-Sys_UpdateTime.log").date())
                .isEqualTo("20210723101255.123Z");
        assertThat(ExportFileNames.parseLog("Unixt_1_Sig-0_Log-Aud.log")).isNull();
        assertThat(ExportFileNames.parseLog("Unixt_1_Sig-1_Log-Sys_update-time.log")).isNull();
        assertThat(ExportFileNames.CERTIFICATE.matcher(
                "B18B86CE1389E46DE87AA4A5131CE83C1160FA33C087AB15B863574D31D8FF3C_X509.pem").matches()).isTrue();
        assertThat(ExportFileNames.CERTIFICATE.matcher(
                "b18b86ce1389e46de87aa4a5131ce83c1160fa33c087ab15b863574d31d8ff3c_X509.txt").matches()).isFalse();
    }

    @Test
    void nameTableFindsDuplicatesAcrossRehashes() {
        NameTable names = new NameTable();
        for (int i = 0; i < 5000; i++) {
            assertThat(names.add("name-" + i)).isEqualTo(i);
        }
        assertThat(names.add("name-4321")).isEqualTo(-1 - 4321);
        assertThat(names.contains("name-0")).isTrue();
        assertThat(names.contains("name-5000")).isFalse();
        assertThat(names.get(4999)).isEqualTo("name-4999");
    }
}
