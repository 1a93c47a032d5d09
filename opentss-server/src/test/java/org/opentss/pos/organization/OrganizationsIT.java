package org.opentss.pos.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertPosError;
import static org.opentss.testing.PosAssertions.fieldNames;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
import org.opentss.identity.Organization;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Organizations of the POS API (pos-api.md §10) and who sees them (§2.4, §4.2). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationsIT {

    private static final String ORGANIZATIONS = "/v1/organizations";
    private static final String MORGENROT = """
            {"legal_name": "Café Morgenrot GmbH", "trade_name": "Café Morgenrot", "country": "DE",
             "tax_id": "27/123/45678", "vat_id": "DE298765432",
             "address": {"line1": "Oranienstraße 12", "city": "Berlin", "postal_code": "10997", "country": "DE"},
             "metadata": {"crm_id": "C-10442"}}""";
    private static final List<String> ORGANIZATION_FIELDS = List.of("id", "object", "legal_name", "trade_name",
            "country", "tax_id", "vat_id", "address", "managed_by", "tss_organization_id", "metadata", "created_at",
            "updated_at");

    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void createsTheMerchantOfTheServerSideExample() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        PosClient client = vendor.platform().with("Idempotency-Key", "abebeb0f-be50-4ae4-a260-848c5051c166");

        HttpResult created = client.post(ORGANIZATIONS, MORGENROT);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode merchant = created.json();
        assertThat(fieldNames(merchant)).containsExactlyElementsOf(ORGANIZATION_FIELDS);
        assertThat(merchant.get("id").asString()).matches("org_[0-9A-Z]{26}");
        ObjectNode shown = (ObjectNode) merchant.deepCopy();
        shown.remove(List.of("id", "tss_organization_id", "created_at", "updated_at"));
        assertThat(shown).isEqualTo(Json.MAPPER.readTree("""
                {"object": "organization", "legal_name": "Café Morgenrot GmbH", "trade_name": "Café Morgenrot",
                 "country": "DE", "tax_id": "27/123/45678", "vat_id": "DE298765432",
                 "address": {"line1": "Oranienstraße 12", "line2": null, "city": "Berlin", "postal_code": "10997",
                             "country": "DE"},
                 "managed_by": "%s", "metadata": {"crm_id": "C-10442"}}""".formatted(vendor.homeOrganization())));
        assertThat(merchant.get("created_at")).isEqualTo(merchant.get("updated_at"));

        // one organization: the TSS and management APIs know it by its UUID
        Organization stored = server.app().organizations().find(merchant.get("tss_organization_id").asString())
                .orElseThrow();
        assertThat(stored.name()).isEqualTo("Café Morgenrot GmbH");
        assertThat(stored.managedBy()).contains(vendor.organization().id());
        assertThat(List.of(stored.addressLine1(), stored.zip(), stored.town(), stored.countryCode()))
                .containsExactly("Oranienstraße 12", "10997", "Berlin", "DEU");
        assertThat(stored.taxNumber()).contains("27/123/45678");

        HttpResult replay = client.post(ORGANIZATIONS, MORGENROT);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.json()).isEqualTo(merchant);
        assertPosError(client.post(ORGANIZATIONS, MORGENROT.replace("C-10442", "C-10443")), 409,
                "idempotency_key_conflict", "Idempotency-Key");
        assertThat(vendor.platform().get(ORGANIZATIONS).json().get("data")).hasSize(1);

        assertThat(vendor.platform().get(ORGANIZATIONS + "/" + merchant.get("id").asString()).json())
                .isEqualTo(merchant);
    }

    @Test
    void listsTheDirectlyManagedOrganizationsOfTheCallersEnvironmentNewestFirst() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.LIVE);
        PosClient live = vendor.platform();
        PosClient test = PosClient.platform(server, live.post("/v1/auth/api-keys",
                "{\"label\":\"Staging\",\"environment\":\"test\"}").json().get("api_key").asString());
        String first = createMerchant(test, "Bäckerei Sonnenschein e.K.");
        String second = createMerchant(test, "Café Morgenrot GmbH");
        String branch = createMerchant(test.actingFor(second), "Café Morgenrot Kreuzberg GmbH");
        String liveMerchant = createMerchant(live, "Eisdiele Venezia GmbH");
        // made by the operator: it exists in both environments and gets its org_ id when first listed
        server.createOrganization("Filiale Nord", Optional.of(vendor.organization().id()));

        JsonNode page = test.get(ORGANIZATIONS + "?limit=2").json();
        assertThat(page.findValuesAsString("legal_name")).containsExactly("Filiale Nord", "Café Morgenrot GmbH");
        assertThat(page.get("has_more").booleanValue()).isTrue();
        JsonNode rest = test.get(ORGANIZATIONS + "?limit=2&cursor=" + page.get("next_cursor").asString()).json();
        assertThat(rest.findValuesAsString("id")).containsExactly(first);
        assertThat(rest.get("has_more").booleanValue()).isFalse();
        assertThat(page.get("data").get(1).get("managed_by").asString()).isEqualTo(vendor.homeOrganization());
        assertThat(test.actingFor(second).get(ORGANIZATIONS).json().findValuesAsString("id")).containsExactly(branch);

        assertThat(live.get(ORGANIZATIONS).json().findValuesAsString("legal_name"))
                .containsExactly("Filiale Nord", "Eisdiele Venezia GmbH");
        assertPosError(live.get(ORGANIZATIONS + "/" + second), 404, "not_found", null);
        assertPosError(test.get(ORGANIZATIONS + "/" + liveMerchant), 404, "not_found", null);
        assertPosError(live.actingFor(second).get(ORGANIZATIONS), 403, "forbidden", null);
    }

    @Test
    void anOrganizationIsVisibleToTheOrganizationsThatManageIt() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        PosFixture otherVendor = PosFixture.bootstrap(server, Environment.TEST);
        String merchant = vendor.createMerchant("Café Morgenrot GmbH");
        String branch = createMerchant(vendor.platform().actingFor(merchant), "Café Morgenrot Kreuzberg GmbH");

        JsonNode seen = vendor.platform().get(ORGANIZATIONS + "/" + branch).json();
        assertThat(seen.get("managed_by").asString()).isEqualTo(merchant);
        assertThat(vendor.platform().actingFor(merchant).get(ORGANIZATIONS + "/" + branch).status()).isEqualTo(200);

        JsonNode home = vendor.platform().get(ORGANIZATIONS + "/" + vendor.homeOrganization()).json();
        assertThat(home.get("legal_name").asString()).isEqualTo("Kassensoft GmbH");
        assertThat(home.get("managed_by").isNull()).isTrue();
        assertThat(home.get("tss_organization_id").asString()).isEqualTo(vendor.organization().id());
        assertThat(home.get("address").get("country").asString()).isEqualTo("DE");

        assertPosError(vendor.platform().actingFor(merchant).get(ORGANIZATIONS + "/" + vendor.homeOrganization()),
                404, "not_found", null);
        assertPosError(otherVendor.platform().get(ORGANIZATIONS + "/" + merchant), 404, "not_found", null);
        assertPosError(otherVendor.platform().patch(ORGANIZATIONS + "/" + merchant, "{\"trade_name\":\"x\"}"), 404,
                "not_found", null);
        assertPosError(otherVendor.platform().actingFor(merchant).get(ORGANIZATIONS), 403, "forbidden", null);
        assertPosError(vendor.platform().get(ORGANIZATIONS + "/org_01KKBFJYM02CNDSQ4A424ZD88X"), 404, "not_found",
                null);
        assertPosError(vendor.platform().get(ORGANIZATIONS + "/not-an-id"), 404, "not_found", null);
    }

    @Test
    void anUpdateChangesOnlyWhatItNamesAndMergesMetadata() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        PosClient client = vendor.platform();
        JsonNode created = client.post(ORGANIZATIONS, MORGENROT).json();
        String path = ORGANIZATIONS + "/" + created.get("id").asString();
        server.clock().advance(Duration.ofSeconds(5));

        HttpResult updated = client.patch(path,
                "{\"trade_name\":\"Café Morgenrot Kreuzberg\",\"metadata\":{\"crm_id\":\"\",\"account_manager\":\"j.weber\"}}");

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode merchant = updated.json();
        assertThat(merchant.get("trade_name").asString()).isEqualTo("Café Morgenrot Kreuzberg");
        assertThat(merchant.get("metadata")).isEqualTo(Json.object().put("account_manager", "j.weber"));
        assertThat(merchant.get("legal_name")).isEqualTo(created.get("legal_name"));
        assertThat(merchant.get("address")).isEqualTo(created.get("address"));
        assertThat(merchant.get("created_at")).isEqualTo(created.get("created_at"));
        assertThat(merchant.get("updated_at").asString()).isGreaterThan(created.get("updated_at").asString());

        JsonNode moved = client.patch(path, """
                {"vat_id": null, "tax_id": " 143 815 08154 ",
                 "address": {"line1": "Skalitzer Straße 1", "line2": "Hinterhaus", "city": "Berlin",
                             "postal_code": "10999", "country": "DE"}}""").json();
        assertThat(moved.get("vat_id").isNull()).isTrue();
        assertThat(moved.get("tax_id").asString()).isEqualTo("143 815 08154");
        assertThat(moved.get("address").get("line2").asString()).isEqualTo("Hinterhaus");
        assertThat(server.app().organizations().find(moved.get("tss_organization_id").asString()).orElseThrow().zip())
                .isEqualTo("10999");

        assertPosError(client.patch(path, "{\"country\":\"DE\"}"), 400, "invalid_request", "country");
        assertPosError(client.patch(path, "{\"legal_name\":null}"), 400, "invalid_request", "legal_name");
        assertPosError(client.patch(path, "{\"name\":\"Café\"}"), 400, "invalid_request", "name");
        assertPosError(client.patch(path, "{\"trade_name\":\"x\",\"tax_id\":\"12\"}"), 422, "validation_error",
                "tax_id");
        assertPosError(client.patch(path, "{\"address\":{\"line1\":\"Markt 1\"}}"), 422, "validation_error",
                "address.city");
        assertThat(client.get(path).json()).isEqualTo(moved);
    }

    @ParameterizedTest(name = "{0} = {1} → {2} {3}")
    @MethodSource("invalidCreations")
    void invalidOrganizationsAreRefusedNamingTheField(String path, String value, int status, String code,
            String param) {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        PosClient client = vendor.platform().with("Idempotency-Key", "a0e8a6a1-4f5b-4b8e-9d51-7f6c1f1c1a7e");

        assertPosError(client.post(ORGANIZATIONS, changed(MORGENROT, path, value)), status, code, param);

        // errors are not stored: the corrected request with the same key is processed
        assertThat(client.post(ORGANIZATIONS, MORGENROT).status()).isEqualTo(201);
    }

    static Stream<Arguments> invalidCreations() {
        return Stream.of(
                Arguments.of("legal_name", null, 422, "validation_error", "legal_name"),
                Arguments.of("legal_name", "\"\"", 422, "validation_error", "legal_name"),
                Arguments.of("legal_name", "\"" + "x".repeat(201) + "\"", 422, "validation_error", "legal_name"),
                Arguments.of("legal_name", "7", 400, "invalid_request", "legal_name"),
                Arguments.of("trade_name", "\"" + "x".repeat(201) + "\"", 422, "validation_error", "trade_name"),
                Arguments.of("country", null, 422, "validation_error", "country"),
                Arguments.of("country", "\"AT\"", 422, "jurisdiction_not_supported", "country"),
                Arguments.of("country", "\"IT\"", 422, "jurisdiction_not_supported", "country"),
                Arguments.of("country", "\"FR\"", 422, "validation_error", "country"),
                Arguments.of("tax_id", null, 422, "validation_error", "tax_id"),
                Arguments.of("tax_id", "\"27/123/456\"", 422, "validation_error", "tax_id"),
                Arguments.of("tax_id", "\"27/123/45678/9012\"", 422, "validation_error", "tax_id"),
                Arguments.of("tax_id", "\"27-123-45678\"", 422, "validation_error", "tax_id"),
                Arguments.of("vat_id", "\"DE29876543\"", 422, "validation_error", "vat_id"),
                Arguments.of("vat_id", "\"ATU12345678\"", 422, "validation_error", "vat_id"),
                Arguments.of("address", null, 422, "validation_error", "address"),
                Arguments.of("address", "\"Oranienstraße 12, Berlin\"", 400, "invalid_request", "address"),
                Arguments.of("address.line1", "\"\"", 422, "validation_error", "address.line1"),
                Arguments.of("address.city", null, 422, "validation_error", "address.city"),
                Arguments.of("address.postal_code", "\"1099\"", 422, "validation_error", "address.postal_code"),
                Arguments.of("address.country", "\"de\"", 422, "validation_error", "address.country"),
                Arguments.of("address.street", "\"Oranienstraße\"", 400, "invalid_request", "address.street"),
                Arguments.of("legal_nam", "\"Café\"", 400, "invalid_request", "legal_nam"),
                Arguments.of("metadata.crm_id", "10442", 400, "invalid_request", "metadata.crm_id"));
    }

    /** {@code json} with the member at the dotted {@code path} set to {@code value} (JSON), or removed if null. */
    static String changed(String json, String path, String value) {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(json);
        ObjectNode parent = body;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            parent = (ObjectNode) parent.get(names[i]);
        }
        String name = names[names.length - 1];
        if (value == null) {
            parent.remove(name);
        } else {
            parent.set(name, Json.MAPPER.readTree(value));
        }
        return Json.writeString(body);
    }

    static String createMerchant(PosClient client, String legalName) {
        HttpResult created = client.post(ORGANIZATIONS, changed(MORGENROT, "legal_name", Json.writeString(legalName)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }
}
