package org.opentss.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;

/**
 * HTTP Strict Transport Security: every response sent over TLS tells browsers to use only HTTPS for this host for
 * the configured time. Never over plain HTTP, where a man in the middle could forge or strip it anyway
 * (RFC 6797 §7.2). No {@code includeSubDomains}: OpenTSS cannot know what else runs under its domain.
 */
final class HstsFilter implements Filter {

    private final Header header;

    /** @param maxAge more than zero; zero turns HSTS off by not adding this filter */
    HstsFilter(Duration maxAge) {
        this.header = HeaderValues.create(HeaderNames.STRICT_TRANSPORT_SECURITY, "max-age=" + maxAge.toSeconds());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.isSecure()) {
            res.header(header);
        }
        chain.proceed();
    }
}
