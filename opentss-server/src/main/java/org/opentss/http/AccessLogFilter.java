package org.opentss.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Looked up here rather than built and registered per request, which allocated a builder, tags and an id. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

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
            timers.computeIfAbsent(new TimerKey(method, route, status), this::timer)
                    .record(nanos, TimeUnit.NANOSECONDS);
            LOG.info("{} {} {} {}ms", method, req.path().path(), status, nanos / 1_000_000);
        }
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("http.server.requests")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .register(meters);
    }

    private record TimerKey(String method, String route, int status) {
    }
}
