package org.opentss.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opentss.store.Database;
import tools.jackson.databind.node.ObjectNode;

/** {@code /health}, {@code /ready} and {@code /metrics} (sign-de-v2.md §13.1): no token, no rate limit. */
public final class OperationsService implements HttpService {

    private static final Duration DATABASE_CHECK_TIMEOUT = Duration.ofSeconds(2);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Database database;
    private final Readiness readiness;
    private final PrometheusMeterRegistry prometheus;
    private final Optional<String> metricsToken;

    public OperationsService(Database database, Readiness readiness, PrometheusMeterRegistry prometheus,
            Optional<String> metricsToken) {
        this.database = database;
        this.readiness = readiness;
        this.prometheus = prometheus;
        this.metricsToken = metricsToken;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health)
                .get("/ready", this::ready)
                .get("/metrics", this::metrics);
    }

    private void health(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.object();
        body.put("status", "UP");
        Responses.json(res, body);
    }

    private void ready(ServerRequest req, ServerResponse res) {
        boolean up = readiness.isAccepting() && databaseAnswers();
        ObjectNode body = Json.object();
        body.put("status", up ? "UP" : "DOWN");
        body.putObject("checks").put("database", up ? "UP" : "DOWN");
        if (!up) {
            res.header("Retry-After", Long.toString(ApiGuard.RETRY_WHEN_UNAVAILABLE_SECONDS));
        }
        Responses.json(res, up ? 200 : 503, body);
    }

    /** The trivial query runs on its own thread so that a hanging database answers DOWN in time. */
    private boolean databaseAnswers() {
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(
                () -> database.isReachable(DATABASE_CHECK_TIMEOUT), task -> Thread.ofVirtual().start(task));
        try {
            return check.get(DATABASE_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        if (metricsToken.isPresent()) {
            String expected = "Bearer " + metricsToken.get();
            String given = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
                throw ApiError.unauthorized("metrics token required");
            }
        }
        res.header(HeaderNames.CONTENT_TYPE, PROMETHEUS_TEXT);
        res.send(prometheus.scrape(PROMETHEUS_TEXT).getBytes(StandardCharsets.UTF_8));
    }
}
