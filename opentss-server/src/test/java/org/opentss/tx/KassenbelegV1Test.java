package org.opentss.tx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known answers for Kassenbeleg-V1 (tse-formats.md §6.2, §12.6; sign-de-v2.md §8.3.1, §8.4.1). */
class KassenbelegV1Test {

    /** tse-formats.md §6.2.5, R1–R8: processData text, its length in bytes and its Base64. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        R1 | {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"21.42"}],"amounts_per_payment_type":[{"payment_type":"NON_CASH","amount":"21.42","currency_code":"EUR"}]} | Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar | 43 | QmVsZWdeMjEuNDJfMC4wMF8wLjAwXzAuMDBfMC4wMF4yMS40MjpVbmJhcg==
        R2 | {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"4.20"}],"amounts_per_payment_type":[{"payment_type":"NON_CASH","amount":"4.20"}]} | Beleg^4.20_0.00_0.00_0.00_0.00^4.20:Unbar | 41 | QmVsZWdeNC4yMF8wLjAwXzAuMDBfMC4wMF8wLjAwXjQuMjA6VW5iYXI=
        R3 | {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"-5.00"},{"vat_rate":"REDUCED_1","amount":"-2.10"}],"amounts_per_payment_type":[{"payment_type":"CASH","amount":"-7.10"}]} | Beleg^-5.00_-2.10_0.00_0.00_0.00^-7.10:Bar | 42 | QmVsZWdeLTUuMDBfLTIuMTBfMC4wMF8wLjAwXzAuMDBeLTcuMTA6QmFy
        R4 | {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"75.33"},{"vat_rate":"REDUCED_1","amount":"7.99"}],"amounts_per_payment_type":[{"payment_type":"NON_CASH","amount":"64.30"},{"payment_type":"CASH","amount":"5.00","currency_code":"usd"},{"payment_type":"CASH","amount":"10.00","currency_code":"EUR"},{"payment_type":"CASH","amount":"5.00","currency_code":"CHF"}]} | Beleg^75.33_7.99_0.00_0.00_0.00^10.00:Bar_5.00:Bar:CHF_5.00:Bar:USD_64.30:Unbar | 79 | QmVsZWdeNzUuMzNfNy45OV8wLjAwXzAuMDBfMC4wMF4xMC4wMDpCYXJfNS4wMDpCYXI6Q0hGXzUuMDA6QmFyOlVTRF82NC4zMDpVbmJhcg==
        R5 | {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"10.005"},{"vat_rate":"19","amount":"5.00"},{"vat_rate":"NULL","amount":"1234.56789"}],"amounts_per_payment_type":[{"payment_type":"CASH","amount":"20.00"},{"payment_type":"CASH","amount":"-4.99"},{"payment_type":"NON_CASH","amount":"0.00"},{"payment_type":"NON_CASH","amount":"1234.567"}]} | Beleg^15.00_0.00_0.00_0.00_1234.56^15.01:Bar_1234.56:Unbar | 58 | QmVsZWdeMTUuMDBfMC4wMF8wLjAwXzAuMDBfMTIzNC41Nl4xNS4wMTpCYXJfMTIzNC41NjpVbmJhcg==
        R6 | {"receipt_type":"TRAINING","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"12.00"}]} | AVTraining^12.00_0.00_0.00_0.00_0.00^ | 37 | QVZUcmFpbmluZ14xMi4wMF8wLjAwXzAuMDBfMC4wMF8wLjAwXg==
        R7 | {"receipt_type":"CANCELLATION","amounts_per_vat_rate":[]} | AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^ | 40 | QVZCZWxlZ2FiYnJ1Y2heMC4wMF8wLjAwXzAuMDBfMC4wMF8wLjAwXg==
        R8 | {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"-0.004"}],"amounts_per_payment_type":[{"payment_type":"CASH","amount":"-0.009"}]} | Beleg^0.00_0.00_0.00_0.00_0.00^ | 31 | QmVsZWdeMC4wMF8wLjAwXzAuMDBfMC4wMF8wLjAwXg==
        """)
    void workedExamples(String name, String receipt, String processData, int length, String base64) {
        TransactionSchema schema = Schemas.receipt(receipt);

        assertThat(schema.kind()).isEqualTo(SchemaKind.RECEIPT);
        assertThat(schema.processType()).isEqualTo("Kassenbeleg-V1");
        assertThat(new String(schema.processData(), UTF_8)).isEqualTo(processData);
        assertThat(schema.processData()).hasSize(length);
        assertThat(Schemas.base64(schema.processData())).isEqualTo(base64);
        assertThat(schema.echo().get("raw").get("process_data").stringValue()).isEqualTo(base64);
        assertThat(schema.echo().get("raw").get("process_type").stringValue()).isEqualTo("Kassenbeleg-V1");
    }

    /** sign-de-v2.md §8.4.1, the table of inputs and processData. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"8.90"},{"vat_rate":"REDUCED_1","amount":"3.50"}],"amounts_per_payment_type":[{"payment_type":"CASH","amount":"10.00"},{"payment_type":"NON_CASH","amount":"2.40"}]} | Beleg^8.90_3.50_0.00_0.00_0.00^10.00:Bar_2.40:Unbar
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"10.005"},{"vat_rate":"19","amount":"5.00"},{"vat_rate":"REDUCED_1","amount":"-2.505"},{"vat_rate":"NULL","amount":"1.99999"}],"amounts_per_payment_type":[{"payment_type":"NON_CASH","amount":"5.00"},{"payment_type":"CASH","amount":"20.00","currency_code":"CHF"},{"payment_type":"CASH","amount":"3.00"},{"payment_type":"CASH","amount":"0.00","currency_code":"USD"},{"payment_type":"NON_CASH","amount":"1.50"},{"payment_type":"CASH","amount":"2.00","currency_code":"eur"},{"payment_type":"CASH","amount":"4.00","currency_code":"AUD"}]} | Beleg^15.00_-2.50_0.00_0.00_1.99^5.00:Bar_4.00:Bar:AUD_20.00:Bar:CHF_6.50:Unbar
        {"receipt_type":"TRAINING","amounts_per_vat_rate":[{"vat_rate":"SPECIAL_RATE_2","amount":"0.004"},{"vat_rate":"SPECIAL_RATE_2","amount":"0.006"}],"amounts_per_payment_type":[{"payment_type":"CASH","amount":"0.004"}]} | AVTraining^0.00_0.00_0.00_0.01_0.00^
        {"receipt_type":"CANCELLATION","amounts_per_vat_rate":[],"amounts_per_payment_type":[]} | AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^
        """)
    void signDeExamples(String receipt, String processData) {
        assertThat(new String(Schemas.receipt(receipt).processData(), UTF_8)).isEqualTo(processData);
    }

    /** sign-de-v2.md §8.3.1: every receipt_type and its BON_TYP. */
    @ParameterizedTest
    @CsvSource({
        "RECEIPT, Beleg",
        "TRAINING, AVTraining",
        "TRANSFER, AVTransfer",
        "ORDER, AVBestellung",
        "CANCELLATION, AVBelegabbruch",
        "ABORT, AVBelegabbruch",
        "BENEFIT_IN_KIND, AVSachbezug",
        "INVOICE, AVRechnung",
        "OTHER, AVSonstige",
        "ANNULATION, AVBelegstorno",
    })
    void receiptTypeGivesBonTyp(String receiptType, String bonTyp) {
        TransactionSchema schema = Schemas.receipt(
                "{\"receipt_type\":\"" + receiptType + "\",\"amounts_per_vat_rate\":[]}");
        assertThat(new String(schema.processData(), UTF_8)).isEqualTo(bonTyp + "^0.00_0.00_0.00_0.00_0.00^");
    }

    /** sign-de-v2.md §8.3.1: names and deprecated aliases fill the same slot, and are summed together. */
    @ParameterizedTest
    @CsvSource({
        "NORMAL, 19, Beleg^3.00_0.00_0.00_0.00_0.00^",
        "REDUCED_1, 7, Beleg^0.00_3.00_0.00_0.00_0.00^",
        "SPECIAL_RATE_1, 10.7, Beleg^0.00_0.00_3.00_0.00_0.00^",
        "SPECIAL_RATE_2, 5.5, Beleg^0.00_0.00_0.00_3.00_0.00^",
        "NULL, 0, Beleg^0.00_0.00_0.00_0.00_3.00^",
    })
    void vatRateAndAliasShareTheirSlot(String name, String alias, String processData) {
        TransactionSchema schema = Schemas.receipt("{\"receipt_type\":\"RECEIPT\",\"amounts_per_vat_rate\":["
                + "{\"vat_rate\":\"" + name + "\",\"amount\":\"1.00\"},"
                + "{\"vat_rate\":\"" + alias + "\",\"amount\":\"2.00\"}]}");
        assertThat(new String(schema.processData(), UTF_8)).isEqualTo(processData);
    }
}
