package org.opentss.identity;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.opentss.http.ApiError;
import org.opentss.http.ApiGuard;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import org.opentss.http.RateClass;
import org.opentss.http.RequestBody;
import org.opentss.http.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /api/v2/auth} and its alias {@code POST /api/v0/auth} (sign-de-v2.md §3). */
public final class AuthApi implements HttpService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthApi.class);

    /** The exact 67 bytes every failed login or refresh is answered with (§2.1). */
    static final byte[] FIXED_UNAUTHORIZED =
            "{\"message\":\"Unauthorized\",\"status_code\":401,\"error\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);

    private final AuthService auth;
    private final ApiGuard guard;
    private final LoginFailureLimiter failures;
    private final Counter failureCounter;

    public AuthApi(AuthService auth, ApiGuard guard, LoginFailureLimiter failures, MeterRegistry meters) {
        this.auth = auth;
        this.guard = guard;
        this.failures = failures;
        this.failureCounter = Counter.builder("opentss.auth.failures")
                .description("Failed API key logins and refresh-token exchanges")
                .register(meters);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/v2/auth", guard.open(this::authenticate))
                .post("/api/v0/auth", guard.open(this::authenticate));
    }

    private void authenticate(ServerRequest req, ServerResponse res) {
        JsonInput body = JsonInput.body(RequestBody.object(req));
        if (body.has("refresh_token")) {
            if (body.has("api_key")) {
                throw ApiError.schema("body must match exactly one schema in oneOf");
            }
            refresh(req, res, body.requiredString("refresh_token", 0, Integer.MAX_VALUE));
        } else if (body.has("api_key") || body.has("api_secret")) {
            String key = body.requiredString("api_key", 0, Integer.MAX_VALUE);
            String secret = body.requiredString("api_secret", 0, Integer.MAX_VALUE);
            login(res, key, secret);
        } else {
            throw ApiError.schema("body must have required property 'api_key'");
        }
    }

    private void login(ServerResponse res, String key, String secret) {
        guard.limit(RateClass.AUTH, "key:" + key);
        attempt(res, "login:" + key, "too many failed logins for this API key; retry later",
                () -> auth.login(key, secret));
    }

    private void refresh(ServerRequest req, ServerResponse res, String refreshToken) {
        String client = clientAddress(req.remotePeer().address());
        guard.limit(RateClass.AUTH, "refresh:" + client);
        attempt(res, "refresh:" + client, "too many failed refresh attempts from this address; retry later",
                () -> auth.refresh(refreshToken));
    }

    /** Runs one login or refresh unless {@code limitKey} has failed too often lately; counts a failure. */
    private void attempt(ServerResponse res, String limitKey, String limitedMessage, Supplier<TokenPair> authenticate) {
        long wait = failures.secondsUntilAllowed(limitKey);
        if (wait > 0) {
            throw ApiError.tooManyRequests(limitedMessage, wait);
        }
        try {
            send(res, authenticate.get());
        } catch (AuthenticationFailed e) {
            failures.recordFailure(limitKey);
            refuse(res, e);
        }
    }

    private void refuse(ServerResponse res, AuthenticationFailed failure) {
        failureCounter.increment();
        LOG.info("authentication refused: {}", failure.getMessage());
        res.status(Status.UNAUTHORIZED_401);
        res.header(HeaderNames.CONTENT_TYPE, Responses.JSON_UTF8);
        res.send(FIXED_UNAUTHORIZED);
    }

    private static void send(ServerResponse res, TokenPair pair) {
        ObjectNode body = Json.object();
        body.put("access_token", pair.accessToken());
        ObjectNode claims = body.putObject("access_token_claims");
        claims.put("env", pair.env().name());
        claims.put("organization_id", pair.organizationId());
        body.put("access_token_expires_in", pair.accessTokenExpiresAt() - pair.issuedAt());
        body.put("access_token_expires_at", pair.accessTokenExpiresAt());
        body.put("refresh_token", pair.refreshToken());
        body.put("refresh_token_expires_in", pair.refreshTokenExpiresAt() - pair.issuedAt());
        body.put("refresh_token_expires_at", pair.refreshTokenExpiresAt());
        Responses.json(res, body);
    }

    private static String clientAddress(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
