package org.opentss.pos.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.pos.organization.OrganizationsIT.changed;
import static org.opentss.testing.PosAssertions.assertPosError;
import static org.opentss.testing.PosAssertions.fieldNames;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentss.http.Json;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Locations of the POS API (pos-api.md §11) and who sees them (§2.4, §4.2). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocationsIT {

    private static final String KREUZBERG = """
            {"name": "Filiale Kreuzberg",
             "address": {"line1": "Oranienstraße 12", "city": "Berlin", "postal_code": "10997", "country": "DE"},
             "timezone": "Europe/Berlin", "metadata": {"store_no": "001"}}""";
    private static final List<String> LOCATION_FIELDS = List.of("id", "object", "organization_id", "name", "address",
            "timezone", "metadata", "created_at", "updated_at");

    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private static String locations(String posOrganizationId) {
        return "/v1/organizations/" + posOrganizationId + "/locations";
    }

    private static String createLocation(PosClient client, String posOrganizationId, String name) {
        HttpResult created = client.post(locations(posOrganizationId),
                changed(KREUZBERG, "name", Json.writeString(name)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void createsTheLocationOfTheServerSideExample() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        String merchant = vendor.createMerchant("Café Morgenrot GmbH");
        PosClient client = vendor.platform().actingFor(merchant)
                .with("Idempotency-Key", "4317b8ff-01bd-450b-9ddf-39107bb4574b");

        HttpResult created = client.post(locations(merchant), KREUZBERG);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode location = created.json();
        assertThat(fieldNames(location)).containsExactlyElementsOf(LOCATION_FIELDS);
        assertThat(location.get("id").asString()).matches("loc_[0-9A-Z]{26}");
        ObjectNode shown = (ObjectNode) location.deepCopy();
        shown.remove(List.of("id", "created_at", "updated_at"));
        assertThat(shown).isEqualTo(Json.MAPPER.readTree("""
                {"object": "location", "organization_id": "%s", "name": "Filiale Kreuzberg",
                 "address": {"line1": "Oranienstraße 12", "line2": null, "city": "Berlin", "postal_code": "10997",
                             "country": "DE"},
                 "timezone": "Europe/Berlin", "metadata": {"store_no": "001"}}""".formatted(merchant)));
        String path = "/v1/locations/" + location.get("id").asString();
        assertThat(client.get(path).json()).isEqualTo(location);
        assertThat(client.get(locations(merchant)).json().get("data")).containsExactly(location);

        HttpResult replay = client.post(locations(merchant), KREUZBERG);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.json()).isEqualTo(location);
        assertPosError(client.post(locations(merchant), changed(KREUZBERG, "name", "\"Filiale Mitte\"")), 409,
                "idempotency_key_conflict", "Idempotency-Key");
        // a key is remembered per endpoint: the same key for another organization's locations is new there
        String sister = vendor.createMerchant("Café Abendrot GmbH");
        HttpResult elsewhere = vendor.platform().with("Idempotency-Key", "4317b8ff-01bd-450b-9ddf-39107bb4574b")
                .post(locations(sister), KREUZBERG);
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(elsewhere.header("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void anUpdateReplacesTheAddressAsAWholeAndKeepsItInGermany() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        String merchant = vendor.createMerchant("Café Morgenrot GmbH");
        PosClient client = vendor.platform().actingFor(merchant);
        HttpResult created = client.post(locations(merchant), """
                {"name": "Filiale Kreuzberg", "address": {"line1": "Oranienstraße 12", "line2": "Laden links",
                 "city": "Berlin", "postal_code": "10997", "country": "DE"}}""");
        assertThat(created.json().get("timezone").asString()).isEqualTo("Europe/Berlin");
        assertThat(created.json().get("metadata")).isEqualTo(Json.object());
        String path = "/v1/locations/" + created.json().get("id").asString();
        server.clock().advance(Duration.ofSeconds(5));

        JsonNode renamed = client.patch(path, "{\"name\":\"Café Morgenrot Kreuzberg\"}").json();
        assertThat(renamed.get("name").asString()).isEqualTo("Café Morgenrot Kreuzberg");
        assertThat(renamed.get("address")).isEqualTo(created.json().get("address"));
        assertThat(renamed.get("updated_at").asString()).isGreaterThan(renamed.get("created_at").asString());

        JsonNode moved = client.patch(path, """
                {"address": {"line1": "Wiener Straße 5", "city": "Berlin", "postal_code": "10999", "country": "DE"},
                 "timezone": "Europe/Vienna", "metadata": {"store_no": "002"}}""").json();
        assertThat(moved.get("address").get("line2").isNull()).isTrue();
        assertThat(moved.get("address").get("line1").asString()).isEqualTo("Wiener Straße 5");
        assertThat(moved.get("timezone").asString()).isEqualTo("Europe/Vienna");
        assertThat(moved.get("metadata")).isEqualTo(Json.object().put("store_no", "002"));

        String austria = "{\"address\":{\"line1\":\"Mariahilfer Straße 1\",\"city\":\"Wien\",\"postal_code\":\"1060\","
                + "\"country\":\"AT\"}}";
        assertPosError(client.patch(path, austria), 422, "jurisdiction_not_supported", "address.country");
        assertPosError(client.patch(path, austria.replace("AT", "CH")), 422, "validation_error", "address.country");
        assertPosError(client.patch(path, "{\"timezone\":\"Mars/Olympus\"}"), 422, "validation_error", "timezone");
        assertPosError(client.patch(path, "{\"timezone\":null}"), 400, "invalid_request", "timezone");
        assertPosError(client.patch(path, "{\"country\":\"DE\"}"), 400, "invalid_request", "country");
        assertThat(client.get(path).json()).isEqualTo(moved);
    }

    @ParameterizedTest(name = "{0} = {1} → {2} {3}")
    @MethodSource("invalidCreations")
    void invalidLocationsAreRefusedNamingTheField(String path, String value, int status, String code, String param) {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        String merchant = vendor.createMerchant("Café Morgenrot GmbH");

        assertPosError(vendor.platform().post(locations(merchant), changed(KREUZBERG, path, value)), status, code,
                param);
        assertThat(vendor.platform().get(locations(merchant)).json().get("data")).isEmpty();
    }

    static Stream<Arguments> invalidCreations() {
        return Stream.of(
                Arguments.of("name", null, 422, "validation_error", "name"),
                Arguments.of("name", "\"" + "x".repeat(101) + "\"", 422, "validation_error", "name"),
                Arguments.of("address", null, 422, "validation_error", "address"),
                Arguments.of("address.country", "\"AT\"", 422, "jurisdiction_not_supported", "address.country"),
                Arguments.of("address.country", "\"IT\"", 422, "jurisdiction_not_supported", "address.country"),
                Arguments.of("address.country", "\"PL\"", 422, "validation_error", "address.country"),
                Arguments.of("address.postal_code", "\"1099\"", 422, "validation_error", "address.postal_code"),
                Arguments.of("address.line2", "\"" + "x".repeat(101) + "\"", 422, "validation_error",
                        "address.line2"),
                Arguments.of("timezone", "\"Berlin\"", 422, "validation_error", "timezone"),
                Arguments.of("timezone", "\"+01:00\"", 422, "validation_error", "timezone"),
                Arguments.of("address.street", "\"Oranienstraße\"", 400, "invalid_request", "address.street"),
                Arguments.of("label", "\"Kreuzberg\"", 400, "invalid_request", "label"),
                Arguments.of("metadata", "[]", 400, "invalid_request", "metadata"));
    }

    @Test
    void aLocationIsVisibleOnlyWithinItsOrganizationsReachAndEnvironment() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.LIVE);
        PosFixture otherVendor = PosFixture.bootstrap(server, Environment.LIVE);
        PosClient live = vendor.platform();
        PosClient test = PosClient.platform(server, live.post("/v1/auth/api-keys",
                "{\"label\":\"Staging\",\"environment\":\"test\"}").json().get("api_key").asString());
        String merchant = vendor.createMerchant("Café Morgenrot GmbH");
        String sister = vendor.createMerchant("Café Abendrot GmbH");
        String location = "/v1/locations/" + vendor.createLocation(merchant, "Filiale Kreuzberg");

        assertThat(live.get(location).status()).isEqualTo(200);
        assertThat(live.actingFor(merchant).get(location).status()).isEqualTo(200);
        assertPosError(live.actingFor(sister).get(location), 404, "not_found", null);
        assertPosError(live.actingFor(sister).patch(location, "{\"name\":\"x\"}"), 404, "not_found", null);
        assertPosError(otherVendor.platform().get(location), 404, "not_found", null);
        assertPosError(otherVendor.platform().post(locations(merchant), KREUZBERG), 404, "not_found", null);
        assertPosError(otherVendor.platform().get(locations(merchant)), 404, "not_found", null);
        assertPosError(live.get("/v1/locations/loc_01KKBFMS701ZAZ6PJ0DNSE6MWY"), 404, "not_found", null);

        // the test environment sees neither the live merchant nor its location
        assertPosError(test.get(location), 404, "not_found", null);
        assertPosError(test.get(locations(merchant)), 404, "not_found", null);
        // the home organization exists in both: its test locations stay invisible to live keys
        String testLocation = "/v1/locations/" + createLocation(test, vendor.homeOrganization(), "Showroom");
        assertThat(test.get(testLocation).status()).isEqualTo(200);
        assertPosError(live.get(testLocation), 404, "not_found", null);
        assertThat(live.get(locations(vendor.homeOrganization())).json().get("data")).isEmpty();
    }

    @Test
    void listsArePagedNewestFirst() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        String merchant = vendor.createMerchant("Café Morgenrot GmbH");
        String sister = vendor.createMerchant("Café Abendrot GmbH");
        PosClient client = vendor.platform();
        List<String> ids = Stream.of("Filiale 1", "Filiale 2", "Filiale 3")
                .map(name -> createLocation(client, merchant, name)).toList();

        JsonNode first = client.get(locations(merchant) + "?limit=2").json();
        assertThat(first.findValuesAsString("id")).containsExactly(ids.get(2), ids.get(1));
        String cursor = first.get("next_cursor").asString();
        JsonNode rest = client.get(locations(merchant) + "?limit=2&cursor=" + cursor).json();
        assertThat(rest.findValuesAsString("id")).containsExactly(ids.get(0));
        assertThat(rest.get("has_more").booleanValue()).isFalse();

        assertPosError(client.get(locations(merchant) + "?limit=2&name=Filiale&cursor=" + cursor), 400,
                "invalid_request", "name");
        assertPosError(client.get(locations(sister) + "?limit=2&cursor=" + cursor), 400, "invalid_request",
                "cursor");
    }
}
