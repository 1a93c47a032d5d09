package org.opentss.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.opentss.config.AppConfig;

/**
 * Assembles the web server: filters that apply to every request (request id, access log, HSTS, CORS),
 * the feature services, the catch-all 404 and the mapping of failures to error bodies; HTTPS when
 * {@code OPENTSS_TLS_*} name a certificate and key, plain HTTP otherwise.
 */
public final class HttpServer {

    private HttpServer() {
    }

    /**
     * @param services feature services, each registered at the root with absolute paths
     */
    public static WebServer create(AppConfig config, PrometheusMeterRegistry meters, List<HttpService> services) {
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new RequestIdFilter())
                .addFilter(new AccessLogFilter(meters));
        if (!config.hstsMaxAge().isZero()) {
            routing.addFilter(new HstsFilter(config.hstsMaxAge())); // before CORS, which answers preflights itself
        }
        routing.addFilter(new CorsFilter(config.corsAllowedOrigins()))
                .any(new PathNormalizer());
        services.forEach(routing::register);
        routing.any((req, res) -> {
            throw ApiError.of(ErrorCode.E_ROUTE_NOT_FOUND,
                    "Route " + req.prologue().method().text() + ":" + req.path().path() + " not found");
        });
        routing.error(ApiError.class, ErrorResponses::apiError);
        routing.error(PosError.class, ErrorResponses::posError);
        routing.error(Throwable.class, ErrorResponses::unexpected);
        WebServerConfig.Builder server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .shutdownGracePeriod(config.shutdownGracePeriod())
                .routing(routing)
                .directHandlers(TransportErrors.handlers())
                // POS clients send list filters as states[]=A with raw brackets (sign-de-v2.md §1.8),
                // which strict RFC 3986 prologue validation would refuse before routing
                .addProtocol(Http1Config.builder().validatePrologue(false).build());
        config.tls().map(ServerTls::create).ifPresent(server::tls);
        return server.build();
    }
}
