package org.opentss.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** tse-formats.md §8.1–§8.2; the info.csv example of §8.4 is checked in {@link ExportArchiveTest}. */
class TarWriterTest {

    private static final long MTIME = 1767261600L; // the dumps' 15125442640 octal, 2026-01-01T10:00:00Z

    @Test
    void longNameGetsThePaxHeaderOfTheSpecExample() throws IOException {
        String name = "Unixt_1767258012_Sig-9_Log-Tra_No-1_Finish_Client-"
                + "Filiale Hamburg-Altona (Kasse 3) 2024-03-Ersatzgeraet.log";
        assertThat(name).hasSize(107);
        byte[] archive = archive(tar -> tar.addFile(name, new byte[233]));

        // the spec shows the pax header, its record and the file's header; the file's 233 bytes are not printed
        byte[] expected = CanonicalHexDump.parse("""
                00000000  50 61 78 48 65 61 64 65  72 00 00 00 00 00 00 00  |PaxHeader.......|
                00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                00000060  00 00 00 00 30 30 30 30  36 34 34 00 30 30 30 30  |....0000644.0000|
                00000070  30 30 30 00 30 30 30 30  30 30 30 00 30 30 30 30  |000.0000000.0000|
                00000080  30 30 30 30 31 36 35 00  31 35 31 32 35 34 34 32  |0000165.15125442|
                00000090  36 34 30 00 30 30 37 37  30 35 00 20 78 00 00 00  |640.007705. x...|
                000000a0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                00000100  00 75 73 74 61 72 00 30  30 00 00 00 00 00 00 00  |.ustar.00.......|
                00000110  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                00000200  31 31 37 20 70 61 74 68  3d 55 6e 69 78 74 5f 31  |117 path=Unixt_1|
                00000210  37 36 37 32 35 38 30 31  32 5f 53 69 67 2d 39 5f  |767258012_Sig-9_|
                00000220  4c 6f 67 2d 54 72 61 5f  4e 6f 2d 31 5f 46 69 6e  |Log-Tra_No-1_Fin|
                00000230  69 73 68 5f 43 6c 69 65  6e 74 2d 46 69 6c 69 61  |ish_Client-Filia|
                00000240  6c 65 20 48 61 6d 62 75  72 67 2d 41 6c 74 6f 6e  |le Hamburg-Alton|
                00000250  61 20 28 4b 61 73 73 65  20 33 29 20 32 30 32 34  |a (Kasse 3) 2024|
                00000260  2d 30 33 2d 45 72 73 61  74 7a 67 65 72 61 65 74  |-03-Ersatzgeraet|
                00000270  2e 6c 6f 67 0a 00 00 00  00 00 00 00 00 00 00 00  |.log............|
                00000280  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                00000400  55 6e 69 78 74 5f 31 37  36 37 32 35 38 30 31 32  |Unixt_1767258012|
                00000410  5f 53 69 67 2d 39 5f 4c  6f 67 2d 54 72 61 5f 4e  |_Sig-9_Log-Tra_N|
                00000420  6f 2d 31 5f 46 69 6e 69  73 68 5f 43 6c 69 65 6e  |o-1_Finish_Clien|
                00000430  74 2d 46 69 6c 69 61 6c  65 20 48 61 6d 62 75 72  |t-Filiale Hambur|
                00000440  67 2d 41 6c 74 6f 6e 61  20 28 4b 61 73 73 65 20  |g-Altona (Kasse |
                00000450  33 29 20 32 30 32 34 2d  30 33 2d 45 72 73 61 74  |3) 2024-03-Ersat|
                00000460  7a 67 65 72 30 30 30 30  36 34 34 00 30 30 30 30  |zger0000644.0000|
                00000470  30 30 30 00 30 30 30 30  30 30 30 00 30 30 30 30  |000.0000000.0000|
                00000480  30 30 30 30 33 35 31 00  31 35 31 32 35 34 34 32  |0000351.15125442|
                00000490  36 34 30 00 30 32 36 32  34 37 00 20 30 00 00 00  |640.026247. 0...|
                000004a0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                00000500  00 75 73 74 61 72 00 30  30 00 00 00 00 00 00 00  |.ustar.00.......|
                00000510  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                000005f0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                00000600
                """);
        assertThat(expected).hasSize(0x600);
        assertThat(hex(Arrays.copyOf(archive, 0x600))).isEqualTo(hex(expected));
        assertThat(TarEntries.fileNames(TarEntries.read(archive))).containsExactly(name);
    }

    @Test
    void nameOfExactlyOneHundredBytesFillsTheFieldWithoutPax() throws IOException {
        String name = "x".repeat(96) + ".log";
        byte[] archive = archive(tar -> tar.addFile(name, new byte[] {1}));

        assertThat(new String(archive, 0, 101, StandardCharsets.US_ASCII)).isEqualTo(name + "0"); // mode follows
        assertThat(TarEntries.read(archive)).singleElement().satisfies(entry -> {
            assertThat(entry.typeflag()).isEqualTo('0');
            assertThat(entry.content()).containsExactly(1);
        });
    }

    @Test
    void oneByteMoreGetsAPaxHeaderAndTheFirstHundredBytesInTheName() throws IOException {
        String name = "x".repeat(97) + ".log";
        List<TarEntries.Entry> entries = TarEntries.read(archive(tar -> tar.addFile(name, new byte[0])));

        assertThat(entries).extracting(TarEntries.Entry::name).containsExactly("PaxHeader", name.substring(0, 100));
        assertThat(new String(entries.get(0).content(), StandardCharsets.US_ASCII)).isEqualTo("111 path=" + name + "\n");
    }

