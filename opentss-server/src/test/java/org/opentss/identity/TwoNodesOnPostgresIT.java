package org.opentss.identity;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentss.Application;
import org.opentss.testing.Databases;
import org.opentss.testing.HttpResult;
import org.opentss.testing.TestDatabase;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/** Two stateless nodes on one PostgreSQL database: tokens, refresh and revocation work across them. */
@Tag(TestServer.EXPLICIT_DATABASE)
class TwoNodesOnPostgresIT {

    private static final String MASTER_KEY = "b3BlbnRzcy10d28tbm9kZXMtdGVzdC1tYXN0ZXIta2U=";

    private static Map<String, String> nodeSettings(TestDatabase db) {
        Map<String, String> settings = new HashMap<>(db.serverSettings());
        settings.put("OPENTSS_MASTER_KEY", MASTER_KEY);
        return settings;
    }

    @Test
    void aTokenFromOneNodeWorksOnTheOtherUntilItsKeyIsDisabled() {
        TestDatabase db = Databases.postgres();
        try (TestServer a = TestServer.start(nodeSettings(db)); TestServer b = TestServer.start(nodeSettings(db))) {
            Organization org = a.createOrganization("Two nodes");
            CreatedApiKey key = a.createApiKey(org.id(), Environment.TEST);
            JsonNode pair = a.login(key);
            String access = pair.get("access_token").asString();
            assertThat(b.get("/api/v0/organizations", access).status()).isEqualTo(200);

            // refresh on B, reuse on A: the chain is revoked for both
            HttpResult refreshed = b.post("/api/v2/auth", "{\"refresh_token\":\"" + pair.get("refresh_token").asString() + "\"}", null);
            assertThat(refreshed.status()).isEqualTo(200);
            HttpResult reuse = a.post("/api/v2/auth", "{\"refresh_token\":\"" + pair.get("refresh_token").asString() + "\"}", null);
            assertThat(reuse.status()).isEqualTo(401);
            String laterAccess = refreshed.json().get("access_token").asString();
            b.clock().advance(Duration.ofSeconds(60));
            assertThat(b.get("/api/v0/organizations", laterAccess).json().get("message").asString())
                    .isEqualTo("access token revoked");

            // disabling through node A's API stops the key's tokens on node B within the cache time
            String fresh = b.accessToken(key);
            assertThat(b.get("/api/v0/organizations", fresh).status()).isEqualTo(200);
            HttpResult disabled = a.patch("/api/v0/organizations/" + org.id() + "/api-keys/" + key.key().id(),
                    "{\"status\":\"disabled\"}", a.accessToken(a.createApiKey(org.id(), Environment.TEST)));
            assertThat(disabled.status()).isEqualTo(200);
            b.clock().advance(Duration.ofSeconds(30));
            HttpResult refused = b.get("/api/v0/organizations", fresh);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("message").asString()).isEqualTo("access token revoked");
        }
    }

    @Test
    void aNodeWithAnotherMasterKeyRefusesToStart() {
        TestDatabase db = Databases.postgres();
        try (TestServer first = TestServer.start(nodeSettings(db))) {
            assertThat(first.get("/ready", null).status()).isEqualTo(200);
        }
        Map<String, String> other = new HashMap<>(nodeSettings(db));
        other.put("OPENTSS_MASTER_KEY", "YW5vdGhlci1tYXN0ZXIta2V5LWZvci10aGUtdGVzdHM=");
        assertThatThrownBy(() -> Application.open(db.config(other), Clock.systemUTC()).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the master key does not match");
    }
}
