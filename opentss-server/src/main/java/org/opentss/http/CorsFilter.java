package org.opentss.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;

/**
 * CORS for browser clients (sign-de-v2.md §1.6): by default every origin; a configured list of
 * origins, or none at all, which sends no CORS headers. {@code OPTIONS} preflights are answered here.
 */
public final class CorsFilter implements Filter {

    private final List<String> allowedOrigins;

    public CorsFilter(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> allowOrigin = allowOrigin(req.headers().first(HeaderNames.ORIGIN));
        allowOrigin.ifPresent(origin -> {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "X-Request-Id, Request-Id, Retry-After");
            if (!origin.equals("*")) {
                res.header(HeaderNames.VARY, "Origin");
            }
        });
        if (req.prologue().method() == Method.OPTIONS) {
            if (allowOrigin.isPresent()) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE");
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                        "Authorization, Content-Type, X-Request-Id, Request-Id");
            }
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        chain.proceed();
    }

    private Optional<String> allowOrigin(Optional<String> origin) {
        if (allowedOrigins.contains("*")) {
            return Optional.of("*");
        }
        return origin.filter(allowedOrigins::contains);
    }
}