    /** The record length counts its own digits: at 990 name bytes the count reaches four digits. */
    @ParameterizedTest
    @ValueSource(ints = {989, 990})
    void paxRecordLengthIncludesItsOwnDigits(int nameLength) throws IOException {
        String name = "n".repeat(nameLength);
        TarEntries.Entry pax = TarEntries.read(archive(tar -> tar.addFile(name, new byte[0]))).get(0);

        String record = new String(pax.content(), StandardCharsets.US_ASCII);
        assertThat(record).isEqualTo((nameLength == 989 ? "999" : "1001") + " path=" + name + "\n");
        assertThat(record).hasSize(nameLength == 989 ? 999 : 1001);
    }

    @Test
    void everyHeaderCarriesTheArchiveMtime() throws IOException {
        byte[] archive = archive(tar -> {
            tar.addFile("a", new byte[600]);
            tar.addFile("b".repeat(120), new byte[0]);
        });

        assertThat(TarEntries.read(archive)).extracting(TarEntries.Entry::mtime).containsOnly(MTIME).hasSize(3);
    }

    @Test
    void dataIsPaddedToBlocksAndAnEmptyFileHasNoDataBlock() throws IOException {
        assertThat(archive(tar -> tar.addFile("a", new byte[512]))).hasSize(10_240);
        byte[] twoFiles = archive(tar -> {
            tar.addFile("a", new byte[513]);
            tar.addFile("b", new byte[0]);
        });
        assertThat(TarEntries.read(twoFiles)).extracting(TarEntries.Entry::name).containsExactly("a", "b");
        assertThat(new String(twoFiles, 512 * 3, 1, StandardCharsets.US_ASCII)).as("b's header after 2 data blocks")
                .isEqualTo("b");
    }

    /** 18 empty files and the two end blocks fill one record exactly; 17 need 512 bytes of record padding. */
    @Test
    void endOfArchiveIsTwoZeroBlocksPaddedToWholeRecords() throws IOException {
        assertThat(archive(tar -> { })).hasSize(10_240).containsOnly(0);
        assertThat(archive(tar -> addEmptyFiles(tar, 18))).hasSize(10_240);
        assertThat(archive(tar -> addEmptyFiles(tar, 19))).hasSize(20_480);
        byte[] seventeen = archive(tar -> addEmptyFiles(tar, 17));
        assertThat(seventeen).hasSize(10_240);
        assertThat(Arrays.copyOfRange(seventeen, 17 * 512, 10_240)).containsOnly(0);
        assertThat(TarEntries.read(seventeen)).hasSize(17);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "dir/file.log", "/abs", "Kassé.log", "tab\there", "new\nline", "nul\0"})
    void rejectsNamesThatAreNotFlatPrintableAscii(String name) {
        TarWriter tar = new TarWriter(OutputStream.nullOutputStream(), MTIME);
        assertThatThrownBy(() -> tar.addFile(name, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsTheCharactersOfClientIds() throws IOException {
        String name = "Client-A z 09 '()+,-.:=?.log";
        byte[] archive = archive(tar -> tar.addFile(name, new byte[0]));
        assertThat(TarEntries.fileNames(TarEntries.read(archive))).containsExactly(name);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 1L << 33})
    void rejectsAnMtimeThatElevenOctalDigitsCannotHold(long mtime) {
        assertThatThrownBy(() -> new TarWriter(OutputStream.nullOutputStream(), mtime))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFinishedArchiveTakesNoMoreEntries() throws IOException {
        TarWriter tar = new TarWriter(OutputStream.nullOutputStream(), MTIME);
        tar.finish();
        assertThatThrownBy(() -> tar.addFile("a", new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(tar::finish).isInstanceOf(IllegalStateException.class);
    }

    /**
     * 200 000 entries, every tenth with a pax header, written through a stream that only counts: at every
     * step the target has received all but at most the 64 KiB output buffer of the archive so far, so the
     * writer keeps no archive in memory, and the total matches the size formula of §8.1.2.
     */
    @Test
    void streamsWithoutHoldingTheArchive() throws IOException {
        CountingStream target = new CountingStream();
        TarWriter tar = new TarWriter(target, MTIME);
        byte[][] contents = new byte[701][];
        for (int size = 0; size < contents.length; size++) {
            contents[size] = new byte[size];
        }
        long expected = 0;
        for (int i = 0; i < 200_000; i++) {
            boolean longName = i % 10 == 0;
            String clientId = longName ? "K".repeat(60) : "KASSE-01";
            String name = "Unixt_1767258012_Sig-" + i + "_Log-Tra_No-" + i + "_Finish_Client-" + clientId + ".log";
            byte[] content = contents[i * 7919 % contents.length];
            tar.addFile(name, content);
            expected += (longName ? 1024 : 0) + 512 + roundUp(content.length, 512);
            assertThat(expected - target.count).as("bytes held back after entry " + i).isBetween(0L, 64L * 1024);
        }
        tar.finish();

        assertThat(target.count).isEqualTo(roundUp(expected + 1024, 10_240));
    }

    private interface Entries {
        void addTo(TarWriter tar) throws IOException;
    }

    private static byte[] archive(Entries entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out, MTIME);
        entries.addTo(tar);
        tar.finish();
        return out.toByteArray();
    }

    private static void addEmptyFiles(TarWriter tar, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            tar.addFile("f" + i, new byte[0]);
        }
    }

    private static long roundUp(long length, int multiple) {
        return (length + multiple - 1) / multiple * multiple;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
