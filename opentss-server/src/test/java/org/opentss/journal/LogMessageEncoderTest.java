package org.opentss.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DTBS and log message layout, tse-formats.md §1.1 and §2.1; the known answers are in {@link GoldenSequenceTest}. */
class LogMessageEncoderTest {

    private static final byte[] SERIAL = HexFormat.of().parseHex(
            "b18b86ce1389e46de87aa4a5131ce83c1160fa33c087ab15b863574d31d8ff3c");
    private static final SignatureAlgorithm SHA256 = SignatureAlgorithm.ECDSA_PLAIN_SHA256;

    private static byte[] dtbs(long signatureCounter, long logTime) {
        return LogMessageEncoder.dataToBeSigned(SystemEvents.logOut(), SERIAL, SHA256, signatureCounter, logTime);
    }

    @Test
    void dtbsRunsFromVersionToLogTime() {
        byte[] dtbs = LogMessageEncoder.dataToBeSigned(
                SystemEvents.logOut(), SERIAL, SignatureAlgorithm.ECDSA_PLAIN_SHA384, 7, 1767254590L);
        assertThat(SpecHex.hex(dtbs)).isEqualTo(SpecHex.hex(SpecHex.bytes(
                "02 01 02  06 09 04 00 7F 00 07 03 07 01 02  80 06 \"logOut\" 81 0A 81 05 \"admin\" 82 01 00"
                        + " 04 20 B1 8B 86 CE 13 89 E4 6D E8 7A A4 A5 13 1C E8 3C 11 60 FA 33 C0 87 AB 15 B8 63 57 4D 31 D8 FF 3C"
                        + " 30 0C 06 0A 04 00 7F 00 07 01 01 04 01 04  02 01 07  02 04 69 56 2A 3E")));
    }

    @Test
    void largestSignatureCounterIsEncoded() {
        assertThat(dtbs(4294967295L, 0)).endsWith(SpecHex.bytes("02 05 00 FF FF FF FF 02 01 00"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 4294967296L})
    void signatureCounterOutsideUnsigned32FromOneIsRefused(long counter) {
        assertThatThrownBy(() -> dtbs(counter, 1767254400L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signatureCounter");
    }

    @Test
    void logTimeAfter2038TakesFiveContentBytes() {
        assertThat(dtbs(1, 2147483648L)).endsWith(SpecHex.bytes("02 01 01 02 05 00 80 00 00 00"));
    }

    @Test
    void negativeLogTimeIsRefused() {
        assertThatThrownBy(() -> dtbs(1, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logTime");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 33, 65})
    void serialNumberMustBe32Bytes(int length) {
        assertThatThrownBy(() -> LogMessageEncoder.dataToBeSigned(SystemEvents.logOut(), new byte[length], SHA256, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serialNumber");
    }

    @Test
    void logMessageWrapsDtbsAndSignatureWithoutSigningTheHeader() {
        byte[] dtbs = dtbs(7, 1767254590L);
        byte[] signature = new byte[64];
        signature[0] = 1;
        byte[] log = LogMessageEncoder.logMessage(dtbs, signature);
        assertThat(log).startsWith(SpecHex.bytes("30 81 9D 02 01 02")).hasSize(160);
        assertThat(log).endsWith(Der.concat(dtbs, SpecHex.bytes("04 40"), signature));
    }

    @Test
    void outerHeaderGrowsTo82WithLongProcessData() {
        TransactionData update = new TransactionData(TransactionPhase.UPDATE, "KASSE-01", new byte[200], "", 1);
        byte[] log = LogMessageEncoder.logMessage(
                LogMessageEncoder.dataToBeSigned(update, SERIAL, SHA256, 1, 1767258000L), new byte[64]);
        assertThat(log).startsWith(SpecHex.bytes("30 82 01"));
        assertThat(log).hasSize(4 + ((log[2] & 0xFF) << 8 | (log[3] & 0xFF)));
    }

    @Test
    void a96ByteSignatureFitsTheP384Size() {
        byte[] log = LogMessageEncoder.logMessage(dtbs(1, 0), new byte[96]);
        assertThat(log).containsSequence(SpecHex.bytes("04 60"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 63, 65, 70, 71, 72, 95, 97})
    void signatureOfAnotherLengthIsRefused(int length) {
        assertThatThrownBy(() -> LogMessageEncoder.logMessage(dtbs(1, 0), new byte[length]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void somethingOtherThanDtbsIsRefused() {
        byte[] log = LogMessageEncoder.logMessage(dtbs(1, 0), new byte[64]);
        assertThatThrownBy(() -> LogMessageEncoder.logMessage(log, new byte[64])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogMessageEncoder.logMessage(new byte[0], new byte[64]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
