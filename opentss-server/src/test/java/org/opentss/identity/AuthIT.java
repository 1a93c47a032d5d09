package org.opentss.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentss.testing.HttpResult;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/** Every path through {@code POST /api/v2/auth} and the bearer check (sign-de-v2.md §3). */
class AuthIT {

    private static final String FIXED_401 = "{\"message\":\"Unauthorized\",\"status_code\":401,\"error\":\"Unauthorized\"}";

    private TestServer server;
    private Organization org;
    private CreatedApiKey key;

    @BeforeEach
    void start() {
        server = TestServer.start();
        org = server.createOrganization("Bistro Linde");
        key = server.createApiKey(org.id(), Environment.TEST);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResult login(String apiKey, String secret) {
        return server.post("/api/v2/auth", "{\"api_key\":\"" + apiKey + "\",\"api_secret\":\"" + secret + "\"}", null);
    }

    private HttpResult refresh(String refreshToken) {
        return server.post("/api/v2/auth", "{\"refresh_token\":\"" + refreshToken + "\"}", null);
    }

    private HttpResult organizations(String accessToken) {
        return server.get("/api/v0/organizations", accessToken);
    }

    private static void assertFixed401(HttpResult result) {
        assertThat(result.status()).isEqualTo(401);
        assertThat(result.bytes()).hasSize(67);
        assertThat(result.body()).isEqualTo(FIXED_401);
        assertThat(result.header("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    private static void assertBearer401(HttpResult result, String message) {
        assertThat(result.status()).isEqualTo(401);
        assertThat(result.code()).isEqualTo("E_UNAUTHORIZED");
        assertThat(result.json().get("message").asString()).isEqualTo(message);
        assertThat(result.header("WWW-Authenticate")).hasValue("Bearer realm=\"opentss\"");
    }

    @Test
    void loginReturnsTheDocumentedFieldsInOrder() {
        long now = server.clock().instant().getEpochSecond();
        HttpResult result = login(key.key().key(), key.secret());

        assertThat(result.status()).isEqualTo(200);
        JsonNode body = result.json();
        assertThat(body.propertyNames()).containsExactly("access_token", "access_token_claims",
                "access_token_expires_in", "access_token_expires_at", "refresh_token", "refresh_token_expires_in",
                "refresh_token_expires_at");
        assertThat(body.get("access_token_claims").get("env").asString()).isEqualTo("TEST");
        assertThat(body.get("access_token_claims").get("organization_id").asString()).isEqualTo(org.id());
        assertThat(body.get("access_token_expires_in").asLong()).isEqualTo(86400);
        assertThat(body.get("access_token_expires_at").asLong()).isEqualTo(now + 86400);
        assertThat(body.get("refresh_token_expires_in").asLong()).isEqualTo(172800);
        assertThat(body.get("refresh_token_expires_at").asLong()).isEqualTo(now + 172800);
        assertThat(organizations(body.get("access_token").asString()).status()).isEqualTo(200);
    }

    @Test
    void theManagementAliasLogsInToo() {
        HttpResult result = server.post("/api/v0/auth", "{\"api_key\":\"" + key.key().key() + "\",\"api_secret\":\""
                + key.secret() + "\"}", null);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().get("access_token_claims").get("organization_id").asString()).isEqualTo(org.id());
    }

    @Test
    void aLiveKeyGetsLiveTokens() {
        CreatedApiKey live = server.createApiKey(org.id(), Environment.LIVE);
        assertThat(live.key().key()).startsWith("live_");
        assertThat(server.login(live).get("access_token_claims").get("env").asString()).isEqualTo("LIVE");
    }

    @Test
    void wrongSecretUnknownKeyAndEmptyStringsGetTheFixedBody() {
        assertFixed401(login(key.key().key(), "wrong-secret"));
        assertFixed401(login("test_unknownunknownunknown0_nokey", key.secret()));
        assertFixed401(login("", ""));
        assertFixed401(server.post("/api/v0/auth", "{\"api_key\":\"" + key.key().key() + "\",\"api_secret\":\"x\"}", null));
    }

    @Test
    void malformedBodiesAreSchemaErrors() {
        for (String body : List.of("", "[]", "null", "\"x\"", "{", "{}", "{\"api_key\":\"k\"}", "{\"api_secret\":\"s\"}",
                "{\"api_key\":1,\"api_secret\":\"s\"}", "{\"refresh_token\":5}",
                "{\"refresh_token\":\"r\",\"api_key\":\"k\",\"api_secret\":\"s\"}")) {
            HttpResult result = server.post("/api/v2/auth", body, null);
            assertThat(result.status()).as(body).isEqualTo(400);
            assertThat(result.code()).as(body).isEqualTo("E_FAILED_SCHEMA_VALIDATION");
        }
    }

    @Test
    void curlsDefaultFormContentTypeIsReadAsJson() {
        HttpResult result = server.send(server.request("/api/v2/auth", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"api_key\":\"" + key.key().key()
                        + "\",\"api_secret\":\"" + key.secret() + "\"}")));
        assertThat(result.status()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenWorksOnceAndGivesAFreshPair() {
        JsonNode first = server.login(key);
        HttpResult second = refresh(first.get("refresh_token").asString());

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("refresh_token").asString()).isNotEqualTo(first.get("refresh_token").asString());
        assertThat(second.json().get("access_token").asString()).isNotEqualTo(first.get("access_token").asString());
        assertThat(organizations(second.json().get("access_token").asString()).status()).isEqualTo(200);
        // access tokens issued earlier in the chain stay valid
        assertThat(organizations(first.get("access_token").asString()).status()).isEqualTo(200);
    }

    @Test
    void reusingARefreshTokenRevokesTheWholeChain() {
        JsonNode first = server.login(key);
        JsonNode second = refresh(first.get("refresh_token").asString()).json();
        String laterAccess = second.get("access_token").asString();
        assertThat(organizations(laterAccess).status()).isEqualTo(200);

        assertFixed401(refresh(first.get("refresh_token").asString()));
        assertFixed401(refresh(second.get("refresh_token").asString()));

        server.clock().advance(Duration.ofSeconds(61));
        assertBearer401(organizations(laterAccess), "access token revoked");
        // a new login starts a new chain
        assertThat(organizations(server.accessToken(key)).status()).isEqualTo(200);
    }

    @Test
    void concurrentExchangesOfOneRefreshTokenLetExactlyOneSucceed() throws Exception {
        String refreshToken = server.login(key).get("refresh_token").asString();
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(() -> refresh(refreshToken).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(4)) {
            for (Future<Integer> f : executor.invokeAll(attempts)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).containsOnly(200, 401);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    }

    @Test
    void anAccessTokenIsNoRefreshTokenAndRevokesNothing() {
        JsonNode pair = server.login(key);
        assertFixed401(refresh(pair.get("access_token").asString()));
        assertFixed401(refresh("not-a-jwt"));
        assertThat(refresh(pair.get("refresh_token").asString()).status()).isEqualTo(200);
    }

    @Test
    void anExpiredRefreshTokenIsRefused() {
        String refreshToken = server.login(key).get("refresh_token").asString();
        server.clock().advance(Duration.ofSeconds(172800));
        assertFixed401(refresh(refreshToken));
    }

    @Test
    void aDisabledKeyCannotLogInAndItsTokensStopWithinAMinute() {
        JsonNode pair = server.login(key);
        String access = pair.get("access_token").asString();
        assertThat(organizations(access).status()).isEqualTo(200); // caches the key status

        disableOutsideTheApi(key);

        assertFixed401(login(key.key().key(), key.secret()));
        assertFixed401(refresh(pair.get("refresh_token").asString()));
        server.clock().advance(Duration.ofSeconds(60));
        assertBearer401(organizations(access), "access token revoked");
    }

    /** As the CLI does it, from another process: the server learns of it only through the database. */
    private void disableOutsideTheApi(CreatedApiKey target) {
        ApiKey k = target.key();
        server.app().apiKeyService().update(new ApiKey(k.id(), k.organizationId(), k.env(), k.key(), k.secretHash(),
                k.name(), ApiKey.Status.DISABLED, k.metadata(), k.createdBy(), k.managedBy(), k.createdAt()));
    }

    @Test
    void tenFailuresWithinAMinuteLockTheKeyEvenForTheRightSecret() {
        for (int i = 0; i < 10; i++) {
            server.clock().advance(Duration.ofSeconds(1));
            assertFixed401(login(key.key().key(), "wrong"));
        }
        HttpResult limited = login(key.key().key(), key.secret());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("E_TOO_MANY_REQUESTS");
        assertThat(limited.json().get("message").asString())
                .isEqualTo("too many failed logins for this API key; retry later");
        // failures at seconds 1..10; the oldest, 9 s ago, leaves the 60 s window in 51 s
        assertThat(limited.header("Retry-After")).hasValue("51");

        // another key is not affected
        CreatedApiKey other = server.createApiKey(org.id(), Environment.TEST);
        assertThat(login(other.key().key(), other.secret()).status()).isEqualTo(200);

        server.clock().advance(Duration.ofSeconds(50));
        assertThat(login(key.key().key(), key.secret()).status()).isEqualTo(429);
        server.clock().advance(Duration.ofSeconds(1));
        assertThat(login(key.key().key(), key.secret()).status()).isEqualTo(200);
    }

    @Test
    void failedRefreshesAreLimitedPerClientAddress() {
        for (int i = 0; i < 10; i++) {
            assertFixed401(refresh("garbage-" + i));
        }
        HttpResult limited = refresh(server.login(key).get("refresh_token").asString());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isPresent();
    }

    @Test
    void theAuthClassIsRateLimitedPerApiKey() {
        try (TestServer limited = TestServer.start(Map.of("OPENTSS_RATE_LIMIT_AUTH", "3"))) {
            Organization o = limited.createOrganization("Limited");
            CreatedApiKey k = limited.createApiKey(o.id(), Environment.TEST);
            for (int i = 0; i < 3; i++) {
                assertThat(limited.login(k)).isNotNull();
            }
            HttpResult refused = limited.post("/api/v2/auth", "{\"api_key\":\"" + k.key().key()
                    + "\",\"api_secret\":\"" + k.secret() + "\"}", null);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("E_TOO_MANY_REQUESTS");
            assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 20L);
        }
    }

    @Test
    void bearerProblemsHaveTheirFixedMessages() {
        assertBearer401(organizations(null), "missing access token");
        assertBearer401(organizations("garbage"), "invalid access token");
        HttpResult basic = server.send(server.request("/api/v0/organizations", null).header("Authorization", "Basic abc"));
        assertBearer401(basic, "invalid access token");

        JsonNode pair = server.login(key);
        assertBearer401(organizations(pair.get("refresh_token").asString()), "invalid access token");
        String access = pair.get("access_token").asString();
        String tampered = access.substring(0, access.length() - 4) + (access.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertBearer401(organizations(tampered), "invalid access token");

        HttpResult lowerCaseScheme = server.send(server.request("/api/v0/organizations", null)
                .header("Authorization", "bearer " + access));
        assertThat(lowerCaseScheme.status()).isEqualTo(200);

        server.clock().advance(Duration.ofSeconds(86400));
        assertBearer401(organizations(access), "access token expired");
    }

    @Test
    void tokensOfAnotherInstanceAreInvalid() {
        try (TestServer other = TestServer.start()) {
            CreatedApiKey foreignKey = other.createApiKey(other.createOrganization("Elsewhere").id(), Environment.TEST);
            String foreign = other.accessToken(foreignKey);
            assertBearer401(organizations(foreign), "invalid access token");
        }
    }

    @Test
    void theSecretIsStoredOnlyAsAKeyedHash() {
        assertThat(key.key().secretHash()).doesNotContain(key.secret()).hasSize(64);
        assertThat(new String(key.secret().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII))
                .matches("[A-Za-z0-9_-]{43}");
    }
}
