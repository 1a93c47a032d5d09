package org.opentss.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertPosError;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.CliRun;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;

/**
 * Rate limits of the POS API (pos-api.md §7.3): per credential per second, with limits the administrator sets
 * for single credentials, and bootstrap per address. The administrator's command works on the SQLite data
 * directory of the test server, so the class runs on SQLite only; the limits are counted in memory per node.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class PosRateLimitIT {

    @Test
    void eachCredentialHasItsOwnBudgetPerSecond() {
        try (TestServer server = TestServer.start(Map.of("OPENTSS_RATE_LIMIT_POS_PER_SECOND", "5"))) {
            PosClient first = PosFixture.bootstrap(server, Environment.TEST).platform();
            PosClient second = PosFixture.bootstrap(server, Environment.TEST).platform();
            for (int i = 0; i < 5; i++) {
                assertThat(first.get("/v1/organizations").status()).isEqualTo(200);
            }
            HttpResult limited = first.get("/v1/organizations");
            assertPosError(limited, 429, "rate_limited", null);
            assertThat(limited.header("Retry-After")).contains("1");
            assertThat(second.get("/v1/organizations").status()).isEqualTo(200);

            server.clock().advance(Duration.ofSeconds(1));
            assertThat(first.get("/v1/organizations").status()).isEqualTo(200);
        }
    }

    /** The administrator gives one credential its own limit, or the default again, with the CLI. */
    @Test
    void theAdministratorSetsTheLimitOfOneCredential() {
        try (TestServer server = TestServer.start(Map.of("OPENTSS_RATE_LIMIT_POS_PER_SECOND", "5"))) {
            PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
            String location = vendor.createLocation(vendor.createMerchant("Café Morgenrot GmbH"), "Kreuzberg");
            String register = vendor.createRegister(location, "KASSE-01");
            PosClient device = PosClient.register(server,
                    vendor.createFiscalUnit(register, true).get("register_api_key").asString());
            String keyId = vendor.platform().get("/v1/auth/api-keys").json().at("/data/0/id").asString();
            CliRun set = CliRun.of("rate-limit", "set", "--credential", keyId, "--per-second", "2", "--data-dir",
                    server.dataDir().toString());
            assertThat(set.exitCode()).as(set.err()).isZero();
            assertThat(set.out()).contains(keyId + ": 2 requests per second");
            server.clock().advance(Duration.ofSeconds(1));
            assertThat(vendor.platform().get("/v1/organizations").status()).isEqualTo(200);
            assertThat(vendor.platform().get("/v1/organizations").status()).isEqualTo(200);
            assertPosError(vendor.platform().get("/v1/organizations"), 429, "rate_limited", null);

            assertThat(CliRun.of("rate-limit", "set", "--credential", register, "--per-second", "1", "--data-dir",
                    server.dataDir().toString()).exitCode()).isZero();
            assertThat(device.get("/v1/registers/" + register).status()).isEqualTo(200);
            assertPosError(device.get("/v1/registers/" + register), 429, "rate_limited", null);

            assertThat(CliRun.of("rate-limit", "set", "--credential", keyId, "--default", "--data-dir",
                    server.dataDir().toString()).exitCode()).isZero();
            server.clock().advance(Duration.ofSeconds(1));
            for (int i = 0; i < 5; i++) {
                assertThat(vendor.platform().get("/v1/organizations").status()).isEqualTo(200);
            }
            CliRun unknown = CliRun.of("rate-limit", "set", "--credential", "key_01KJPS8FZ06NGSBE1SGAJC04TW",
                    "--per-second", "3", "--data-dir", server.dataDir().toString());
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).contains("key_01KJPS8FZ06NGSBE1SGAJC04TW does not exist");
        }
    }

    @Test
    void bootstrapTakesTenRequestsPerMinuteFromOneAddress() {
        try (TestServer server = TestServer.start()) {
            PosClient anonymous = PosClient.anonymous(server);
            String unknownToken = "{\"setup_token\": \"ofk_setup_00000000000000000000000000000000\"}";
            for (int i = 0; i < 10; i++) {
                assertPosError(anonymous.post("/v1/auth/bootstrap", unknownToken), 401, "unauthorized", null);
            }
            HttpResult limited = anonymous.post("/v1/auth/bootstrap", unknownToken);
            assertPosError(limited, 429, "rate_limited", null);
            assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
        }
    }
}
