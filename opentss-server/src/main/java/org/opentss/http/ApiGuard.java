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

    private final BearerAuthenticator authenticator;
    private final Map<RateClass, RateLimiter> limiters = new EnumMap<>(RateClass.class);

    public ApiGuard(BearerAuthenticator authenticator, RateLimits limits, Clock clock) {
        this.authenticator = authenticator;
        for (RateClass rateClass : RateClass.values()) {
            limiters.put(rateClass, new RateLimiter(rateClass.perMinute(limits), clock));
        }
    }

    /** For endpoints that need a bearer token; rate limited per organization. */
    public Handler authenticated(RateClass rateClass, AuthenticatedHandler handler) {
        return (req, res) -> {
            RequestBody.checkDeclaredLength(req);
            Caller caller = authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION));
            limit(rateClass, caller.organizationId());
            handler.handle(req, res, caller);
        };
    }

    /** For the token endpoint: no bearer token; the handler limits by the key it reads. */
    public Handler open(Handler handler) {
        return (req, res) -> {
            RequestBody.checkDeclaredLength(req);
            handler.handle(req, res);
        };
    }

    /** Counts one request of {@code key} in the class; a 429 with Retry-After once the limit is hit. */
    public void limit(RateClass rateClass, String key) {
        long wait = limiters.get(rateClass).acquire(key);
        if (wait > 0) {
            throw ApiError.tooManyRequests("rate limit exceeded; retry later", wait);
        }
    }
}
