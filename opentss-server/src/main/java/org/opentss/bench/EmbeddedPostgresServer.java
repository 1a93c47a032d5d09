package org.opentss.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A PostgreSQL server for {@code opentss bench --db postgresql} when no {@code OPENTSS_DB_URL} is given:
 * the binaries of {@code io.zonky.test.postgres}, a cluster in the benchmark's work directory, and
 * PostgreSQL's durable defaults ({@code fsync} and {@code synchronous_commit} on), because the commit is
 * part of what the benchmark measures. The library starts its servers for tests, with {@code -F} (no fsync)
 * and {@code synchronous_commit=off}; both are set back here
 * ({@link Benchmark} checks them once the server is up).
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static EmbeddedPostgresServer start(Path dataDir) throws IOException {
        return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("encoding", "UTF8")
                .setServerConfig("max_connections", "100")
                // a -c option after the library's -F wins over it
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start(), dataDir);
    }

    /** The postmaster, whose first line in {@code postmaster.pid} is its process id; empty if it is gone. */
    Optional<ProcessHandle> process() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
        return ProcessHandle.of(pid);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
