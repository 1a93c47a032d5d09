package org.opentss.pos.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertPosError;
import static org.opentss.testing.PosAssertions.assertUnauthorized;
import static org.opentss.testing.PosAssertions.fieldNames;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/** Platform API keys of the home organization (pos-api.md §4.2, §4.5, §9.2–§9.4). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformApiKeysIT {

    private static final String API_KEYS = "/v1/auth/api-keys";
    private static final String STAGING_KEY = "{\"label\":\"Backend staging\",\"description\":\"Used by the staging "
            + "backend against the test environment.\",\"environment\":\"test\"}";

    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private PosClient platform(String key) {
        return PosClient.platform(server, key);
    }

    private String createKey(PosClient client, String body) {
        HttpResult created = client.post(API_KEYS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("api_key").asString();
    }

    @Test
    void aLiveKeyCreatesATestKeyWhichSeesAndCreatesOnlyTestKeys() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.LIVE);
        PosClient live = vendor.platform().with("Idempotency-Key", "f00c1121-753f-4f2c-86e8-645f9b45f0c2");

        HttpResult created = live.post(API_KEYS, STAGING_KEY);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode key = created.json();
        assertThat(fieldNames(key)).containsExactlyElementsOf(BootstrapIT.KEY_FIELDS);
        assertThat(key.get("organization_id").asString()).isEqualTo(vendor.homeOrganization());
        assertThat(key.get("environment").asString()).isEqualTo("test");
        assertThat(key.get("description").asString()).startsWith("Used by the staging backend");
        String testKey = key.get("api_key").asString();
        assertThat(testKey).matches("ofk_platform_test_[0-9A-Za-z]{32}");
        assertThat(key.get("masked_key").asString()).isEqualTo("ofk_platform_test_..." + testKey.substring(46));

        HttpResult replay = live.post(API_KEYS, STAGING_KEY);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.json().get("api_key").isNull()).isTrue();
        assertThat(replay.json().get("id")).isEqualTo(key.get("id"));
        assertPosError(live.post(API_KEYS, STAGING_KEY.replace("staging", "QA")), 409, "idempotency_key_conflict",
                "Idempotency-Key");

        PosClient test = platform(testKey);
        assertThat(test.get("/v1/organizations").status()).isEqualTo(200);
        assertPosError(test.post(API_KEYS, "{\"label\":\"Production\",\"environment\":\"live\"}"), 403, "forbidden",
                null);
        HttpResult defaulted = test.post(API_KEYS, "{\"label\":\"QA\"}");
        assertThat(defaulted.json().get("environment").asString()).isEqualTo("test");

        JsonNode seenByTest = test.get(API_KEYS).json();
        assertThat(seenByTest.findValuesAsString("environment")).containsOnly("test").hasSize(2);
        JsonNode seenByLive = vendor.platform().get(API_KEYS).json();
        assertThat(seenByLive.findValuesAsString("label")).containsExactly("QA", "Backend staging", "Bootstrap key");
        JsonNode listed = seenByLive.get("data").get(1);
        assertThat(fieldNames(listed)).doesNotContain("api_key");
        // the staging key has been used: its last successful authentication is shown
        assertThat(listed.get("last_used_at").isNull()).isFalse();
    }

    @Test
    void aRevokedKeyFailsFromTheNextRequestOn() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.LIVE);
        PosClient live = vendor.platform();
        String testKey = createKey(live, STAGING_KEY);
        PosClient test = platform(testKey);
        String testKeyId = test.get(API_KEYS).json().get("data").get(0).get("id").asString();

        HttpResult revoked = live.delete(API_KEYS + "/" + testKeyId);

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(fieldNames(revoked.json())).doesNotContain("api_key");
        assertThat(revoked.json().get("revoked_at").asString()).endsWith("Z");
        assertUnauthorized(test.get("/v1/organizations"));
        assertPosError(live.delete(API_KEYS + "/" + testKeyId), 404, "not_found", null);
        assertThat(live.get(API_KEYS).json().findValuesAsString("id")).doesNotContain(testKeyId);

        // a test key cannot see live keys, so cannot revoke them; it may revoke itself
        PosClient other = platform(createKey(live, "{\"label\":\"CI\",\"environment\":\"test\"}"));
        String liveKeyId = live.get(API_KEYS).json().get("data").get(1).get("id").asString();
        assertPosError(other.delete(API_KEYS + "/" + liveKeyId), 404, "not_found", null);
        String otherId = other.get(API_KEYS).json().get("data").get(0).get("id").asString();
        assertThat(other.delete(API_KEYS + "/" + otherId).status()).isEqualTo(200);
        assertUnauthorized(other.get(API_KEYS));
        assertThat(live.get(API_KEYS).status()).isEqualTo(200);
    }

    @Test
    void keysAreManagedForTheHomeOrganizationOnly() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        PosFixture otherVendor = PosFixture.bootstrap(server, Environment.TEST);
        String merchant = vendor.createMerchant("Café Morgenrot GmbH");

        assertThat(vendor.platform().actingFor(vendor.homeOrganization()).get(API_KEYS).status()).isEqualTo(200);
        assertPosError(vendor.platform().actingFor(merchant).get(API_KEYS), 403, "forbidden", null);
        assertPosError(vendor.platform().actingFor(merchant).post(API_KEYS, "{\"label\":\"x\"}"), 403, "forbidden",
                null);
        assertPosError(vendor.platform().actingFor(otherVendor.homeOrganization()).get(API_KEYS), 403, "forbidden",
                null);
        assertPosError(vendor.platform().actingFor("Café Morgenrot").get(API_KEYS), 400, "invalid_request",
                "OpenFiskal-Organization");
        // another vendor's keys are invisible
        String otherKeyId = otherVendor.platform().get(API_KEYS).json().get("data").get(0).get("id").asString();
        assertPosError(vendor.platform().delete(API_KEYS + "/" + otherKeyId), 404, "not_found", null);
    }

    @Test
    void onlyAPlatformKeyInAuthorizationIsACredential() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        String registerStyle = "ofk_reg_test_" + vendor.platformKey().substring("ofk_platform_test_".length());

        assertUnauthorized(PosClient.anonymous(server).get(API_KEYS));
        assertUnauthorized(platform(registerStyle).get(API_KEYS));
        assertUnauthorized(platform("ofk_platform_test_VV6iqqUUttMmTRqhm25VA0vnRcIBV8bB").get(API_KEYS));
        assertUnauthorized(PosClient.register(server, vendor.platformKey()).get(API_KEYS));
        assertPosError(vendor.platform().with("X-Register-Api-Key", registerStyle).get(API_KEYS), 400,
                "invalid_request", "X-Register-Api-Key");
    }

    @Test
    void listsArePagedNewestFirst() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        PosClient client = vendor.platform();
        for (String label : List.of("Kasse A", "Kasse B", "Kasse C")) {
            createKey(client, "{\"label\":\"" + label + "\"}");
        }

        JsonNode first = client.get(API_KEYS + "?limit=2").json();
        assertThat(first.findValuesAsString("label")).containsExactly("Kasse C", "Kasse B");
        assertThat(first.get("has_more").booleanValue()).isTrue();
        String cursor = first.get("next_cursor").asString();
        JsonNode second = client.get(API_KEYS + "?limit=2&cursor=" + cursor).json();
        assertThat(second.findValuesAsString("label")).containsExactly("Kasse A", "Bootstrap key");
        assertThat(second.get("has_more").booleanValue()).isFalse();
        assertThat(second.get("next_cursor").isNull()).isTrue();

        assertPosError(client.get(API_KEYS + "?limit=2&environment=test&cursor=" + cursor), 400, "invalid_request",
                "environment");
        assertPosError(client.get("/v1/organizations?limit=2&cursor=" + cursor), 400, "invalid_request", "cursor");
        assertPosError(client.get(API_KEYS + "?limit=201"), 400, "invalid_request", "limit");
    }

    @Test
    void registerKeysAreForbiddenOnAccountOrganizationAndLocationEndpoints() {
        PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
        String merchant = vendor.createMerchant("Café Morgenrot GmbH");
        String location = vendor.createLocation(merchant, "Filiale Kreuzberg");
        PosClient platform = vendor.platform().actingFor(merchant);
        String register = platform.post("/v1/locations/" + location + "/registers",
                "{\"label\":\"Kasse 1\",\"serial_number\":\"KASSE-01\"}").json().get("id").asString();
        String registerKey = platform.post("/v1/registers/" + register + "/credentials/rotate", "{}").json()
                .get("register_api_key").asString();
        PosClient device = PosClient.register(server, registerKey);
        assertThat(device.get("/v1/registers/" + register).status()).isEqualTo(200);

        List<HttpResult> refused = new ArrayList<>(List.of(
                device.get(API_KEYS), device.post(API_KEYS, "{\"label\":\"x\"}"), device.delete(API_KEYS + "/key_x"),
                device.get("/v1/organizations"), device.post("/v1/organizations", "{}"),
                device.get("/v1/organizations/" + merchant), device.patch("/v1/organizations/" + merchant, "{}"),
                device.get("/v1/organizations/" + merchant + "/locations"),
                device.post("/v1/organizations/" + merchant + "/locations", "{}"),
                device.get("/v1/locations/" + location), device.patch("/v1/locations/" + location, "{}")));
        for (HttpResult result : refused) {
            assertPosError(result, 403, "forbidden", null);
        }
    }
}
