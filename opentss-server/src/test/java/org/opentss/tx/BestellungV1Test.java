package org.opentss.tx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers for Bestellung-V1 (tse-formats.md §6.3, sign-de-v2.md §8.4.2). */
class BestellungV1Test {

    @Test
    void tseFormatsExampleWithUmlautAndQuotes() {
        TransactionSchema schema = Schemas.order("""
                {"line_items":[
                  {"quantity":"2","text":"Döner","price_per_unit":"8.50"},
                  {"quantity":"1.50","text":"Ayran \\"groß\\"","price_per_unit":"2.20"}]}""");

        assertThat(schema.kind()).isEqualTo(SchemaKind.ORDER);
        assertThat(schema.processType()).isEqualTo("Bestellung-V1");
        assertThat(new String(schema.processData(), UTF_8)).isEqualTo("2;\"Döner\";8.50\r1.5;\"Ayran \"\"groß\"\"\";2.20");
        assertThat(schema.processData()).hasSize(42).isEqualTo(HexFormat.of().parseHex(
                "323B2244C3B66E6572223B382E35300D"
                + "312E353B22417972616E20222267726F"
                + "C39F2222223B322E3230"));
        assertThat(Schemas.base64(schema.processData()))
                .isEqualTo("MjsiRMO2bmVyIjs4LjUwDTEuNTsiQXlyYW4gIiJncm/DnyIiIjsyLjIw");
    }

    @Test
    void tseFormatsCancellationAndReorderAsFiskalyWritesIt() {
        TransactionSchema schema = Schemas.order("""
                {"line_items":[
                  {"quantity":"-1","text":"Limo Orange 0.2l","price_per_unit":"2.30"},
                  {"quantity":"1","text":"Limo Orange 0.2l","price_per_unit":"2.30"}]}""");

        assertThat(schema.processData()).hasSize(52).isEqualTo(HexFormat.of().parseHex(
                "2D313B224C696D6F204F72616E676520302E326C223B322E33300D"
                + "313B224C696D6F204F72616E676520302E326C223B322E3330"));
    }

    @Test
    void signDeExampleTruncatesPriceAndEchoesInputAsSent() {
        String order = """
                {"line_items":[
                  {"quantity":"2","text":"Apfelschorle 0,4l","price_per_unit":"3.90"},
                  {"quantity":"1.500","text":"Bergkäse \\"alt\\"","price_per_unit":"12.999"},
                  {"quantity":"-1","text":"Apfelschorle 0,4l","price_per_unit":"3.90"}]}""";
        TransactionSchema schema = Schemas.order(order);
        String base64 = "MjsiQXBmZWxzY2hvcmxlIDAsNGwiOzMuOTANMS41OyJCZXJna8Okc2UgIiJhbHQiIiI7MTIuOTkNLTE7IkFwZmVsc2Nob3JsZSAwLDRsIjszLjkw";

        assertThat(new String(schema.processData(), UTF_8)).isEqualTo(
                "2;\"Apfelschorle 0,4l\";3.90\r1.5;\"Bergkäse \"\"alt\"\"\";12.99\r-1;\"Apfelschorle 0,4l\";3.90");
        assertThat(Schemas.base64(schema.processData())).isEqualTo(base64);
        assertThat(schema.echo()).isEqualTo(Schemas.json("{\"standard_v1\":{\"order\":" + order + "},"
                + "\"raw\":{\"process_type\":\"Bestellung-V1\",\"process_data\":\"" + base64 + "\"}}"));
    }

    @Test
    void emptyOrderHasEmptyProcessDataButKeepsItsType() {
        TransactionSchema schema = Schemas.order("{\"line_items\":[]}");

        assertThat(schema.processType()).isEqualTo("Bestellung-V1");
        assertThat(schema.processData()).isEmpty();
        assertThat(schema.echo().get("raw")).isEqualTo(
                Schemas.json("{\"process_type\":\"Bestellung-V1\",\"process_data\":\"\"}"));
    }
}
