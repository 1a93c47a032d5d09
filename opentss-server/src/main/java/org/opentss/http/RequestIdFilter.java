package org.opentss.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} (or {@code Request-Id}) when it is sane,
 * else 32 random hex characters; under {@code /v1} always a new {@code req_} id (pos-api.md §3.8).
 * Every response carries it in both headers, and every log line written for the request names it
 * (sign-de-v2.md §1.6).
 */
public final class RequestIdFilter implements Filter {

    public static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");
    public static final HeaderName REQUEST_ID = HeaderNames.create("Request-Id");
    public static final String MDC_KEY = "request_id";
    private final PosIds posIds = PosIds.system();
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        String id = ErrorResponses.isPosApi(path)
                ? posIds.next("req") // the POS API always assigns its own (pos-api.md §3.8)
                : sane(req.headers().first(X_REQUEST_ID))
                        .or(() -> sane(req.headers().first(REQUEST_ID)))
                        .orElseGet(RequestIdFilter::generate);
        res.header(X_REQUEST_ID, id);
        res.header(REQUEST_ID, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.proceed();
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private static Optional<String> sane(Optional<String> value) {
        return value.filter(v -> SANE.matcher(v).matches());
    }

    static String generate() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
