package org.opentss.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.opentss.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool, the schema migrations and the JDBI handle of one database. SQLite runs in WAL
 * mode with {@code synchronous=FULL} (a commit survives power loss) and {@code IMMEDIATE} transactions
 * (writers queue on the lock up front instead of failing on upgrade); PostgreSQL runs READ COMMITTED.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Duration writeLockTimeout;
    /**
     * SQLite has one writer at a time. Writers of this process queue here, where a waiting virtual
     * thread unmounts, rather than in SQLite's busy handler, which sleeps inside native code and pins
     * its carrier thread: on a 2-core machine two such waiters stall every other request, including
     * the one holding the lock. Other processes (the CLI) still meet SQLite's busy timeout.
     */
    private final ReentrantLock sqliteWriter = new ReentrantLock(true);

    /** SQLite only: copies the write-ahead log into the database file, off the writers' path. */
    private final Optional<SqliteCheckpointer> checkpointer;

    private Database(Dialect dialect, HikariDataSource dataSource, Duration writeLockTimeout,
            Optional<DataSource> sqliteCheckpoints) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).setStatementBuilderFactory(connection -> new ReusingStatementBuilder());
        this.writeLockTimeout = writeLockTimeout;
        this.checkpointer = sqliteCheckpoints.map(source -> new SqliteCheckpointer(source, sqliteWriter));
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(AppConfig config, MeterRegistry meters) {
        Dialect dialect = Dialect.ofUrl(config.databaseUrl());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("opentss-db");
        hikari.setMaximumPoolSize(config.databasePoolSize());
        hikari.setMinimumIdle(Math.min(2, config.databasePoolSize()));
        hikari.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        if (meters != null) {
            hikari.setMetricRegistry(meters);
        }
        Optional<DataSource> sqlite = Optional.empty();
        if (dialect == Dialect.SQLITE) {
            sqlite = Optional.of(sqliteDataSource(config.databaseUrl(), (int) config.tss().tssLockTimeout().toMillis()));
            hikari.setDataSource(sqlite.get());
        } else {
            hikari.setJdbcUrl(config.databaseUrl());
            config.databaseUser().ifPresent(hikari::setUsername);
            config.databasePassword().ifPresent(hikari::setPassword);
            hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            migrate(dialect, dataSource);
            return new Database(dialect, dataSource, config.tss().tssLockTimeout(),
                    sqlite.filter(source -> sqliteFile(config.databaseUrl()) != null));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * @param busyTimeoutMillis how long a writer waits for the database lock (another request's TSS
     *     work, or the CLI writing beside a running server) before it gives up
     */
    private static SQLiteDataSource sqliteDataSource(String url, int busyTimeoutMillis) {
        Path file = sqliteFile(url);
        if (file != null && file.getParent() != null && !Files.isDirectory(file.getParent())) {
            try {
                // owner only: the database holds sealed keys, hashes and every signed log
                Files.createDirectories(file.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + file.getParent(), e);
            }
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(busyTimeoutMillis);
        // checkpoints are the SqliteCheckpointer's, off the writers' path
        sqlite.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(url);
        return dataSource;
    }

    /** The file behind an SQLite URL, or null for an in-memory database. */
    static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String name = query >= 0 ? rest.substring(0, query) : rest;
        if (name.isEmpty() || name.equals(":memory:") || name.startsWith("file::memory:")) {
            return null;
        }
        return Path.of(name.startsWith("file:") ? name.substring("file:".length()) : name);
    }

    private static void migrate(Dialect dialect, HikariDataSource dataSource) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.migrationFolder())
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("database schema migrated to version {} ({} migrations)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs a writing database transaction. On SQLite it first takes this process's writer lock, waiting
     * at most the TSS lock timeout.
     *
     * @throws WriteLockTimeout if the lock could not be had in time; nothing was done
     */
    public <T> T inTransaction(HandleCallback<T, RuntimeException> callback) {
        if (dialect != Dialect.SQLITE) {
            return jdbi.inTransaction(callback);
        }
        try {
            if (!sqliteWriter.tryLock(writeLockTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new WriteLockTimeout();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteLockTimeout();
        }
        try {
            T result = jdbi.inTransaction(callback);
            checkpointer.ifPresent(SqliteCheckpointer::committed);
            return result;
        } finally {
            sqliteWriter.unlock();
        }
    }

    /** The writer lock of {@link #inTransaction} could not be had within the timeout. */
    public static final class WriteLockTimeout extends RuntimeException {
        WriteLockTimeout() {
            super("the database writer lock could not be had in time", null, false, false);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Whether the database answers a trivial query within the timeout (readiness, §13.1). */
    public boolean isReachable(Duration timeout) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            LOG.warn("database readiness check failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        checkpointer.ifPresent(SqliteCheckpointer::close);
        dataSource.close();
    }
}
