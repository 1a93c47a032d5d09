package org.opentss.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opentss.verify.TestVectors.hex;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DerReaderTest {

    @Test
    void readsShortAndLongDefiniteLengths() throws Exception {
        byte[] content = new byte[200];
        byte[] data = TestDer.concat(hex("04 03 0A 14 1E"), hex("04 81 C8"), content);
        DerReader reader = new DerReader(data);

        Tlv first = reader.read();
        Tlv second = reader.read();

        assertThat(first.value()).containsExactly(0x0A, 0x14, 0x1E);
        assertThat(second.contentOffset()).isEqualTo(8);
        assertThat(second.value()).hasSize(200);
        assertThat(second.end()).isEqualTo(data.length);
        assertThat(reader.hasMore()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "04 81 05 0102030405, non-minimal length",
        "04 82 0080 ,         leading zero length octet",
        "30 82 00E3 ,         leading zero length octet",
        "30 80 0000 ,         indefinite length",
        "04 80 0000 ,         primitive element 04",
        "04 05 0102 ,         declares 5 content bytes, only 2 remain",
        "04 84 01000000 ,     4-octet length field",
        "1F 81 01 00 ,        multi-octet tag",
        "00 00 ,              end-of-contents"
    })
    void rejectsWhatDerForbids(String hexBytes, String reason) {
        DerReader reader = new DerReader(hex(hexBytes == null ? "" : hexBytes));

        assertThatThrownBy(reader::read).isInstanceOf(DerFormatException.class).hasMessageContaining(reason.strip());
    }

    @Test
    void readsTheIndefiniteProcessDataFormAsTheConcatenationOfItsParts() throws Exception {
        byte[] data = hex("A2 80 04 02 41 42 04 01 43 00 00 85 01 01");
        DerReader reader = new DerReader(data);

        Tlv processData = reader.readIndefiniteOctetString();

        assertThat(processData.indefinite()).isTrue();
        assertThat(processData.value()).containsExactly('A', 'B', 'C');
        assertThat(processData.end()).isEqualTo(11);
        assertThat(reader.read().tag()).isEqualTo(0x85);
    }

    @ParameterizedTest
    @CsvSource({
        "A2 80 0C 01 41 00 00, has tag 0C, expected primitive 04",
        "A2 80 24 80 04 01 41 00 00 00 00, indefinite length of element 24",
        "A2 80 24 03 04 01 41 00 00, has tag 24, expected primitive 04",
        "A2 80 04 01 41, no end-of-contents octets",
        "A2 03 04 01 41, only the indefinite form is allowed",
        "82 80 00 00, not constructed",
        "A2 80 04 81 01 41 00 00, non-minimal length"
    })
    void rejectsMalformedIndefiniteProcessData(String hexBytes, String reason) {
        DerReader reader = new DerReader(hex(hexBytes));

        assertThatThrownBy(reader::readIndefiniteOctetString)
                .isInstanceOf(DerFormatException.class).hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({
        "04 00 7F 00 07 03 07 01 01, 0.4.0.127.0.7.3.7.1.1",
        "04 00 7F 00 07 01 01 04 01 0A, 0.4.0.127.0.7.1.1.4.1.10",
        "2A 86 48 CE 3D 03 01 07, 1.2.840.10045.3.1.7",
        "2B 24 03 03 02 08 01 01 0B, 1.3.36.3.3.2.8.1.1.11",
        "2B 81 04 00 22, 1.3.132.0.34"
    })
    void decodesObjectIdentifiers(String content, String dotted) throws Exception {
        assertThat(DerReader.objectIdentifier(hex(content))).isEqualTo(dotted);
    }

    @ParameterizedTest
    @CsvSource({"2A 80 01", "2A 86", "''"})
    void rejectsMalformedObjectIdentifiers(String content) {
        assertThatThrownBy(() -> DerReader.objectIdentifier(hex(content))).isInstanceOf(DerFormatException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "00, true", "7F, true", "00 80, true", "01 00, true", "00 FF FF FF FF, true", "FF, true", "FF 7F, true",
        "00 7F, false", "00 00 80, false", "FF 80, false", "'', false"
    })
    void knowsMinimalIntegerEncodings(String content, boolean minimal) {
        assertThat(DerReader.isMinimalInteger(hex(content))).isEqualTo(minimal);
    }
}
