package org.opentss.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one timer sample per request. The log names method, path, status and duration
 * (never headers or bodies, which carry secrets); metric labels name the route pattern, not ids.
 */
public final class AccessLogFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger("org.opentss.access");

    private final MeterRegistry meters;

    public AccessLogFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            long nanos = System.nanoTime() - start;
            int status = res.status().code();
            String method = req.prologue().method().text();
            String route = req.matchingPattern().orElse("UNMATCHED");
            Timer.builder("http.server.requests")
                    .tag("method", method)
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .register(meters)
                    .record(nanos, TimeUnit.NANOSECONDS);
            LOG.info("{} {} {} {}ms", method, req.path().path(), status, nanos / 1_000_000);
        }
    }
}
