package org.opentss.pos.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertPosError;
import static org.opentss.testing.PosAssertions.assertUnauthorized;
import static org.opentss.testing.PosAssertions.fieldNames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentss.identity.Organization;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/** Exchanging a setup token for the first platform API key (pos-api.md §4.4, §9.1). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootstrapIT {

    static final List<String> KEY_FIELDS = List.of("object", "id", "organization_id", "environment", "label",
            "description", "api_key", "masked_key", "created_at", "last_used_at", "revoked_at");

    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** Bootstrap allows 10 requests per minute and address: every test starts with a full budget. */
    @BeforeEach
    void refillBootstrapBudget() {
        server.clock().advance(Duration.ofMinutes(1));
    }

    private String setupToken(Organization organization) {
        return server.app().setupTokens().create(organization.id()).token();
    }

    private HttpResult bootstrap(PosClient client, String body) {
        return client.post("/v1/auth/bootstrap", body);
    }

    private PosClient anonymous() {
        return PosClient.anonymous(server);
    }

    @Test
    void aSetupTokenExchangesOnceForALiveKeyOfItsOrganization() {
        Organization vendor = server.createOrganization("Kassensoft GmbH");
        String token = setupToken(vendor);
        String body = "{\"setup_token\":\"" + token + "\",\"label\":\"Backend production\",\"environment\":\"live\"}";
        PosClient client = anonymous().with("Idempotency-Key", "9a862ab5-4afb-4846-8438-d9b896c11b63");

        HttpResult created = bootstrap(client, body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode key = created.json();
        assertThat(fieldNames(key)).containsExactlyElementsOf(KEY_FIELDS);
        assertThat(key.get("object").asString()).isEqualTo("platform_api_key");
        assertThat(key.get("id").asString()).matches("key_[0-9A-Z]{26}");
        assertThat(key.get("organization_id").asString()).isEqualTo(server.app().posDirectory().posId(vendor.id()));
        assertThat(key.get("environment").asString()).isEqualTo("live");
        assertThat(key.get("label").asString()).isEqualTo("Backend production");
        assertThat(key.get("description").isNull()).isTrue();
        String apiKey = key.get("api_key").asString();
        assertThat(apiKey).matches("ofk_platform_live_[0-9A-Za-z]{32}");
        assertThat(key.get("masked_key").asString())
                .isEqualTo("ofk_platform_live_..." + apiKey.substring(apiKey.length() - 4));
        assertThat(key.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(key.get("last_used_at").isNull()).isTrue();
        assertThat(key.get("revoked_at").isNull()).isTrue();
        assertThat(PosClient.platform(server, apiKey).get("/v1/auth/api-keys").status()).isEqualTo(200);

        HttpResult replay = bootstrap(client, body);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.json().get("api_key").isNull()).isTrue();
        assertThat(replay.json().get("id").asString()).isEqualTo(key.get("id").asString());

        HttpResult otherPayload = bootstrap(client, body.replace("Backend production", "Backend staging"));
        assertThat(otherPayload.status()).isEqualTo(409);
        assertThat(otherPayload.json().get("code").asString()).isEqualTo("idempotency_key_conflict");

        HttpResult usedAgain = bootstrap(anonymous(), body);
        assertUnauthorized(usedAgain);
    }

    @Test
    void theDefaultsAreALiveKeyNamedBootstrapKeyAndCredentialsSentAlongAreIgnored() {
        String token = setupToken(server.createOrganization("Kassensoft GmbH"));
        PosClient withJunkCredentials = anonymous().with("Authorization", "Bearer ofk_platform_live_nonsense")
                .with("OpenFiskal-Organization", "org_01KKBFJYM02CNDSQ4A424ZD88X");

        HttpResult created = bootstrap(withJunkCredentials, "{\"setup_token\":\"" + token + "\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("environment").asString()).isEqualTo("live");
        assertThat(created.json().get("label").asString()).isEqualTo("Bootstrap key");
    }

    @Test
    void unknownMalformedAndExpiredTokensAreUnauthorized() {
        assertUnauthorized(bootstrap(anonymous(), "{\"setup_token\":\"ofk_setup_VV6iqqUUttMmTRqhm25VA0vnRcIBV8bB\"}"));
        assertUnauthorized(bootstrap(anonymous(), "{\"setup_token\":\"not-a-token\"}"));

        Organization vendor = server.createOrganization("Kassensoft GmbH");
        String expiring = setupToken(vendor);
        String stillValid = setupToken(vendor);
        server.clock().advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(bootstrap(anonymous(), "{\"setup_token\":\"" + stillValid + "\"}").status()).isEqualTo(201);
        server.clock().advance(Duration.ofSeconds(1));
        assertUnauthorized(bootstrap(anonymous(), "{\"setup_token\":\"" + expiring + "\"}"));
    }

    @Test
    void badRequestsNameTheField() {
        String token = setupToken(server.createOrganization("Kassensoft GmbH"));

        assertPosError(bootstrap(anonymous(), "{}"), 422, "validation_error", "setup_token");
        assertPosError(bootstrap(anonymous(), "{\"setup_token\":42}"), 400, "invalid_request", "setup_token");
        assertPosError(bootstrap(anonymous(), "{\"setup_token\":\"" + token + "\",\"enviroment\":\"test\"}"),
                400, "invalid_request", "enviroment");
        assertPosError(bootstrap(anonymous(), "{\"setup_token\":\"" + token + "\",\"environment\":\"prod\"}"),
                422, "validation_error", "environment");
        assertPosError(bootstrap(anonymous(), "{\"setup_token\":\"" + token + "\",\"label\":\"\"}"),
                422, "validation_error", "label");
        // none of these used the token up
        assertThat(bootstrap(anonymous(), "{\"setup_token\":\"" + token + "\"}").status()).isEqualTo(201);
    }

    @Test
    void ofConcurrentExchangesOfOneTokenExactlyOneGetsAKey() throws Exception {
        String token = setupToken(server.createOrganization("Kassensoft GmbH"));
        int attempts = 6;
        List<Callable<HttpResult>> exchanges = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            exchanges.add(() -> bootstrap(anonymous(), "{\"setup_token\":\"" + token + "\"}"));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            for (Future<HttpResult> result : pool.invokeAll(exchanges)) {
                statuses.add(result.get().status());
            }
        }

        assertThat(statuses).containsOnly(201, 401).containsOnlyOnce(201);
    }
}
