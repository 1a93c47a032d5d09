package org.opentss.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.opentss.config.RateLimits;
import org.opentss.identity.BearerAuthenticator;
import org.opentss.identity.Caller;

/**
 * Wraps API handlers with the checks that come before an endpoint's own, in the order of
 * sign-de-v2.md §1.9: body size, bearer token, rate limit. A route is only wrapped once it matched,
 * so an unknown route is a 404 before anything else.
 */
public final class ApiGuard {

    /** A handler that runs for an authenticated caller. */
    @FunctionalInterface
    public interface AuthenticatedHandler {
        void handle(ServerRequest req, ServerResponse res, Caller caller);
    }

    /** The Retry-After of a 503 while the server starts, stops or misses its database. */
    public static final long RETRY_WHEN_UNAVAILABLE_SECONDS = 5;

    private final BearerAuthenticator authenticator;
    private final Readiness readiness;
    private final Map<RateClass, RateLimiter> limiters = new EnumMap<>(RateClass.class);

    public ApiGuard(BearerAuthenticator authenticator, Readiness readiness, RateLimits limits, Clock clock) {
        this.authenticator = authenticator;
        this.readiness = readiness;
        for (RateClass rateClass : RateClass.values()) {
            limiters.put(rateClass, new RateLimiter(rateClass.perMinute(limits), clock));
        }
    }

    /** For endpoints that need a bearer token; rate limited per organization. */
    public Handler authenticated(RateClass rateClass, AuthenticatedHandler handler) {
        return (req, res) -> {
            checkAvailable();
            RequestBody.checkDeclaredLength(req);
            Caller caller = authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION));
            limit(rateClass, caller.organizationId());
            handler.handle(req, res, caller);
        };
    }

    /** For the token endpoint: no bearer token; the handler limits by the key it reads. */
    public Handler open(Handler handler) {
        return (req, res) -> {
            checkAvailable();
            RequestBody.checkDeclaredLength(req);
            handler.handle(req, res);
        };
    }

    /** While starting or shutting down, API requests are refused with a 503 the caller may retry (§2.2). */
    private void checkAvailable() {
        if (!readiness.isAccepting()) {
            throw ApiError.serviceUnavailable("the server is starting or shutting down; retry later",
                    RETRY_WHEN_UNAVAILABLE_SECONDS);
        }
    }

    /** Counts one request of {@code key} in the class; a 429 with Retry-After once the limit is hit. */
    public void limit(RateClass rateClass, String key) {
        long wait = limiters.get(rateClass).acquire(key);
        if (wait > 0) {
            throw ApiError.tooManyRequests("rate limit exceeded; retry later", wait);
        }
    }
}
