package org.opentss.pos.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertPosError;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.GaplessExport;
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
    private static String merchant;
    private static String location;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        fixture = PosFixture.bootstrap(server, Environment.TEST);
        merchant = fixture.createMerchant("Café Morgenrot GmbH");
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
        assertThat(platform.get("/v1/registers/" + register.get("id").stringValue()).json().get("archived_at")
                .isNull()).isTrue();

        assertPosError(platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"Kasse 1b\",\"serial_number\":\"KASSE-01\"}"), 409, "serial_number_in_use", "serial_number");
        assertPosError(platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"Kasse 2\",\"serial_number\":\"KASSE/02\"}"), 422, "validation_error", "serial_number");
        assertPosError(platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"Kasse 2\",\"serial_number\":\"KASSE-02\",\"jurisdiction\":\"AT\"}"), 422,
                "jurisdiction_not_supported", "jurisdiction");
        assertPosError(platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"Kasse 2\",\"serial_number\":\"KASSE-02\",\"serial\":\"x\"}"), 400, "invalid_request",
                "serial");
        assertPosError(platform.get("/v1/locations/" + location + "/registers?status=active"), 400,
                "invalid_request", "status");
        assertPosError(platform.get("/v1/locations/" + location + "/registers?state=open"), 400, "invalid_request",
                "state");
        assertThat(platform.get("/v1/locations/" + location + "/registers?state=active").json().get("data")
                .valueStream().map(r -> r.get("serial_number").stringValue())).contains("KASSE-01");
        createRegister("KASSE-09");
        String cursor = platform.get("/v1/locations/" + location + "/registers?state=active&limit=1").json()
                .get("next_cursor").stringValue();
        assertThat(platform.get("/v1/locations/" + location + "/registers?state=active&limit=1&cursor=" + cursor)
                .status()).isEqualTo(200);
        assertPosError(platform.get("/v1/locations/" + location + "/registers?limit=1&cursor=" + cursor), 400,
                "invalid_request", "cursor");
        assertPosError(platform.post("/v1/locations/loc_01KKBFMS701ZAZ6PJ0DNSE6MWY/registers",
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

        assertPosError(platform.post("/v1/registers/" + register + "/fiscal-units", "{}"), 409,
                "fiscal_unit_already_active", null);

        PosClient device = PosClient.register(server, key);
        assertThat(device.get("/v1/registers/" + register).status()).isEqualTo(200);
        assertPosError(device.get("/v1/registers/" + other), 403, "forbidden", null);
        assertPosError(device.get("/v1/registers/" + register + "/fiscal-units"), 403, "forbidden", null);
        assertPosError(device.post("/v1/registers/" + register + "/credentials/rotate", "{}"), 403, "forbidden", null);

        HttpResult rotated = platform.post("/v1/registers/" + register + "/credentials/rotate", "{}");
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().get("register_api_key").stringValue();
        assertPosError(device.get("/v1/registers/" + register), 401, "unauthorized", null);
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
        assertPosError(platform.post("/v1/fiscal-units/" + current + "/recover", "{}"), 409, "fiscal_unit_not_active", null);

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
        assertThat(platform.get("/v1/registers/" + register).json().get("archived_at").stringValue())
                .isEqualTo(archived.json().get("archived_at").stringValue());
        assertPosError(PosClient.register(server, key).get("/v1/registers/" + register), 401, "unauthorized", null);
        assertPosError(platform.post("/v1/registers/" + register + "/fiscal-units", "{}"), 409, "register_archived", null);
        assertThat(platform.post("/v1/registers/" + register + "/archive", "{}").status()).isEqualTo(200);
    }

    /**
     * §2.2: every registerClient and deregisterClient log sits in an admin session, and the
     * TSS the POS API created exports gaplessly and verifies with the independent verifier.
     */
    @Test
    void signsEveryClientChangeInItsOwnAdminSessionOnAVerifiableTss() {
        String register = createRegister("KASSE-20");
        JsonNode unit = platform.post("/v1/registers/" + register + "/fiscal-units", "{}").json().get("fiscal_unit");
        String tssId = unit.get("fiscal_registration").get("tss_id").stringValue();
        assertThat(platform.post("/v1/fiscal-units/" + unit.get("id").stringValue() + "/decommission",
                "{\"reason\":\"moved\"}").status()).isEqualTo(200);

        String tssOrganization = platform.get("/v1/organizations/" + merchant).json().get("tss_organization_id")
                .stringValue();
        String token = server.accessToken(server.createApiKey(tssOrganization, Environment.TEST));
        JsonNode tss = server.get("/api/v2/tss/" + tssId, token).json();
        assertThat(tss.get("state").stringValue()).isEqualTo("INITIALIZED");
        assertThat(tss.get("metadata").get("pos_location_id").stringValue()).isEqualTo(location);
        List<String> types = GaplessExport.check(server.fullExport(tssId, token), server.app().rootCertificate(), tss)
                .operationTypes();
        // a new TSS: personalization, PIN, and one admin session that initializes it and registers the client
        assertThat(types.subList(0, 7)).containsExactly("updateTime", "selfTest", "unblockUser", "authenticateUser",
                "initialize", "registerClient", "logOut");
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).equals("registerClient") || types.get(i).equals("deregisterClient")) {
                assertThat(sessionBoundary(types, i, -1)).as("before log %d of %s", i, types)
                        .isEqualTo("authenticateUser");
                assertThat(sessionBoundary(types, i, +1)).as("after log %d of %s", i, types).isEqualTo("logOut");
            }
        }
        assertThat(types).contains("registerClient", "deregisterClient");
    }

    /** §17: heartbeats drive the register status; duplicates are acknowledged without effect. */
    @Test
    void registerStatusFollowsHeartbeats() {
        String register = createRegister("PUMP-01");
        String key = platform.post("/v1/registers/" + register + "/fiscal-units", "{\"issue_register_credential\":true}")
                .json().get("register_api_key").stringValue();
        PosClient device = PosClient.register(server, key);
        JsonNode before = device.get("/v1/registers/" + register + "/status").json();
        assertThat(before.get("status").stringValue()).isEqualTo("stale");
        assertThat(before.get("last_heartbeat_at").isNull()).isTrue();
        assertThat(before.get("open_operations").isEmpty()).isTrue();

        String now = server.clock().instant().toString();
        String heartbeat = "{\"timestamp\":\"" + now + "\",\"sequence\":7,\"status\":\"operational\","
                + "\"metrics\":{\"pending_operations\":0,\"unsynced_operations\":2,\"battery_level\":0.82},"
                + "\"software\":{\"pos_vendor\":\"acme-pos\",\"pos_version\":\"3.2.1\"}}";
        HttpResult first = device.post("/v1/registers/" + register + "/heartbeat", heartbeat);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("id").stringValue()).startsWith("hb_");
        assertThat(device.post("/v1/registers/" + register + "/heartbeat", heartbeat).json().get("id"))
                .isEqualTo(first.json().get("id"));

        JsonNode status = platform.get("/v1/registers/" + register + "/status").json();
        assertThat(status.get("status").stringValue()).isEqualTo("operational");
        assertThat(status.get("clock_drift_seconds").doubleValue()).isEqualTo(0.0);
        assertThat(status.get("unsynced_operations").longValue()).isEqualTo(2);
        assertThat(status.get("software").get("pos_vendor").stringValue()).isEqualTo("acme-pos");
        JsonNode atLocation = platform.get("/v1/locations/" + location + "/registers/status?limit=200").json();
        assertThat(atLocation.get("location_id").stringValue()).isEqualTo(location);
        assertThat(atLocation.get("data").valueStream().map(s -> s.get("register_id").stringValue()))
                .contains(register);

        assertPosError(device.post("/v1/registers/" + register + "/heartbeat", heartbeat.replace(now,
                server.clock().instant().plusSeconds(301).toString())), 422, "validation_error", "timestamp");
        assertPosError(device.post("/v1/registers/" + register + "/heartbeat", heartbeat.replace("\"sequence\":7",
                "\"sequence\":-1")), 422, "validation_error", "sequence");

        server.clock().advance(Duration.ofSeconds(121));
        assertThat(device.get("/v1/registers/" + register + "/status").json().get("status").stringValue())
                .isEqualTo("offline");
        server.clock().advance(Duration.ofHours(24));
        assertThat(device.get("/v1/registers/" + register + "/status").json().get("status").stringValue())
                .isEqualTo("stale");

        platform.post("/v1/registers/" + register + "/archive", "{}");
        assertPosError(platform.post("/v1/registers/" + register + "/heartbeat", heartbeat), 409, "register_archived",
                null);
    }

    /** A node that died while provisioning leaves the unit in provisioning; later it counts as error (§13.1). */
    @Test
    void anInterruptedProvisioningCanBeRecovered() {
        String register = createRegister("KASSE-30");
        String unit = "fu_01KKBFRED07W5N83HRRVBCMEFH";
        long now = server.clock().millis();
        server.app().database().inTransaction(h -> h.createUpdate("INSERT INTO fiscal_unit (id, register_id, state, "
                        + "created_at) VALUES (:id, :register, 'provisioning', :now)")
                .bind("id", unit).bind("register", register).bind("now", now).execute());
        assertPosError(platform.post("/v1/registers/" + register + "/fiscal-units", "{}"), 409,
                "fiscal_unit_already_active", null);
        assertPosError(platform.post("/v1/fiscal-units/" + unit + "/recover", "{}"), 409, "fiscal_unit_not_active", null);

        server.clock().advance(Duration.ofMinutes(6));
        HttpResult recovered = platform.post("/v1/fiscal-units/" + unit + "/recover", "{}");
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
        assertThat(recovered.json().get("state").stringValue()).isEqualTo("active");
        assertThat(recovered.json().get("reason").isNull()).isTrue();
        assertThat(recovered.json().get("fiscal_registration").get("client_id").stringValue()).isEqualTo("KASSE-30");
    }

    /** The nearest authenticateUser or logOut log from {@code index} in {@code direction}. */
    private static String sessionBoundary(List<String> types, int index, int direction) {
        for (int i = index + direction; i >= 0 && i < types.size(); i += direction) {
            if (types.get(i).equals("authenticateUser") || types.get(i).equals("logOut")) {
                return types.get(i);
            }
        }
        return "none";
    }

    private static String createRegister(String serial) {
        HttpResult created = platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"" + serial + "\",\"serial_number\":\"" + serial + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").stringValue();
    }
}
