package org.opentss.tx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kinds, the response echo (sign-de-v2.md §8.6), the §8.5 default and equivalence (§8.2 rule 9). */
class TransactionSchemaTest {

    private static final String RECEIPT = """
            {"standard_v1":{"receipt":{"receipt_type":"RECEIPT",
              "amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"8.90"},{"vat_rate":"REDUCED_1","amount":"3.50"}],
              "amounts_per_payment_type":[{"payment_type":"CASH","amount":"10.00"},{"payment_type":"NON_CASH","amount":"2.40"}]}}}""";

    @Test
    void absentSchemaIsNone() {
        TransactionSchema schema = Schemas.parseBody("{\"state\":\"ACTIVE\"}");

        assertThat(schema.kind()).isEqualTo(SchemaKind.NONE);
        assertThat(schema.processType()).isEmpty();
        assertThat(schema.processData()).isEmpty();
        assertThat(schema.echo()).isEqualTo(Schemas.json("{}"));
        assertThat(schema.normalized()).isEqualTo(Schemas.json("{}"));
    }

    @Test
    void rawWithBothMembersEmptyCountsAsNoSchema() {
        TransactionSchema schema = Schemas.parse("{\"raw\":{\"process_type\":\"\",\"process_data\":\"\"}}");

        assertThat(schema.kind()).isEqualTo(SchemaKind.NONE);
        assertThat(schema.processType()).isEmpty();
        assertThat(schema.processData()).isEmpty();
        assertThat(schema.echo()).isEqualTo(Schemas.json("{}"));
    }

    /** The Finish example of sign-de-v2.md §8.7: currency_code EUR added, raw holds what is signed. */
    @Test
    void receiptEchoIsNormalizedInputPlusRaw() {
        assertThat(Schemas.parse(RECEIPT).echo()).isEqualTo(Schemas.json("""
                {"standard_v1":{"receipt":{"receipt_type":"RECEIPT",
                  "amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"8.90"},{"vat_rate":"REDUCED_1","amount":"3.50"}],
                  "amounts_per_payment_type":[
                    {"payment_type":"CASH","amount":"10.00","currency_code":"EUR"},
                    {"payment_type":"NON_CASH","amount":"2.40","currency_code":"EUR"}]}},
                 "raw":{"process_type":"Kassenbeleg-V1",
                  "process_data":"QmVsZWdeOC45MF8zLjUwXzAuMDBfMC4wMF8wLjAwXjEwLjAwOkJhcl8yLjQwOlVuYmFy"}}"""));
    }

    @Test
    void echoKeepsValuesAsSentAndDropsUnknownMembers() {
        TransactionSchema schema = Schemas.parse("""
                {"standard_v1":{"receipt":{"x":1,"amounts_per_vat_rate":[{"amount":"007.50","vat_rate":"19","note":"n"}],
                  "receipt_type":"RECEIPT",
                  "amounts_per_payment_type":[{"payment_type":"CASH","amount":"7.500","currency_code":"eur","y":true}]}}}""");

        assertThat(schema.normalized()).isEqualTo(Schemas.json("""
                {"standard_v1":{"receipt":{"receipt_type":"RECEIPT",
                  "amounts_per_vat_rate":[{"vat_rate":"19","amount":"007.50"}],
                  "amounts_per_payment_type":[{"payment_type":"CASH","amount":"7.500","currency_code":"eur"}]}}}"""));
        assertThat(new String(schema.processData(), UTF_8)).isEqualTo("Beleg^7.50_0.00_0.00_0.00_0.00^7.50:Bar");
    }

    @Test
    void receiptWithoutPaymentsIsEchoedWithoutThem() {
        TransactionSchema schema = Schemas.receipt("{\"receipt_type\":\"TRAINING\",\"amounts_per_vat_rate\":[]}");

        assertThat(schema.echo().get("standard_v1")).isEqualTo(Schemas.json(
                "{\"receipt\":{\"receipt_type\":\"TRAINING\",\"amounts_per_vat_rate\":[]}}"));
    }

    @Test
    void otherIsEchoedVerbatimIncludingEveryMember() {
        String other = "{\"z\":{\"nested\":[1,\"two\",null]},\"a\":\"x\",\"unknown_to_us\":true}";
        TransactionSchema schema = Schemas.parse("{\"standard_v1\":{\"other\":" + other + "}}");

        assertThat(schema.echo().get("standard_v1").get("other")).isEqualTo(Schemas.json(other));
        assertThat(new String(schema.processData(), UTF_8))
                .isEqualTo("{\"a\":\"x\",\"unknown_to_us\":true,\"z\":{\"nested\":[1,\"two\",null]}}");
    }

