package org.opentss.journal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Transaction certifiedData, tse-formats.md §1.5. */
class TransactionDataTest {

    private static final byte[] NONE = new byte[0];

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            START  | 80 10 53 74 61 72 74 54 72 61 6E 73 61 63 74 69 6F 6E
            UPDATE | 80 11 55 70 64 61 74 65 54 72 61 6E 73 61 63 74 69 6F 6E
            FINISH | 80 11 46 69 6E 69 73 68 54 72 61 6E 73 61 63 74 69 6F 6E
            """)
    void operationTypeNamesThePhaseInUpperCamelCase(TransactionPhase phase, String expected) {
        TransactionData data = new TransactionData(phase, "KASSE-01", NONE, "", 1);
        assertThat(data.elements()).startsWith(SpecHex.bytes(expected));
    }

    @Test
    void startIsAsInTheWorkedExample() {
        TransactionData start = new TransactionData(TransactionPhase.START, "KASSE-01", NONE, "", 1);
        // §1.8, offsets 0x0011–0x0033: clientId without a 13 tag, 82 00 and 83 00 present, then 85
        assertThat(SpecHex.hex(start.elements())).isEqualTo(SpecHex.hex(SpecHex.bytes(
                "80 10 53 74 61 72 74 54 72 61 6E 73 61 63 74 69 6F 6E"
                        + " 81 08 4B 41 53 53 45 2D 30 31 82 00 83 00 85 01 01")));
        assertThat(start.certifiedDataType()).isEqualTo(SpecHex.bytes("06 09 04 00 7F 00 07 03 07 01 01"));
    }

    @Test
    void finishCarriesProcessDataThenProcessTypeThenTheNumber() {
        TransactionData finish = new TransactionData(TransactionPhase.FINISH, "KASSE-01",
                "Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar".getBytes(US_ASCII), "Kassenbeleg-V1", 1);
        // golden Sig-9, offsets 0x0011–0x006D
        assertThat(SpecHex.hex(finish.elements())).isEqualTo(SpecHex.hex(SpecHex.bytes(
                "80 11 \"FinishTransaction\" 81 08 \"KASSE-01\""
                        + " 82 2B \"Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar\""
                        + " 83 0E \"Kassenbeleg-V1\" 85 01 01")));
    }

    @Test
    void updateWithoutSchemaStillWritesAnEmptyProcessType() {
        TransactionData update = new TransactionData(TransactionPhase.UPDATE, "K", NONE, "", 227);
        assertThat(update.elements()).endsWith(SpecHex.bytes("81 01 4B 82 00 83 00 85 02 00 E3"));
    }

    @Test
    void longProcessDataIsPrimitiveWithDefiniteLength() {
        TransactionData update = new TransactionData(TransactionPhase.UPDATE, "K", new byte[200], "raw", 2);
        byte[] elements = update.elements();
        byte[] head = SpecHex.bytes("80 11 \"UpdateTransaction\" 81 01 4B 82 81 C8");
        assertThat(elements).startsWith(head).hasSize(head.length + 200 + 5 + 3);
        assertThat(elements).endsWith(SpecHex.bytes("83 03 \"raw\" 85 01 02"));
    }

    @Test
    void processDataIsCopiedInAndOut() {
        byte[] processData = "Beleg".getBytes(US_ASCII);
        TransactionData data = new TransactionData(TransactionPhase.FINISH, "K", processData, "Kassenbeleg-V1", 1);
        processData[0] = 'X';
        data.processData()[1] = 'X';
        assertThat(data.processData()).isEqualTo("Beleg".getBytes(US_ASCII));
        assertThat(data).isEqualTo(new TransactionData(
                TransactionPhase.FINISH, "K", "Beleg".getBytes(US_ASCII), "Kassenbeleg-V1", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KASSE_01", "KASSE;01", "KASSE^01", "KASSE\"01", "a@b", "A&B", "A*", "Kässe", "KASSE/01", "K\n"})
    void clientIdOutsidePrintableStringOrWithSlashIsRefused(String clientId) {
        assertThatThrownBy(() -> new TransactionData(TransactionPhase.START, clientId, NONE, "", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientId");
    }

    @Test
    void clientIdMayUseEveryPrintableStringCharacterButSlash() {
        String clientId = "AZaz09 '()+,-.:=?";
        TransactionData data = new TransactionData(TransactionPhase.START, clientId, NONE, "", 1);
        assertThat(data.elements()).containsSequence(SpecHex.bytes("81 11 \"" + clientId + "\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kassenbeleg_V1", "Beleg^", "Bestellung;V1", "Vorgang ü"})
    void processTypeOutsidePrintableStringIsRefused(String processType) {
        assertThatThrownBy(() -> new TransactionData(TransactionPhase.FINISH, "K", NONE, processType, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processType");
    }

    @Test
    void processTypeMayContainASlash() {
        TransactionData data = new TransactionData(TransactionPhase.FINISH, "K", NONE, "a/b", 1);
        assertThat(data.elements()).containsSequence(SpecHex.bytes("83 03 \"a/b\""));
    }

    @Test
    void startWithProcessDataOrProcessTypeIsRefused() {
        assertThatThrownBy(() -> new TransactionData(TransactionPhase.START, "K", new byte[1], "", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransactionData(TransactionPhase.START, "K", NONE, "Kassenbeleg-V1", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 4294967296L})
    void transactionNumberOutsideUnsigned32FromOneIsRefused(long number) {
        assertThatThrownBy(() -> new TransactionData(TransactionPhase.START, "K", NONE, "", number))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largestTransactionNumberIsEncoded() {
        TransactionData data = new TransactionData(TransactionPhase.START, "K", NONE, "", 4294967295L);
        assertThat(data.elements()).endsWith(SpecHex.bytes("85 05 00 FF FF FF FF"));
    }
}
