package org.opentss.cli;

import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.opentss.Application;
import org.opentss.config.AppConfig;
import org.opentss.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opentss serve}: runs the server until SIGTERM or SIGINT, then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the server (SQLite under ./data and port 8080 unless configured otherwise).")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOptions options;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on, HTTPS with OPENTSS_TLS_* settings "
            + "(env OPENTSS_PORT, default 8080; 0 picks a free one).")
    Integer port;

    @Override
    public Integer call() {
        Map<String, String> overrides = new HashMap<>();
        if (port != null) {
            overrides.put("OPENTSS_PORT", port.toString());
        }
        AppConfig config = options.load(overrides);
        LogSetup.apply(config.logFormat());
        LOG.info("starting OpenTSS with {}", config);
        Application app = Application.open(config, Clock.systemUTC());
        WebServer server;
        try {
            server = HttpServer.create(config, app.meters(), app.httpServices()).start();
        } catch (RuntimeException e) {
            app.close(); // a start that fails (TLS files that cannot serve, a port taken) leaves no pool open
            throw e;
        }
        app.exportWorker().start();
        app.readiness().ready();
        LOG.info("OpenTSS is listening on {}://{}:{} (API docs at /docs)", server.hasTls() ? "https" : "http",
                config.host().equals("0.0.0.0") ? "localhost" : config.host(), server.port());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: refusing new work, finishing requests in flight");
            app.readiness().shuttingDown();
            drain(config);
            server.stop();
            app.close();
            LOG.info("OpenTSS stopped");
            stopped.countDown();
        }, "opentss-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Gives a load balancer time to see /ready DOWN and stop sending before the listener closes. */
    private static void drain(AppConfig config) {
        if (!config.shutdownDrain().isZero()) {
            LOG.info("draining for {} s before closing the listener", config.shutdownDrain().toSeconds());
            try {
                Thread.sleep(config.shutdownDrain());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
