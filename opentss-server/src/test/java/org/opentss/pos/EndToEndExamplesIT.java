package org.opentss.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertPosError;
import static org.opentss.testing.PosAssertions.assertQrVerifies;
import static org.opentss.testing.PosAssertions.assertUnauthorized;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * The end-to-end examples of pos-api.md §20.1 (server-side) and §20.2 (device-direct, with key rotation),
 * step by step over real HTTP in the order of the specification's timeline: KASSE-01's fiscal unit creates
 * the location's TSS (signature counters 1–7), SST-02 joins it (8–10), KASSE-01 sells (11, 12), SST-02
 * sells (13, 14). Every receipt's QR code is checked with the independent verifier. (§20.3, offline
 * replay, is OfflineReplayIT.)
 */
class EndToEndExamplesIT {

    private static final String KASSE_SALE = """
            {"external_id": "pos-order-0001",
             "cashier": {"id": "emp-17", "display_name": "Maria R."},
             "line_items": [
               {"description": "Cappuccino", "quantity": "1", "unit_price_gross": 350, "tax": {"rate": "0.19"},
                "product_ref": "SKU-CAP-01"},
               {"description": "Croissant", "quantity": "1", "unit_price_gross": 280, "tax": {"rate": "0.07"},
                "product_ref": "SKU-CRO-01"}]}
            """;

