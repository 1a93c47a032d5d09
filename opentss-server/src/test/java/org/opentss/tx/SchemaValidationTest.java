package org.opentss.tx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Refused schemas and their exact messages (sign-de-v2.md §2.4, §8.3). */
class SchemaValidationTest {

    private static final String RECEIPT_PREFIX = "{\"standard_v1\":{\"receipt\":";
    private static final String ORDER_PREFIX = "{\"standard_v1\":{\"order\":";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        null                                                  | body/schema must be object
        []                                                    | body/schema must be object
        "raw"                                                 | body/schema must be object
        {}                                                    | body/schema must NOT have fewer than 1 properties
        {"standard_v1":{},"raw":{}}                           | body/schema must NOT have more than 1 properties
        {"standard_v2":{}}                                    | body/schema must NOT have additional properties
        {"dsfinvtw_v1":{}}                                    | schema.dsfinvtw_v1 is not supported
        {"dsfinvtw_v1":"anything"}                            | schema.dsfinvtw_v1 is not supported
        {"standard_v1":[]}                                    | body/schema/standard_v1 must be object
        {"standard_v1":{}}                                    | body/schema/standard_v1 must NOT have fewer than 1 properties
        {"standard_v1":{"receipt":{},"order":{}}}             | body/schema/standard_v1 must NOT have more than 1 properties
        {"standard_v1":{"invoice":{}}}                        | body/schema/standard_v1 must NOT have additional properties
        {"standard_v1":{"other":"text"}}                      | body/schema/standard_v1/other must be object
        {"standard_v1":{"other":{"n":1e400}}}                 | body/schema/standard_v1/other/n must be a finite number
        {"standard_v1":{"other":{"a/b":[0,"\\udc00"]}}}       | body/schema/standard_v1/other/a~1b/1 must NOT contain unpaired surrogates
        {"standard_v1":{"other":{"\\ud800":1}}}               | body/schema/standard_v1/other property names must NOT contain unpaired surrogates
        """)
    void schemaAndStandardV1Shape(String schema, String message) {
        Schemas.assertRefused(schema, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        []                                                                          | body/schema/standard_v1/receipt must be object
        {"amounts_per_vat_rate":[]}                                                 | body/schema/standard_v1/receipt must have required property 'receipt_type'
        {"receipt_type":"BILL","amounts_per_vat_rate":[]}                           | body/schema/standard_v1/receipt/receipt_type must be equal to one of the allowed values
        {"receipt_type":1,"amounts_per_vat_rate":[]}                                | body/schema/standard_v1/receipt/receipt_type must be string
        {"receipt_type":"RECEIPT"}                                                  | body/schema/standard_v1/receipt must have required property 'amounts_per_vat_rate'
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":{}}                        | body/schema/standard_v1/receipt/amounts_per_vat_rate must be array
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":["1.00"]}                  | body/schema/standard_v1/receipt/amounts_per_vat_rate/0 must be object
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"amount":"1.00"}]}       | body/schema/standard_v1/receipt/amounts_per_vat_rate/0 must have required property 'vat_rate'
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"16","amount":"1.00"}]} | body/schema/standard_v1/receipt/amounts_per_vat_rate/0/vat_rate must be equal to one of the allowed values
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL"}]}   | body/schema/standard_v1/receipt/amounts_per_vat_rate/0 must have required property 'amount'
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"1.00"},{"vat_rate":"NORMAL","amount":"1.5"}]} | body/schema/standard_v1/receipt/amounts_per_vat_rate/1/amount must match pattern "^-?\\d+(\\.\\d{2,5})$"
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"1.123456"}]} | body/schema/standard_v1/receipt/amounts_per_vat_rate/0/amount must match pattern "^-?\\d+(\\.\\d{2,5})$"
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"1,00"}]} | body/schema/standard_v1/receipt/amounts_per_vat_rate/0/amount must match pattern "^-?\\d+(\\.\\d{2,5})$"
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"+1.00"}]} | body/schema/standard_v1/receipt/amounts_per_vat_rate/0/amount must match pattern "^-?\\d+(\\.\\d{2,5})$"
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"1.00\\n"}]} | body/schema/standard_v1/receipt/amounts_per_vat_rate/0/amount must match pattern "^-?\\d+(\\.\\d{2,5})$"
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":1.00}]} | body/schema/standard_v1/receipt/amounts_per_vat_rate/0/amount must be string
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[],"amounts_per_payment_type":null} | body/schema/standard_v1/receipt/amounts_per_payment_type must be array
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[],"amounts_per_payment_type":[{"payment_type":"CARD","amount":"1.00"}]} | body/schema/standard_v1/receipt/amounts_per_payment_type/0/payment_type must be equal to one of the allowed values
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[],"amounts_per_payment_type":[{"payment_type":"CASH"}]} | body/schema/standard_v1/receipt/amounts_per_payment_type/0 must have required property 'amount'
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[],"amounts_per_payment_type":[{"payment_type":"CASH","amount":"1.00","currency_code":"EURO"}]} | body/schema/standard_v1/receipt/amounts_per_payment_type/0/currency_code must match pattern "^[a-zA-Z]{3}$"
        {"receipt_type":"RECEIPT","amounts_per_vat_rate":[],"amounts_per_payment_type":[{"payment_type":"CASH","amount":"1.00","currency_code":"€UR"}]} | body/schema/standard_v1/receipt/amounts_per_payment_type/0/currency_code must match pattern "^[a-zA-Z]{3}$"
        """)
    void receipt(String receipt, String message) {
        Schemas.assertRefused(RECEIPT_PREFIX + receipt + "}}", message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {}                                                                          | body/schema/standard_v1/order must have required property 'line_items'
        {"line_items":{}}                                                           | body/schema/standard_v1/order/line_items must be array
        {"line_items":[{"text":"a","price_per_unit":"1.00"}]}                       | body/schema/standard_v1/order/line_items/0 must have required property 'quantity'
        {"line_items":[{"quantity":"1e3","text":"a","price_per_unit":"1.00"}]}      | body/schema/standard_v1/order/line_items/0/quantity must match pattern "^-?\\d+(\\.\\d{1,5})?$"
        {"line_items":[{"quantity":"1.","text":"a","price_per_unit":"1.00"}]}       | body/schema/standard_v1/order/line_items/0/quantity must match pattern "^-?\\d+(\\.\\d{1,5})?$"
        {"line_items":[{"quantity":"1.123456","text":"a","price_per_unit":"1.00"}]} | body/schema/standard_v1/order/line_items/0/quantity must match pattern "^-?\\d+(\\.\\d{1,5})?$"
        {"line_items":[{"quantity":"1","price_per_unit":"1.00"}]}                   | body/schema/standard_v1/order/line_items/0 must have required property 'text'
        {"line_items":[{"quantity":"1","text":["a"],"price_per_unit":"1.00"}]}      | body/schema/standard_v1/order/line_items/0/text must be string
        {"line_items":[{"quantity":"1","text":"a\\rb","price_per_unit":"1.00"}]}    | body/schema/standard_v1/order/line_items/0/text must match pattern "^[^\\x00-\\x1F\\x7F]*$"
        {"line_items":[{"quantity":"1","text":"a\\nb","price_per_unit":"1.00"}]}    | body/schema/standard_v1/order/line_items/0/text must match pattern "^[^\\x00-\\x1F\\x7F]*$"
        {"line_items":[{"quantity":"1","text":"a\\u007f","price_per_unit":"1.00"}]} | body/schema/standard_v1/order/line_items/0/text must match pattern "^[^\\x00-\\x1F\\x7F]*$"
        {"line_items":[{"quantity":"1","text":"\\ud83d","price_per_unit":"1.00"}]}  | body/schema/standard_v1/order/line_items/0/text must NOT contain unpaired surrogates
        {"line_items":[{"quantity":"1","text":"a"}]}                                | body/schema/standard_v1/order/line_items/0 must have required property 'price_per_unit'
        {"line_items":[{"quantity":"1","text":"a","price_per_unit":"1.0"}]}         | body/schema/standard_v1/order/line_items/0/price_per_unit must match pattern "^-?\\d+(\\.\\d{2,5})$"
        """)
    void order(String order, String message) {
        Schemas.assertRefused(ORDER_PREFIX + order + "}}", message);
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 256})
    void orderTextHasAtMost255Characters(int length) {
        String text = "ä".repeat(length - 1) + "\uD83D\uDE00"; // code points, not UTF-16 units or bytes, count
        String schema = ORDER_PREFIX + "{\"line_items\":[{\"quantity\":\"1\",\"text\":\"" + text
                + "\",\"price_per_unit\":\"1.00\"}]}}}";
        if (length <= Order.MAX_TEXT_LENGTH) {
            assertThat(Schemas.parse(schema).kind()).isEqualTo(SchemaKind.ORDER);
        } else {
            Schemas.assertRefused(schema, "body/schema/standard_v1/order/line_items/0/text must NOT have more than 255 characters");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
        "x" => body/schema/raw must be object
        {"process_data":""} => body/schema/raw must have required property 'process_type'
        {"process_type":"Kassenbeleg-V1"} => body/schema/raw must have required property 'process_data'
        {"process_type":null,"process_data":""} => body/schema/raw/process_type must be string
        {"process_type":"t","process_data":5} => body/schema/raw/process_data must be string
        {"process_type":"","process_data":"QQ=="} => body/schema/raw/process_type must NOT have fewer than 1 characters
        {"process_type":"Kassenbeleg_V1","process_data":""} => body/schema/raw/process_type must match pattern "^[A-Za-z0-9 '()+,\\-./:=?]*$"
        {"process_type":"Kassenbäleg","process_data":""} => body/schema/raw/process_type must match pattern "^[A-Za-z0-9 '()+,\\-./:=?]*$"
        {"process_type":"t","process_data":"QQ=\\n"} => body/schema/raw/process_data must match pattern "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$"
        {"process_type":"t","process_data":"QU JD"} => body/schema/raw/process_data must match pattern "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$"
        {"process_type":"t","process_data":"QQ="} => body/schema/raw/process_data must match pattern "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$"
        {"process_type":"t","process_data":"Q"} => body/schema/raw/process_data must match pattern "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$"
        {"process_type":"t","process_data":"-_8="} => body/schema/raw/process_data must match pattern "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$"
        {"process_type":"t","process_data":"QQ==QQ=="} => body/schema/raw/process_data must match pattern "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$"
        """)
    void raw(String raw, String message) {
        Schemas.assertRefused("{\"raw\":" + raw + "}", message);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101})
    void rawProcessTypeHasAtMost100Characters(int length) {
        String schema = "{\"raw\":{\"process_type\":\"" + "T".repeat(length) + "\",\"process_data\":\"\"}}";
        if (length <= RawProcess.MAX_PROCESS_TYPE_LENGTH) {
            assertThat(Schemas.parse(schema).processType()).hasSize(length);
        } else {
            Schemas.assertRefused(schema, "body/schema/raw/process_type must NOT have more than 100 characters");
        }
    }
}
