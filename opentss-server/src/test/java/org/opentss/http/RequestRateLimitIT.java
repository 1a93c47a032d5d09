package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;

/**
 * The request limits per organization and endpoint class (sign-de-v2.md §13.2): beyond its budget an
 * organization gets 429 E_TOO_MANY_REQUESTS with Retry-After, another organization is not affected, the
 * refused request changes nothing, and the budget refills with time.
 */
class RequestRateLimitIT {

    private static final int PER_MINUTE = 20;

    private static TestServer server;
    private static String tokenA;
    private static String tokenB;
    private static ProvisionedTss tssA;
    private static ProvisionedTss tssB;

    @BeforeAll
    static void twoOrganizations() {
        String limit = Integer.toString(PER_MINUTE);
        server = TestServer.start(Map.of("OPENTSS_RATE_LIMIT_SIGN", limit, "OPENTSS_RATE_LIMIT_GENERAL", limit,
                "OPENTSS_RATE_LIMIT_EXPORT", limit, "OPENTSS_RATE_LIMIT_MANAGEMENT", limit));
        tokenA = server.accessToken(server.createApiKey(server.createOrganization("A").id(), Environment.TEST));
        tokenB = server.accessToken(server.createApiKey(server.createOrganization("B").id(), Environment.TEST));
        tssA = ProvisionedTss.provision(server, tokenA, 1);
        tssB = ProvisionedTss.provision(server, tokenB, 1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void signingBeyondTheBudgetIsRefusedAndSignsNothing() {
        server.clock().advance(Duration.ofMinutes(1));
        assertThat(start(tssA, tokenA).status()).isEqualTo(200); // any logs a first signature adds are made
        long counterBefore = signatureCounter(tssA, tokenA);
        server.clock().advance(Duration.ofMinutes(1)); // a full budget
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(start(tssA, tokenA).status()).isEqualTo(200);
        }
        String refusedTx = UUID.randomUUID().toString();
        HttpResult refused = server.put(tssA.path() + "/tx/" + refusedTx + "?tx_revision=1", startBody(tssA), tokenA);
        assertTooManyRequests(refused);
        assertThat(start(tssB, tokenB).status()).as("another organization").isEqualTo(200);

        server.clock().advance(Duration.ofMinutes(1));
        assertThat(server.get(tssA.path() + "/tx/" + refusedTx, tokenA).code()).isEqualTo("E_TX_NOT_FOUND");
        assertThat(signatureCounter(tssA, tokenA)).as("the refused request signed nothing")
                .isEqualTo(counterBefore + PER_MINUTE);
        assertThat(start(tssA, tokenA).status()).as("the budget refilled").isEqualTo(200);
    }

    @Test
    void readingExportingAndManagingHaveTheirOwnBudgets() {
        server.clock().advance(Duration.ofMinutes(1));
        exhaust(() -> server.get("/api/v2/tss", tokenA));
        assertThat(server.get("/api/v2/tss", tokenB).status()).isEqualTo(200);
        assertThat(server.get("/api/v0/organizations", tokenA).status()).as("management is its own class")
                .isEqualTo(200);

        // downloads count as exports; an unknown export's is as good as any for spending the budget
        exhaust(() -> server.get(tssA.path() + "/export/" + UUID.randomUUID() + "/file", tokenA));
        assertThat(server.put(tssB.path() + "/export/" + UUID.randomUUID(), "", tokenB).status()).isEqualTo(200);

        server.clock().advance(Duration.ofMinutes(1));
        exhaust(() -> server.get("/api/v0/organizations", tokenA));
        assertThat(server.get("/api/v0/organizations", tokenB).status()).isEqualTo(200);
    }

    /** Spends the rest of the organization's budget of one class (some of it may be spent already). */
    private static void exhaust(Supplier<HttpResult> request) {
        for (int i = 0; i <= PER_MINUTE; i++) {
            HttpResult result = request.get();
            if (result.status() == 429) {
                assertTooManyRequests(result);
                assertThat(i).as("requests allowed before the limit").isGreaterThan(0);
                return;
            }
            assertThat(result.status()).as(result.toString()).isLessThan(500);
        }
        throw new AssertionError("no 429 within " + (PER_MINUTE + 1) + " requests");
    }

    private static void assertTooManyRequests(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(429);
        assertThat(result.json().get("status_code").asInt()).isEqualTo(429);
        assertThat(result.code()).isEqualTo("E_TOO_MANY_REQUESTS");
        assertThat(Long.parseLong(result.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
    }

    private static long signatureCounter(ProvisionedTss tss, String token) {
        return Long.parseLong(server.get(tss.path(), token).json().get("signature_counter").asString());
    }

    private static HttpResult start(ProvisionedTss tss, String token) {
        return server.put(tss.path() + "/tx/" + UUID.randomUUID() + "?tx_revision=1", startBody(tss), token);
    }

    private static String startBody(ProvisionedTss tss) {
        return "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId() + "\"}";
    }
}
