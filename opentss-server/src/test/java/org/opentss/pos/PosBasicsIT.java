package org.opentss.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertPosError;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;

/**
 * What every POS API request shares (pos-api.md §3.2, §3.8, §7): the error shape for requests the shared
 * HTTP machinery refuses, and request ids that OpenTSS assigns itself.
 */
class PosBasicsIT {

    private static TestServer server;
    private static PosFixture vendor;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        vendor = PosFixture.bootstrap(server, Environment.TEST);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownPathsAreNotFoundInThePosShape() {
        assertPosError(vendor.platform().get("/v1/refunds/op_01KKNSVWNRNTRC4H8AZGGM9QX5"), 404, "not_found", null);
        assertPosError(PosClient.anonymous(server).get("/v1"), 404, "not_found", null);
    }

    @Test
    void bodiesAreJsonOfAtMostOneMebibyte() {
        PosClient platform = vendor.platform();
        assertPosError(platform.post("/v1/organizations", "{\"legal_name\": "), 400, "invalid_request", null);
        assertPosError(platform.post("/v1/organizations", "[]"), 400, "invalid_request", null);
        String large = "{\"legal_name\": \"" + "x".repeat(1024 * 1024) + "\"}";
        assertPosError(platform.post("/v1/organizations", large), 413, "payload_too_large", null);
        HttpResult text = server.send(server.request("/v1/organizations", null)
                .header("Authorization", "Bearer " + vendor.platformKey()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertPosError(text, 400, "invalid_request", "Content-Type");
        assertPosError(PosClient.platform(server, vendor.platformKey())
                .with("X-Register-Api-Key", "ofk_reg_test_00000000000000000000000000000000")
                .get("/v1/organizations"), 400, "invalid_request", "X-Register-Api-Key");
    }

    @Test
    void everyResponseCarriesARequestIdOfItsOwn() {
        HttpResult result = vendor.platform().with("X-Request-Id", "req_mine").get("/v1/organizations");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("req_[0-9A-Z]{26}"));
        HttpResult other = vendor.platform().get("/v1/organizations");
        assertThat(other.header("X-Request-Id")).isNotEqualTo(result.header("X-Request-Id"));
    }
}
