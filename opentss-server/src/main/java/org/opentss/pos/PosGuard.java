package org.opentss.pos;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.opentss.http.PosError;
import org.opentss.http.RateLimiter;
import org.opentss.http.Readiness;
import org.opentss.http.RequestBody;
import org.opentss.http.Responses;

/**
 * Wraps POS API handlers with the checks that come before an endpoint's own: availability, body size,
 * credential, per-credential rate limit (pos-api.md §4, §7.3); then writes the handler's answer with its
 * {@code ETag} and {@code Idempotent-Replayed} headers.
 */
public final class PosGuard {

    public static final HeaderName REGISTER_API_KEY = HeaderNames.create("X-Register-Api-Key");
    public static final HeaderName ORGANIZATION = HeaderNames.create("OpenFiskal-Organization");

    /** A handler that runs for an authenticated caller. */
    @FunctionalInterface
    public interface PosHandler {
        PosResponse handle(ServerRequest req, PosCaller caller);
    }

    private final PosAuthenticator authenticator;
    private final Readiness readiness;
    private final int defaultPerSecond;
    private final Clock clock;
    /** One limiter per limit in use: the installation's default and the limits set for single credentials. */
    private final Map<Integer, RateLimiter> perCredential = new ConcurrentHashMap<>();
    private final RateLimiter bootstrapPerAddress;

    /** @param requestsPerSecond the installation's limit per credential; 0 switches it off */
    public PosGuard(PosAuthenticator authenticator, Readiness readiness, int requestsPerSecond, Clock clock) {
        this.authenticator = authenticator;
        this.readiness = readiness;
        this.defaultPerSecond = requestsPerSecond;
        this.clock = clock;
        this.bootstrapPerAddress = new RateLimiter(10, clock);
    }

    /** An endpoint open to platform keys and to the register key of the register it names (§4.3). */
    public Handler platformOrRegister(PosHandler handler) {
        return (req, res) -> {
            checkAvailable(req);
            PosCaller caller = authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION),
                    req.headers().first(REGISTER_API_KEY), req.headers().first(ORGANIZATION));
            int perSecond = caller.rateLimitPerSecond().orElse(defaultPerSecond);
            limit(perCredential.computeIfAbsent(perSecond, limit -> RateLimiter.perSecond(limit, clock)),
                    caller.credentialId());
            requireNoNulInIds(req);
            write(res, handler.handle(req, caller));
        };
    }

    /** An endpoint for platform keys only; a register key gets 403 (§4.6). */
    public Handler platform(PosHandler handler) {
        return platformOrRegister((req, caller) -> {
            caller.requirePlatform();
            return handler.handle(req, caller);
        });
    }

    /** {@code POST /v1/auth/bootstrap}: no credential, 10 requests per minute per client address (§7.3). */
    public Handler open(Function<ServerRequest, PosResponse> handler) {
        return (req, res) -> {
            checkAvailable(req);
            limit(bootstrapPerAddress, req.remotePeer().host());
            write(res, handler.apply(req));
        };
    }

    /**
     * No id contains U+0000, and PostgreSQL refuses to compare text that holds it (the lookup failed with a 500):
     * a path naming such an id is answered like any other unknown resource (§7.2).
     */
    private static void requireNoNulInIds(ServerRequest req) {
        Parameters ids = req.path().pathParameters();
        for (String name : ids.names()) {
            if (ids.get(name).indexOf('\u0000') >= 0) {
                throw PosError.notFound("No such resource.");
            }
        }
    }

    private void checkAvailable(ServerRequest req) {
        if (!readiness.isAccepting()) {
            throw PosError.retryLater(503, "service_unavailable",
                    "OpenTSS is starting or shutting down; retry later.", 5);
        }
        RequestBody.checkDeclaredLength(req);
    }

    private static void limit(RateLimiter limiter, String key) {
        long wait = limiter.acquire(key);
        if (wait > 0) {
            throw PosError.retryLater(429, "rate_limited", "Too many requests for this credential.", wait);
        }
    }

    private static void write(ServerResponse res, PosResponse response) {
        response.etag().ifPresent(version -> res.header(HeaderNames.ETAG, "\"" + version + "\""));
        if (response.replayed()) {
            res.header("Idempotent-Replayed", "true");
        }
        Responses.json(res, response.status(), response.body());
    }
}
