package org.opentss.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file on a thread of its own, so that committing
 * writers do not. With SQLite's automatic checkpoint, the commit that finds 1,000 pages in the log copies
 * them and syncs the database file before it returns: under load that was every sixth group commit, at
 * 7 ms instead of 1 ms, and the one writer lane waited for it ({@code opentss bench}: 56 % of all commit
 * time). The pooled connections therefore run with {@code wal_autocheckpoint=0}.
 *
 * <p>After every {@link #COMMITS_PER_CHECKPOINT}th commit of this process, and every {@link #INTERVAL} when
 * commits are rarer or come from elsewhere, a PASSIVE checkpoint copies what is committed, next to the
 * writers. Paced by the commits, each copies only a few commits' pages, so it disturbs the commits beside it
 * less and leaves little for the RESTART below to copy while it holds up the writers (docs/performance.md,
 * 2026-12-07, late evening: p99 of the signing requests 5 ms lower at the same rate).
 *
 * <p>SQLite starts the log anew only when a writer begins while the log is wholly copied, which never happens
 * while write transactions follow each other without a pause; so once the log holds {@link #RESTART_FRAMES}
 * pages, the checkpointer takes this process's writer lock for the moment of a RESTART checkpoint, which
 * copies the little committed since the PASSIVE one and waits for readers of the old log, and the next writer
 * starts the log from its beginning. Another process that writes (the CLI) keeps SQLite's own checkpoints.
 */
final class SqliteCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);

    private static final Duration INTERVAL = Duration.ofMillis(100);
    /**
     * Measured with {@code opentss bench}: a checkpoint after every commit cost a sixth of the signing rate
     * and after every fourth a tenth (each checkpoint syncs the database file, next to the commits' syncs of
     * the log); after every eighth the rate held and p99 fell by 5 ms.
     */
    private static final int COMMITS_PER_CHECKPOINT = 8;
    /** About 16 MiB of log with SQLite's 4 KiB pages. */
    private static final long RESTART_FRAMES = 4_000;
    private static final Duration WRITER_LOCK_WAIT = Duration.ofSeconds(1);
    /**
     * How long a RESTART checkpoint, holding up every writer of this process, waits for readers of the old
     * log; a long reader (an export) makes it give up until the next round, and the log grows meanwhile.
     */
    private static final Duration READER_WAIT = Duration.ofMillis(50);

    private final DataSource dataSource;
    private final ReentrantLock writer;
    private final Thread thread;
    /** Commits since the checkpointer was last woken by them; counted under the writer lock. */
    private int commits;
    private volatile boolean closed;

    /**
     * @param dataSource opens the checkpointer's own connection, outside the pool
     * @param writer the lock that this process's writers hold for the length of a write transaction
     */
    SqliteCheckpointer(DataSource dataSource, ReentrantLock writer) {
        this.dataSource = dataSource;
        this.writer = writer;
        this.thread = Thread.ofPlatform().daemon().name("opentss-sqlite-checkpoint").start(this::run);
    }

    private void run() {
        while (!closed) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + READER_WAIT.toMillis());
                while (!closed) {
                    // a wake-up during a checkpoint is kept and starts the next one right after it
                    LockSupport.parkNanos(INTERVAL.toNanos());
                    if (closed) {
                        return;
                    }
                    if (checkpoint(statement, "PASSIVE") >= RESTART_FRAMES) {
                        restartTheLog(statement);
                    }
                }
            } catch (InterruptedException e) {
                return; // closed while waiting for the writer lock
            } catch (SQLException e) {
                // the log keeps growing until a checkpoint succeeds: say so, then try again with a new connection
                LOG.warn("SQLite checkpoint failed, retrying in 5 s: {}", e.getMessage());
                try {
                    TimeUnit.SECONDS.sleep(5);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void restartTheLog(Statement statement) throws SQLException, InterruptedException {
        if (!writer.tryLock(WRITER_LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            return; // a writer holds on for long; next round
        }
        try {
            checkpoint(statement, "RESTART");
        } finally {
            writer.unlock();
        }
    }

    /**
     * Called by a writer of this process that committed, before it releases the writer lock: every
     * {@link #COMMITS_PER_CHECKPOINT}th commit wakes the checkpointer.
     */
    void committed() {
        if (++commits == COMMITS_PER_CHECKPOINT) {
            commits = 0;
            LockSupport.unpark(thread);
        }
    }

    /** @return the pages in the log */
    private static long checkpoint(Statement statement, String mode) throws SQLException {
        try (ResultSet rs = statement.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
