package org.opentss.testing;

import java.time.Duration;
import org.opentss.http.Json;
import org.opentss.identity.Environment;
import org.opentss.identity.Organization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A POS vendor on a test server, set up as an integrator would: the operator creates its organization and a
 * setup token, the token is exchanged over HTTP for a platform key of the chosen environment. Helpers create
 * the resources most POS API tests need, failing the test if the server refuses.
 */
public final class PosFixture {

    private final TestServer server;
    private final Organization organization;
    private final String platformKey;
    private final String homeOrganization;

    private PosFixture(TestServer server, Organization organization, String platformKey, String homeOrganization) {
        this.server = server;
        this.organization = organization;
        this.platformKey = platformKey;
        this.homeOrganization = homeOrganization;
    }

    /** A new vendor organization with its first platform key of {@code env} (pos-api.md §4.4, §9.1). */
    public static PosFixture bootstrap(TestServer server, Environment env) {
        // bootstrap takes 10 requests per minute and address (§7.3): a minute of test time keeps fixtures clear of it
        server.clock().advance(Duration.ofMinutes(1));
        Organization organization = server.createOrganization("Kassensoft GmbH");
        String token = server.app().setupTokens().create(organization.id()).token();
        ObjectNode body = Json.object().put("setup_token", token).put("environment", env.keyPrefix());
        JsonNode key = expect(201, PosClient.anonymous(server).post("/v1/auth/bootstrap", Json.writeString(body)));
        return new PosFixture(server, organization, key.get("api_key").asString(),
                key.get("organization_id").asString());
    }

    /** The same vendor and platform key on another server of the same database. */
    public PosFixture on(TestServer other) {
        return new PosFixture(other, organization, platformKey, homeOrganization);
    }

    public String platformKey() {
        return platformKey;
    }

    /** A client sending the platform key, acting for the home organization. */
    public PosClient platform() {
        return PosClient.platform(server, platformKey);
    }

    /** The {@code org_} id of the key's home organization. */
    public String homeOrganization() {
        return homeOrganization;
    }

    /** The home organization as the operator created it (its UUID is the TSS API's organization id). */
    public Organization organization() {
        return organization;
    }

    /** A German merchant managed by the home organization; returns its {@code org_} id. */
    public String createMerchant(String legalName) {
        ObjectNode body = Json.object().put("legal_name", legalName).put("country", "DE").put("tax_id", "27/123/45678");
        body.set("address", germanAddress());
        return expect(201, platform().post("/v1/organizations", Json.writeString(body))).get("id").asString();
    }

    /** A location of the organization {@code posOrganizationId}; returns its {@code loc_} id. */
    public String createLocation(String posOrganizationId, String name) {
        ObjectNode body = Json.object().put("name", name);
        body.set("address", germanAddress());
        return expect(201, platform().actingFor(posOrganizationId)
                .post("/v1/organizations/" + posOrganizationId + "/locations", Json.writeString(body)))
                .get("id").asString();
    }

    /** A register of the location, reached through the home organization; returns its {@code reg_} id. */
    public String createRegister(String locationId, String serialNumber) {
        ObjectNode body = Json.object().put("label", serialNumber).put("serial_number", serialNumber);
        return expect(201, platform().post("/v1/locations/" + locationId + "/registers", Json.writeString(body)))
                .get("id").asString();
    }

    /**
     * Provisions the register's fiscal unit (§13.3) and expects it {@code active}; returns the
     * {@code fiscal_unit_response}, whose {@code register_api_key} is set if one was asked for.
     */
    public JsonNode createFiscalUnit(String registerId, boolean issueRegisterCredential) {
        ObjectNode body = Json.object().put("issue_register_credential", issueRegisterCredential);
        JsonNode response = expect(201, platform().post("/v1/registers/" + registerId + "/fiscal-units",
                Json.writeString(body)));
        if (!response.get("fiscal_unit").get("state").asString().equals("active")) {
            throw new AssertionError("fiscal unit not active: " + response);
        }
        return response;
    }

    private static ObjectNode germanAddress() {
        return Json.object().put("line1", "Oranienstraße 12").put("city", "Berlin").put("postal_code", "10997")
                .put("country", "DE");
    }

    private static JsonNode expect(int status, HttpResult result) {
        if (result.status() != status) {
            throw new AssertionError("expected " + status + ", got " + result);
        }
        return result.json();
    }
}
