package org.opentss.testing;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.opentss.Application;
import org.opentss.config.AppConfig;
import org.opentss.config.ConfigLoader;
import org.opentss.http.HttpServer;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.identity.Organization;

/**
 * A real OpenTSS server on a free loopback port, on its own SQLite file in a temporary data
 * directory (or on the database a test names), with a clock the test controls.
 */
public final class TestServer implements HttpApi, AutoCloseable {

    /** Names the engine for tests that do not choose one; see {@link #engineDefaults}. */
    public static final String DATABASE_PROPERTY = "opentss.test.database";
    /** JUnit tag of tests that choose their database themselves; the PostgreSQL run leaves them out. */
    public static final String EXPLICIT_DATABASE = "explicit-database";

    private final Path dataDir;
    private final Application app;
    private final WebServer server;
    private final TestClock clock;
    private final HttpClient http;

    private TestServer(Map<String, String> settings, TestClock clock, HttpClient http) {
        try {
            this.dataDir = Files.createTempDirectory("opentss-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>();
        all.put("OPENTSS_HOST", "127.0.0.1");
        all.put("OPENTSS_PORT", "0");
        all.put("OPENTSS_DATA_DIR", dataDir.toString());
        all.putAll(engineDefaults(settings));
        all.putAll(settings);
        AppConfig config = ConfigLoader.load(Map.of(), all);
        this.clock = clock;
        this.http = http;
        this.app = Application.open(config, clock);
        try {
            this.server = HttpServer.create(config, app.meters(), app.httpServices()).start();
        } catch (RuntimeException e) {
            app.close();
            deleteDataDir();
            throw e;
        }
        app.exportWorker().start();
        app.readiness().ready();
    }

    /**
     * The database of a server whose test did not choose one: SQLite in its data directory, or a fresh
     * PostgreSQL database when the build runs the integration tests on PostgreSQL (system property
     * {@value #DATABASE_PROPERTY} = {@code postgresql}; the README's test command runs both).
     */
    private static Map<String, String> engineDefaults(Map<String, String> settings) {
        boolean chosen = settings.containsKey("OPENTSS_DB_URL") || settings.containsKey("OPENTSS_DATA_DIR");
        if (!chosen && "postgresql".equals(System.getProperty(DATABASE_PROPERTY))) {
            return Databases.postgres().serverSettings();
        }
        return Map.of();
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** @param settings {@code OPENTSS_*} settings that differ from the test defaults */
    public static TestServer start(Map<String, String> settings) {
        return new TestServer(settings, new TestClock(), client().build());
    }

    /**
     * A server whose settings give it a TLS certificate ({@code OPENTSS_TLS_*}), called by a client that trusts
     * the certificates {@code clientTls} trusts.
     */
    public static TestServer start(Map<String, String> settings, SSLContext clientTls) {
        return new TestServer(settings, new TestClock(), client().sslContext(clientTls).build());
    }

    private static HttpClient.Builder client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    }

    public Application app() {
        return app;
    }

    public TestClock clock() {
        return clock;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public URI uri(String path) {
        return URI.create((server.hasTls() ? "https" : "http") + "://127.0.0.1:" + server.port() + path);
    }

    /** A top-level organization made by the operator, as the CLI makes it. */
    public Organization createOrganization(String name) {
        return createOrganization(name, Optional.empty());
    }

    public Organization createOrganization(String name, Optional<String> managedBy) {
        return Tenant.createOrganization(app, name, managedBy);
    }

    public CreatedApiKey createApiKey(String organizationId, Environment env) {
        return Tenant.createApiKey(app, organizationId, env);
    }

    @Override
    public HttpResult send(HttpRequest.Builder request) {
        return HttpResult.exchange(http, request.build());
    }

    @Override
    public void close() {
        server.stop();
        app.close();
        deleteDataDir();
    }

    private void deleteDataDir() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