    /** Raw is echoed as sent: missing padding stays missing, only unknown members are dropped. */
    @ParameterizedTest
    @CsvSource({
        "SonstigerVorgang, QUJD, ABC",
        "SonstigerVorgang, QUI=, AB",
        "SonstigerVorgang, QUI, AB",
        "Kassenbeleg-V1, QQ==, A",
        "Kassenbeleg-V1, QQ, A",
        "'A-Za-z0-9 ''()+,-./:=?', '', ''",
    })
    void rawIsSignedDecodedAndEchoedAsSent(String processType, String processData, String decoded) {
        TransactionSchema schema = Schemas.parse("{\"raw\":{\"process_data\":\"" + processData + "\",\"extra\":1,"
                + "\"process_type\":\"" + processType + "\"}}");

        assertThat(schema.kind()).isEqualTo(SchemaKind.RAW);
        assertThat(schema.processType()).isEqualTo(processType);
        assertThat(schema.processData()).isEqualTo(decoded.getBytes(UTF_8));
        assertThat(schema.echo()).isEqualTo(Schemas.json("{\"raw\":{\"process_type\":\"" + processType
                + "\",\"process_data\":\"" + processData + "\"}}"));
    }

    @Test
    void rawBytesNeedNotBeText() {
        TransactionSchema schema = Schemas.parse("{\"raw\":{\"process_type\":\"bin\",\"process_data\":\"AP+A\"}}");

        assertThat(schema.processData()).containsExactly(0x00, 0xFF, 0x80);
    }

    @Test
    void cancelledWithoutSchemaSignsTheClosingReceipt() {
        TransactionSchema schema = TransactionSchema.cancelledWithoutSchema();

        assertThat(schema.kind()).isEqualTo(SchemaKind.NONE);
        assertThat(schema.processType()).isEqualTo("Kassenbeleg-V1");
        assertThat(new String(schema.processData(), UTF_8)).isEqualTo("AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^");
        assertThat(schema.echo()).isEqualTo(Schemas.json("""
                {"raw":{"process_type":"Kassenbeleg-V1",
                  "process_data":"QVZCZWxlZ2FiYnJ1Y2heMC4wMF8wLjAwXzAuMDBfMC4wMF8wLjAwXg=="}}"""));
        assertThat(schema.equivalenceKey()).isEqualTo(Schemas.parseBody("{}").equivalenceKey());
    }

    @Test
    void accessorsHandOutCopies() {
        TransactionSchema schema = Schemas.parse(RECEIPT);
        schema.processData()[0] = 'X';
        schema.echo().removeAll();
        schema.normalized().removeAll();

        assertThat(schema.processData()[0]).isEqualTo((byte) 'B');
        assertThat(schema.echo().has("raw")).isTrue();
        assertThat(schema.normalized().has("standard_v1")).isTrue();
    }

    @Test
    void memberOrderWhitespaceAndUnknownMembersDoNotChangeEquivalence() {
        TransactionSchema reordered = Schemas.parse("""
                { "standard_v1" : { "receipt" : {
                   "amounts_per_payment_type" : [ {"amount":"10.00","payment_type":"CASH","currency_code":"EUR"},
                                                  {"currency_code":"EUR","amount":"2.40","payment_type":"NON_CASH"} ],
                   "receipt_type" : "RECEIPT", "ignored" : {"a":1},
                   "amounts_per_vat_rate" : [ {"amount":"8.90","vat_rate":"NORMAL"},{"vat_rate":"REDUCED_1","amount":"3.50"} ]
                } } }""");

        assertThat(reordered.equivalenceKey()).isEqualTo(Schemas.parse(RECEIPT).equivalenceKey());
        assertThat(reordered.normalized()).isEqualTo(Schemas.parse(RECEIPT).normalized());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        "amount":"8.90"       | "amount":"8.91"
        "amount":"8.90"       | "amount":"8.900"
        "NORMAL"              | "19"
        "amount":"10.00"      | "amount":"10.00","currency_code":"eur"
        """)
    void anyDifferenceInTheNormalizedSchemaBreaksEquivalence(String original, String changed) {
        assertThat(RECEIPT).contains(original);
        String other = RECEIPT.replaceFirst(Pattern.quote(original), changed);

        assertThat(Schemas.parse(other).equivalenceKey()).isNotEqualTo(Schemas.parse(RECEIPT).equivalenceKey());
    }

    @Test
    void otherObjectsAreEquivalentAsJsonValues() {
        TransactionSchema a = Schemas.parse("{\"standard_v1\":{\"other\":{\"n\":1.50,\"s\":\"x\"}}}");
        TransactionSchema b = Schemas.parse("{\"standard_v1\":{\"other\":{\"s\":\"x\",\"n\":1.5}}}");
        TransactionSchema c = Schemas.parse("{\"standard_v1\":{\"other\":{\"s\":\"x\",\"n\":1.5,\"m\":null}}}");

        assertThat(a.equivalenceKey()).isEqualTo(b.equivalenceKey());
        assertThat(c.equivalenceKey()).isNotEqualTo(b.equivalenceKey());
    }

    @Test
    void rawWithAndWithoutPaddingAreDifferentRequests() {
        TransactionSchema padded = Schemas.parse("{\"raw\":{\"process_type\":\"t\",\"process_data\":\"QQ==\"}}");
        TransactionSchema unpadded = Schemas.parse("{\"raw\":{\"process_type\":\"t\",\"process_data\":\"QQ\"}}");

        assertThat(padded.processData()).isEqualTo(unpadded.processData());
        assertThat(padded.equivalenceKey()).isNotEqualTo(unpadded.equivalenceKey());
    }
}
