package org.opentss.pos.register;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Registers, fiscal units and register keys over real HTTP (pos-api.md §12–§14): provisioning signs on a
 * TSS of the location, the register key reaches only its own register, rotation and archiving revoke keys.
 */
class RegistersIT {

    private static TestServer server;
    private static PosFixture fixture;
    private static PosClient platform;
    private static String location;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        fixture = PosFixture.bootstrap(server, Environment.TEST);
        String merchant = fixture.createMerchant("Café Morgenrot GmbH");
        platform = fixture.platform().actingFor(merchant);
        location = fixture.createLocation(merchant, "Filiale Kreuzberg");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createsARegisterAndRefusesBadOrDuplicateSerialNumbers() {
        HttpResult created = platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"Kasse 1\",\"serial_number\":\"KASSE-01\",\"metadata\":{\"device\":\"iPad-7F3A\"}}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode register = created.json();
        assertThat(register.get("id").stringValue()).startsWith("reg_");
        assertThat(register.get("state").stringValue()).isEqualTo("active");
        assertThat(register.get("jurisdiction").stringValue()).isEqualTo("DE");
        assertThat(register.get("active_fiscal_unit").isNull()).isTrue();
        assertThat(register.get("register_credential").isNull()).isTrue();

        assertError(platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"Kasse 1b\",\"serial_number\":\"KASSE-01\"}"), 409, "serial_number_in_use", "serial_number");
        assertError(platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"Kasse 2\",\"serial_number\":\"KASSE/02\"}"), 422, "validation_error", "serial_number");
        assertError(platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"Kasse 2\",\"serial_number\":\"KASSE-02\",\"jurisdiction\":\"AT\"}"), 422,
                "jurisdiction_not_supported", "jurisdiction");
        assertError(platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"Kasse 2\",\"serial_number\":\"KASSE-02\",\"serial\":\"x\"}"), 400, "invalid_request",
                "serial");
        assertError(platform.post("/v1/locations/loc_01KKBFMS701ZAZ6PJ0DNSE6MWY/registers",
                "{\"label\":\"Kasse 2\",\"serial_number\":\"KASSE-02\"}"), 404, "not_found", null);
    }

    @Test
    void provisionsAFiscalUnitAndIssuesARegisterKeyThatReachesOnlyItsRegister() {
        String register = createRegister("KIOSK-01");
        String other = createRegister("KIOSK-02");
        HttpResult provisioned = platform.post("/v1/registers/" + register + "/fiscal-units",
                "{\"issue_register_credential\":true}");
        assertThat(provisioned.status()).isEqualTo(201);
        JsonNode response = provisioned.json();
        JsonNode unit = response.get("fiscal_unit");
        assertThat(unit.get("state").stringValue()).isEqualTo("active");
        JsonNode registration = unit.get("fiscal_registration");
        assertThat(registration.get("tse_serial").stringValue()).matches("[0-9a-f]{64}");
        assertThat(registration.get("client_id").stringValue()).isEqualTo("KIOSK-01");
        assertThat(registration.get("registered_at").stringValue()).matches(".*T.*:\\d\\dZ");
        assertThat(response.get("register").get("active_fiscal_unit").get("id")).isEqualTo(unit.get("id"));
        assertThat(response.get("credential_issued").booleanValue()).isTrue();
        String key = response.get("register_api_key").stringValue();
        assertThat(key).matches("ofk_reg_test_[0-9A-Za-z]{32}");

        assertError(platform.post("/v1/registers/" + register + "/fiscal-units", "{}"), 409,
                "fiscal_unit_already_active", null);

        PosClient device = PosClient.register(server, key);
        assertThat(device.get("/v1/registers/" + register).status()).isEqualTo(200);
        assertError(device.get("/v1/registers/" + other), 403, "forbidden", null);
        assertError(device.get("/v1/registers/" + register + "/fiscal-units"), 403, "forbidden", null);
        assertError(device.post("/v1/registers/" + register + "/credentials/rotate", "{}"), 403, "forbidden", null);

        HttpResult rotated = platform.post("/v1/registers/" + register + "/credentials/rotate", "{}");
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().get("register_api_key").stringValue();
        assertError(device.get("/v1/registers/" + register), 401, "unauthorized", null);
        assertThat(PosClient.register(server, newKey).get("/v1/registers/" + register).status()).isEqualTo(200);
    }

    @Test
    void decommissionsReplacesAndArchives() {
        String register = createRegister("KASSE-07");
        String first = platform.post("/v1/registers/" + register + "/fiscal-units", "{}").json()
                .get("fiscal_unit").get("id").stringValue();

        HttpResult replaced = platform.post("/v1/registers/" + register + "/fiscal-units/replace",
                "{\"reason\":\"TSE moved\"}");
        assertThat(replaced.status()).isEqualTo(201);
        JsonNode oldBinding = replaced.json().get("old_binding");
        JsonNode newBinding = replaced.json().get("new_binding");
        assertThat(oldBinding.get("state").stringValue()).isEqualTo("decommissioned");
        assertThat(oldBinding.get("replaced_by")).isEqualTo(newBinding.get("id"));
        assertThat(newBinding.get("replaces").stringValue()).isEqualTo(first);
        assertThat(newBinding.get("fiscal_registration").get("tss_id"))
                .isNotEqualTo(oldBinding.get("fiscal_registration").get("tss_id"));

        String current = newBinding.get("id").stringValue();
        HttpResult retired = platform.post("/v1/fiscal-units/" + current + "/decommission", "{\"reason\":\"closed\"}");
        assertThat(retired.status()).isEqualTo(200);
        assertThat(retired.json().get("state").stringValue()).isEqualTo("decommissioned");
        assertThat(platform.get("/v1/registers/" + register).json().get("active_fiscal_unit").isNull()).isTrue();
        assertError(platform.post("/v1/fiscal-units/" + current + "/recover", "{}"), 409, "fiscal_unit_not_active", null);

        HttpResult history = platform.get("/v1/registers/" + register + "/fiscal-units?limit=1");
        assertThat(history.json().get("data").get(0).get("id").stringValue()).isEqualTo(current);
        assertThat(history.json().get("has_more").booleanValue()).isTrue();

        HttpResult again = platform.post("/v1/registers/" + register + "/fiscal-units",
                "{\"issue_register_credential\":true}");
        assertThat(again.json().get("fiscal_unit").get("state").stringValue()).isEqualTo("active");
        String key = again.json().get("register_api_key").stringValue();

        HttpResult archived = platform.post("/v1/registers/" + register + "/archive", "{}");
        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.json().get("state").stringValue()).isEqualTo("archived");
        assertThat(archived.json().get("register_credential").isNull()).isTrue();
        assertError(PosClient.register(server, key).get("/v1/registers/" + register), 401, "unauthorized", null);
        assertError(platform.post("/v1/registers/" + register + "/fiscal-units", "{}"), 409, "register_archived", null);
        assertThat(platform.post("/v1/registers/" + register + "/archive", "{}").status()).isEqualTo(200);
    }

    private static String createRegister(String serial) {
        HttpResult created = platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"" + serial + "\",\"serial_number\":\"" + serial + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").stringValue();
    }

    private static void assertError(HttpResult result, int status, String code, String param) {
        assertThat(result.status()).as(result.body()).isEqualTo(status);
        JsonNode body = result.json();
        assertThat(body.get("object").stringValue()).isEqualTo("error");
        assertThat(body.get("code").stringValue()).isEqualTo(code);
        assertThat(body.get("request_id").stringValue()).startsWith("req_");
        if (param == null) {
            assertThat(body.get("param").isNull()).isTrue();
        } else {
            assertThat(body.get("param").stringValue()).isEqualTo(param);
        }
    }
}
