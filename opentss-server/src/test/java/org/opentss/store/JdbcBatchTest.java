package org.opentss.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real SQLite file: what a batch writes is what a query reads back, and a failure is reported as Jdbi's. */
class JdbcBatchTest {

    private Jdbi jdbi;

    @BeforeEach
    void createTable(@TempDir Path dir) {
        jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("batch.db"))
                .setStatementBuilderFactory(connection -> new ReusingStatementBuilder()); // as Database sets it
        jdbi.useHandle(h -> h.execute("CREATE TABLE row (id TEXT PRIMARY KEY, n BIGINT, i INTEGER, b BLOB)"));
    }

    @Test
    void everyRowWithItsValuesAndNulls() {
        int[] inserted = jdbi.inTransaction(h -> insert(h,
                new Object[] {"a", 9_007_199_254_740_993L, 7, new byte[] {0, (byte) 0xff}},
                new Object[] {"b", null, null, null}));

        assertThat(inserted).containsExactly(1, 1);
        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("SELECT * FROM row ORDER BY id")
                .mapToMap().list());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("id", "a").containsEntry("n", 9_007_199_254_740_993L)
                .containsEntry("i", 7);
        assertThat((byte[]) rows.get(0).get("b")).containsExactly(0, 0xff);
        assertThat(rows.get(1)).containsEntry("id", "b").containsEntry("n", null).containsEntry("i", null)
                .containsEntry("b", null);
    }

    @Test
    void anUpdateCountsTheRowsOfEachParameterSet() {
        jdbi.useTransaction(h -> insert(h, new Object[] {"a", 1L, 1, null}, new Object[] {"b", 2L, 2, null}));

        int[] updated = jdbi.inTransaction(h -> {
            try (JdbcBatch batch = JdbcBatch.prepare(h, "UPDATE row SET n = n + ? WHERE id = ?")) {
                batch.bigint(10L).text("a").endRow();
                batch.bigint(10L).text("nobody").endRow();
                return batch.execute();
            }
        });

        assertThat(updated).containsExactly(1, 0);
        Long a = jdbi.withHandle(h -> h.createQuery("SELECT n FROM row WHERE id = 'a'").mapTo(Long.class).one());
        assertThat(a).isEqualTo(11L);
    }

    @Test
    void aDuplicateKeyFailsAsJdbiWouldAndRollsTheTransactionBack() {
        assertThatThrownBy(() -> jdbi.useTransaction(h -> insert(h,
                new Object[] {"a", 1L, 1, null}, new Object[] {"a", 2L, 2, null})))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .satisfies(e -> assertThat(UniqueViolation.isCause(e)).isTrue());

        Integer rows = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM row").mapTo(Integer.class).one());
        assertThat(rows).isZero();
    }

    @Test
    void theStatementKeptForTheNextBatchHoldsNoRowOfAFailedOne() {
        jdbi.useHandle(h -> {
            assertThatThrownBy(() -> h.useTransaction(t -> insert(t,
                    new Object[] {"a", 1L, 1, null}, new Object[] {"a", 2L, 2, null})))
                    .isInstanceOf(UnableToExecuteStatementException.class);

            int[] inserted = h.inTransaction(t -> insert(t, new Object[] {"b", 3L, 3, null}));
            assertThat(inserted).containsExactly(1);
        });
        List<String> ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM row").mapTo(String.class).list());
        assertThat(ids).containsExactly("b");
    }

    private static int[] insert(Handle h, Object[]... rows) {
        try (JdbcBatch batch = JdbcBatch.prepare(h, "INSERT INTO row (id, n, i, b) VALUES (?, ?, ?, ?)")) {
            for (Object[] row : rows) {
                batch.text((String) row[0]).bigint((Long) row[1]).integer((Integer) row[2]).bytes((byte[]) row[3])
                        .endRow();
            }
            return batch.execute();
        }
    }
}
