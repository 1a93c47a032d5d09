package org.opentss.tx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785 canonical JSON, as signed for SonstigerVorgang (sign-de-v2.md §8.4.3, tse-formats.md §6.4). */
class JsonCanonicalizerTest {

    private static String canonical(String json) {
        return JsonCanonicalizer.canonicalize(Schemas.json(json));
    }

    @Test
    void signDeExampleThroughTheSchema() {
        TransactionSchema schema = Schemas.parse(
                "{\"standard_v1\":{\"other\":{\"note\":\"Wechselgeld-Einlage\",\"amount\":\"50.00\"}}}");

        assertThat(schema.kind()).isEqualTo(SchemaKind.OTHER);
        assertThat(schema.processType()).isEqualTo("SonstigerVorgang");
        assertThat(new String(schema.processData(), UTF_8)).isEqualTo("{\"amount\":\"50.00\",\"note\":\"Wechselgeld-Einlage\"}");
        assertThat(Schemas.base64(schema.processData()))
                .isEqualTo("eyJhbW91bnQiOiI1MC4wMCIsIm5vdGUiOiJXZWNoc2VsZ2VsZC1FaW5sYWdlIn0=");
    }

    @Test
    void emptyOtherIsSignedAsEmptyObject() {
        assertThat(new String(Schemas.parse("{\"standard_v1\":{\"other\":{}}}").processData(), UTF_8)).isEqualTo("{}");
    }

    @Test
    void tseFormatsExample() {
        assertThat(canonical("{\"z_nr\":\"12\",\"text\":\"Tagesabschluss\"}"))
                .isEqualTo("{\"text\":\"Tagesabschluss\",\"z_nr\":\"12\"}");
    }

    @Test
    void nestedObjectsAndArraysAreSortedInsideAndKeepArrayOrder() {
        assertThat(canonical("""
                { "b" : [ 3, {"y": 1, "x": [true, false, null]}, "s" ],
                  "a" : { "d" : {}, "c" : [] } }"""))
                .isEqualTo("{\"a\":{\"c\":[],\"d\":{}},\"b\":[3,{\"x\":[true,false,null],\"y\":1},\"s\"]}");
    }

    /** RFC 8785 §3.2.3: sorted by UTF-16 code units, so U+1F600 (D83D DE00) comes before U+FB33. */
    @Test
    void membersAreSortedByUtf16CodeUnits() {
        assertThat(canonical("""
                {"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh",
                 "1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control",
                 "\\u00f6":"Latin Small Letter O With Diaeresis"}"""))
                .isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                        + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                        + "\"\uD83D\uDE00\":\"Emoji: Grinning Face\",\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    /** The example of RFC 8785 §3.2.2: numbers, minimal string escaping, literals. */
    @Test
    void rfc8785Example() {
        assertThat(canonical("""
                {"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],
                 "string":"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                 "literals":[null,true,false]}"""))
                .isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        "\\u0007"           | "\\u0007"
        "\\u001f"           | "\\u001f"
        "\\b\\t\\n\\f\\r"   | "\\b\\t\\n\\f\\r"
        "\\u007f"           | "\u007f"
        "\\u2028\\u2029"    | "\u2028\u2029"
        "\\u00e4<>&'"       | "ä<>&'"
        "\\/"               | "/"
        """)
    void stringsAreEscapedMinimally(String json, String canonical) {
        assertThat(canonical(json)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({
        "1e21, 1e+21",
        "1e20, 100000000000000000000",
        "0.1, 0.1",
        "-0, 0",
        "-0.0, 0",
        "1.0, 1",
        "-1.5, -1.5",
        "1E-7, 1e-7",
        "0.000001, 0.000001",
        "123456789012345678901234, 1.2345678901234569e+23",
        "9007199254740993, 9007199254740992",
        "5e-324, 5e-324",
        "2e-3, 0.002",
        "1E30, 1e+30",
    })
    void numbersAreWrittenAsEcmaScriptDoes(String json, String canonical) {
        assertThat(canonical(json)).isEqualTo(canonical);
    }

    /** The IEEE-754 test values of RFC 8785 Appendix B. */
    @ParameterizedTest
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void rfc8785NumberVectors(String bits, String canonical) {
        assertThat(JsonCanonicalizer.number(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16))))
                .isEqualTo(canonical);
    }
}
