package org.opentss.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The encoding tables of tse-formats.md §1.4. */
class DerTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0             | 02 01 00
            1             | 02 01 01
            127           | 02 01 7F
            128           | 02 02 00 80
            255           | 02 02 00 FF
            256           | 02 02 01 00
            32768         | 02 03 00 80 00
            1627475939    | 02 04 61 01 4F E3
            2147483647    | 02 04 7F FF FF FF
            2147483648    | 02 05 00 80 00 00 00
            4294967295    | 02 05 00 FF FF FF FF
            """)
    void integerIsMinimalTwosComplement(long value, String expected) {
        assertThat(Der.integer(Der.INTEGER, value)).isEqualTo(SpecHex.bytes(expected));
    }

    @Test
    void transactionNumberUsesTheSameContentUnderTag85() {
        assertThat(Der.integer(0x85, 227)).isEqualTo(SpecHex.bytes("85 02 00 E3"));
    }

    @ParameterizedTest(name = "content length {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0        | 00
            127      | 7F
            128      | 81 80
            255      | 81 FF
            256      | 82 01 00
            65535    | 82 FF FF
            65536    | 83 01 00 00
            16777215 | 83 FF FF FF
            """)
    void lengthIsDefiniteAndMinimal(int contentLength, String expected) {
        assertThat(Der.length(contentLength)).isEqualTo(SpecHex.bytes(expected));
    }

    @Test
    void outerLengthSwitchesToTwoOctetsAt256ContentBytes() {
        assertThat(Der.tlv(Der.SEQUENCE, new byte[255])).startsWith(SpecHex.bytes("30 81 FF")).hasSize(3 + 255);
        assertThat(Der.tlv(Der.SEQUENCE, new byte[256])).startsWith(SpecHex.bytes("30 82 01 00")).hasSize(4 + 256);
    }

    @Test
    void processDataOf200BytesHasLength81C8() {
        assertThat(Der.tlv(0x82, new byte[200])).startsWith(SpecHex.bytes("82 81 C8")).hasSize(203);
    }

    @Test
    void negativeLengthIsRefused() {
        assertThatThrownBy(() -> Der.length(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
