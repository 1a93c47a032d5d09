package org.opentss.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertPosError;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;

/** Rate limits of the POS API (pos-api.md §7.3): per credential per second, and bootstrap per address. */
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