    private static TestServer server;
    private static PosFixture vendor;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        vendor = PosFixture.bootstrap(server, Environment.TEST);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void serverSideAndDeviceDirectRegistersSignOnTheLocationsTss() {
        // §20.1 steps 1–4: merchant, location, register, fiscal unit (server-side: no register key)
        HttpResult merchantCreated = vendor.platform().with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/v1/organizations", """
                        {"legal_name": "Café Morgenrot GmbH", "trade_name": "Café Morgenrot", "country": "DE",
                         "tax_id": "27/123/45678", "vat_id": "DE298765432",
                         "address": {"line1": "Oranienstraße 12", "city": "Berlin", "postal_code": "10997",
                                     "country": "DE"},
                         "metadata": {"crm_id": "C-10442"}}
                        """);
        assertThat(merchantCreated.status()).as(merchantCreated.body()).isEqualTo(201);
        String merchant = merchantCreated.json().get("id").asString();
        assertThat(merchantCreated.json().get("managed_by").asString()).isEqualTo(vendor.homeOrganization());
        PosClient backend = vendor.platform().actingFor(merchant);
        String location = vendor.createLocation(merchant, "Filiale Kreuzberg");
        HttpResult registerCreated = backend.post("/v1/locations/" + location + "/registers",
                "{\"label\": \"Kasse 1\", \"serial_number\": \"KASSE-01\", \"jurisdiction\": \"DE\"}");
        assertThat(registerCreated.status()).isEqualTo(201);
        String kasse = registerCreated.json().get("id").asString();
        HttpResult kasseUnit = backend.post("/v1/registers/" + kasse + "/fiscal-units",
                "{\"issue_register_credential\": false}");
        assertThat(kasseUnit.status()).isEqualTo(201);
        assertThat(kasseUnit.json().at("/fiscal_unit/state").asString()).isEqualTo("active");
        assertThat(kasseUnit.json().get("register_api_key").isNull()).isTrue();
        assertThat(kasseUnit.json().get("credential_issued").asBoolean()).isFalse();
        JsonNode registration = kasseUnit.json().at("/fiscal_unit/fiscal_registration");
        assertThat(registration.get("client_id").asString()).isEqualTo("KASSE-01");

        // §20.2 steps 1–3: the self-service terminal joins the location's TSS and gets its own key
        String terminal = backend.post("/v1/locations/" + location + "/registers",
                "{\"label\": \"SB-Terminal\", \"serial_number\": \"SST-02\"}").json().get("id").asString();
        HttpResult terminalUnit = backend.post("/v1/registers/" + terminal + "/fiscal-units",
                "{\"issue_register_credential\": true}");
        assertThat(terminalUnit.status()).isEqualTo(201);
        assertThat(terminalUnit.json().at("/fiscal_unit/fiscal_registration/tss_id"))
                .isEqualTo(registration.get("tss_id"));
        assertThat(terminalUnit.json().get("credential_issued").asBoolean()).isTrue();
        PosClient device = PosClient.register(server, terminalUnit.json().get("register_api_key").asString());

        // §20.1 steps 5–7: a sale started and completed by the backend, printed from the completion
        HttpResult started = backend.with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/v1/registers/" + kasse + "/sales", KASSE_SALE);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.header("ETag")).contains("\"1\"");
        JsonNode sale = started.json();
        assertThat(sale.at("/fiscal/start_event/transaction_counter").asLong()).isEqualTo(1);
        assertThat(sale.at("/fiscal/start_event/signature_counter").asLong()).isEqualTo(11);
        assertThat(sale.at("/data/totals/total_gross").asLong()).isEqualTo(630);
        assertThat(sale.at("/data/totals/total_net").asLong()).isEqualTo(556);
        assertThat(sale.at("/data/totals/total_tax").asLong()).isEqualTo(74);

        HttpResult completed = backend.with("Idempotency-Key", UUID.randomUUID().toString())
                .with("If-Match", "\"1\"")
                .post("/v1/sales/" + sale.get("id").asString() + "/complete",
                        "{\"payments\": [{\"method\": \"card\", \"amount\": 630, \"card\": {\"scheme\": \"girocard\"}}]}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(completed.header("ETag")).contains("\"2\"");
        JsonNode receipt = completed.json();
        assertThat(receipt.get("state").asString()).isEqualTo("completed");
        assertThat(receipt.get("fiscal_state").asString()).isEqualTo("succeeded");
        JsonNode end = receipt.at("/fiscal/end_event");
        assertThat(end.get("transaction_counter").asLong()).isEqualTo(1);
        assertThat(end.get("signature_counter").asLong()).isEqualTo(12);
        assertThat(end.get("process_type").asString()).isEqualTo("Kassenbeleg-V1");
        assertThat(end.get("process_data").asString()).isEqualTo("Beleg^3.50_2.80_0.00_0.00_0.00^6.30:Unbar");
        String year = String.valueOf(Instant.parse(end.get("signed_at").asString())
                .atZone(ZoneId.of("Europe/Berlin")).getYear());
        assertThat(receipt.at("/fiscal/document_number").asString()).isEqualTo(year + "-000001");
        assertThat(receipt.at("/fiscal/tse_serial")).isEqualTo(registration.get("tse_serial"));
        String qr = receipt.at("/fiscal/verification/qr_data").asString();
        assertThat(qr).startsWith("V0;KASSE-01;Kassenbeleg-V1;Beleg^3.50_2.80_0.00_0.00_0.00^6.30:Unbar;1;12;")
                .endsWith(";" + registration.get("public_key").asString());
        assertQrVerifies(qr);

        // §20.2 steps 4–6: the terminal sells with its own key and its own operation id, then reports in
        String clientId = "9ef326f9-535d-4fd8-b84f-6ca38d06508d";
        HttpResult terminalStarted = device.with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/v1/registers/" + terminal + "/sales", """
                        {"id": "%s", "occurred_at": "%s",
                         "line_items": [{"description": "Filterkaffee", "quantity": "1", "unit_price_gross": 290,
                                         "tax": {"rate": "0.19"}, "product_ref": "SKU-FK-01"}]}
                        """.formatted(clientId, server.clock().instant().minusMillis(60)));
        assertThat(terminalStarted.status()).as(terminalStarted.body()).isEqualTo(201);
        assertThat(terminalStarted.json().get("client_operation_id").asString()).isEqualTo(clientId);
        assertThat(terminalStarted.json().at("/fiscal/start_event/transaction_counter").asLong()).isEqualTo(2);
        assertThat(terminalStarted.json().at("/fiscal/start_event/signature_counter").asLong()).isEqualTo(13);
        HttpResult terminalCompleted = device.with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/v1/sales/" + clientId + "/complete", """
                        {"payments": [{"method": "card", "amount": 290,
                                       "card": {"scheme": "girocard", "last4": "4242",
                                                "authorization_code": "510022"}}]}
                        """);
        assertThat(terminalCompleted.status()).as(terminalCompleted.body()).isEqualTo(200);
        JsonNode terminalEnd = terminalCompleted.json().at("/fiscal/end_event");
        assertThat(terminalEnd.get("signature_counter").asLong()).isEqualTo(14);
        assertThat(terminalEnd.get("process_data").asString()).isEqualTo("Beleg^2.90_0.00_0.00_0.00_0.00^2.90:Unbar");
        assertQrVerifies(terminalCompleted.json().at("/fiscal/verification/qr_data").asString());
        HttpResult heartbeat = device.post("/v1/registers/" + terminal + "/heartbeat",
                "{\"timestamp\": \"" + server.clock().instant() + "\", \"sequence\": 1, \"status\": \"operational\"}");
        assertThat(heartbeat.status()).isEqualTo(200);

        // §20.2 steps 7–10: the key stays on its register; rotation rejects the old key at once
        assertPosError(device.get("/v1/locations/" + location + "/registers/status"), 403, "forbidden", null);
        HttpResult rotated = backend.with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/v1/registers/" + terminal + "/credentials/rotate", "{}");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("object").asString()).isEqualTo("register_credential_rotation");
        assertUnauthorized(device.get("/v1/registers/" + terminal));
        PosClient rotatedDevice = PosClient.register(server, rotated.json().get("register_api_key").asString());
        HttpResult withNewKey = rotatedDevice.get("/v1/registers/" + terminal);
        assertThat(withNewKey.status()).isEqualTo(200);
        assertThat(withNewKey.json().at("/register_credential/issued_at").asString())
                .isEqualTo(rotated.json().get("rotated_at").asString());
    }
}
