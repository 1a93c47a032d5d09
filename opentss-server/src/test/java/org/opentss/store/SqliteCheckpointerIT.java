package org.opentss.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentss.testing.Databases;
import org.opentss.testing.TestDatabase;
import org.opentss.testing.TestServer;

/**
 * The server's pooled SQLite connections leave checkpoints to {@link SqliteCheckpointer}: under writes
 * that follow each other without a pause, the write-ahead log must still be copied into the database and
 * started anew, so that it stays small, and nothing written may be lost on the way.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class SqliteCheckpointerIT {

    private static final int TRANSACTIONS = 2_000;
    private static final int ROWS_PER_TRANSACTION = 8;
    private static final int ROW_BYTES = 4_096;

    @Test
    void theLogStaysSmallUnderContinuousWritesAndEveryRowArrives() throws Exception {
        TestDatabase db = Databases.sqlite();
        Path log = db.dataDir().resolve("opentss.db-wal");
        Random random = new Random(1);
        long largestLog = 0;
        try (Database database = db.open()) {
            database.inTransaction(h -> h.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)"));
            for (int t = 0; t < TRANSACTIONS; t++) {
                database.inTransaction(h -> {
                    for (int r = 0; r < ROWS_PER_TRANSACTION; r++) {
                        byte[] data = new byte[ROW_BYTES];
                        random.nextBytes(data);
                        h.execute("INSERT INTO filler (data) VALUES (?)", (Object) data);
                    }
                    return null;
                });
                largestLog = Math.max(largestLog, Files.size(log));
            }
            long rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM filler")
                    .mapTo(Long.class).one());
            assertThat(rows).isEqualTo((long) TRANSACTIONS * ROWS_PER_TRANSACTION);
        }
        long written = (long) TRANSACTIONS * ROWS_PER_TRANSACTION * ROW_BYTES;
        // the log restarts at about 16 MiB; without checkpoints it would hold everything written (> 64 MB)
        assertThat(largestLog).as("largest write-ahead log while writing %,d bytes", written)
                .isLessThan(written / 2);
    }
}
