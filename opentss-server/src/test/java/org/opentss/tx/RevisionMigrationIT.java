package org.opentss.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentss.identity.Environment;
import org.opentss.store.Database;
import org.opentss.testing.Databases;
import org.opentss.testing.TestDatabase;
import org.opentss.testing.TestServer;

/**
 * Migration V8 moves the revisions of a database written before it (one {@code tx_revision} row per
 * revision) into the rows of the logs that signed them: every revision reads back as it was stored, the
 * log messages are untouched, and system logs have no revision.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class RevisionMigrationIT {

    private static final String TSS = "5a3c1d2e-0000-4000-8000-000000000001";
    private static final String TX = "5a3c1d2e-0000-4000-8000-0000000000aa";
    private static final byte[] START_MESSAGE = {0x30, 0x01, 0x01};
    private static final byte[] FINISH_MESSAGE = {0x30, 0x01, 0x02};
    private static final byte[] RECEIPT = "Beleg^0.00_2.55_0.00_0.00_0.00^2.55:Bar".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(Databases.Engine.class)
    void revisionsWrittenBeforeV8ReadBackFromTheirLogRows(Databases.Engine engine) {
        TestDatabase db = engine.fresh();
        Flyway.configure().dataSource(db.url(), null, null)
                .locations("classpath:db/migration/common",
                        "classpath:db/migration/" + (engine == Databases.Engine.SQLITE ? "sqlite" : "postgresql"))
                .target("7").load().migrate();
        Jdbi.create(db.url()).useHandle(RevisionMigrationIT::writeAsVersion7);

        try (Database database = db.open()) {
            TransactionRepository repository = new TransactionRepository(database);
            repository.read(h -> {
                Transaction tx = repository.find(h, TSS, TX).orElseThrow();
                TxRevision start = repository.revision(h, tx, 1).orElseThrow();
                assertThat(start).usingRecursiveComparison().ignoringFields("schemaEcho").isEqualTo(new TxRevision(TSS,
                        TX, 1, TxState.ACTIVE, "client-1", "ERS-1", null, "fingerprint-1", "", new byte[0], 2, 1_700_000_010,
                        new byte[] {1, 2}));
                TxRevision finish = repository.revision(h, tx, 2).orElseThrow();
                assertThat(finish).usingRecursiveComparison().ignoringFields("schemaEcho").isEqualTo(new TxRevision(TSS,
                        TX, 2, TxState.FINISHED, "client-1", "ERS-1", null, "fingerprint-2", "Kassenbeleg-V1", RECEIPT,
                        3, 1_700_000_020, new byte[] {3, 4}));
                assertThat(finish.schemaEcho().get("standard_v1").get("receipt").get("receipt_type").asString())
                        .isEqualTo("RECEIPT");
                assertThat(repository.revision(h, tx, 3)).isEmpty();
                assertThat(messages(h)).containsExactly(new byte[] {0x30, 0x00}, START_MESSAGE, FINISH_MESSAGE);
                assertThat(h.createQuery("SELECT revision FROM log_message WHERE signature_counter = 1")
                        .mapTo(Integer.class).findOne()).isEmpty();
                assertThatThrownBy(() -> h.createQuery("SELECT COUNT(*) FROM tx_revision").mapTo(Long.class).one())
                        .hasMessageContaining("tx_revision");
                return null;
            });
            List<TransactionRepository.Listed> listed = repository.list("org-1", Environment.TEST, Optional.of(TSS),
                    Optional.empty(), Set.of(), "number", false, 10, 0);
            assertThat(listed).singleElement().satisfies(item -> {
                assertThat(item.transaction().state()).isEqualTo(TxState.FINISHED);
                assertThat(item.latest().revision()).isEqualTo(2);
                assertThat(item.latest().processData()).isEqualTo(RECEIPT);
            });
        }
    }

    private static List<byte[]> messages(Handle h) {
        return h.createQuery("SELECT message FROM log_message WHERE tss_id = :tss ORDER BY signature_counter")
                .bind("tss", TSS).mapTo(byte[].class).list();
    }

    /** A TSS with one system log and one finished transaction, as the schema of version 7 stored them. */
    private static void writeAsVersion7(Handle h) {
        h.execute("INSERT INTO organization (id, name, address_line1, zip, town, country_code, metadata, created_at) "
                + "VALUES ('org-1', 'Shop', 'Street 1', '10115', 'Berlin', 'DEU', '{}', 0)");
        h.execute("INSERT INTO tss (id, organization_id, env, state, description, public_key, serial_number, "
                + "certificate, key_handle, certificate_not_after, signature_counter, transaction_counter, last_log_time, "
                + "max_registered_clients, max_active_transactions, number_registered_clients, "
                + "number_active_transactions, puk_hash, pin_failures, puk_failures, puk_lock_level, metadata, "
                + "time_creation) VALUES (?, 'org-1', 'TEST', 'INITIALIZED', '', ?, 'serial-1', ?, ?, 0, 3, 1, "
                + "1700000020, 10, 10, 1, 0, 'puk-hash', 0, 0, 0, '{}', 0)", TSS, new byte[] {9}, new byte[] {9},
                new byte[] {9});
        h.execute("INSERT INTO client (id, tss_id, serial_number, state, create_metadata, metadata, time_creation, "
                + "time_update) VALUES ('client-1', ?, 'ERS-1', 'REGISTERED', '{}', '{}', 0, 0)", TSS);
        String log = "INSERT INTO log_message (tss_id, signature_counter, log_time, kind, operation_type, "
                + "transaction_number, client_serial, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        h.execute(log, TSS, 1, 1_700_000_000, "SYSTEM", "updateTime", null, null, new byte[] {0x30, 0x00});
        h.execute(log, TSS, 2, 1_700_000_010, "TRANSACTION", "StartTransaction", 1, "ERS-1", START_MESSAGE);
        h.execute(log, TSS, 3, 1_700_000_020, "TRANSACTION", "FinishTransaction", 1, "ERS-1", FINISH_MESSAGE);
        h.execute("INSERT INTO tss_transaction (tss_id, id, number, state, latest_revision, client_id, process_type, "
                + "time_start, time_end, metadata) VALUES (?, ?, 1, 'FINISHED', 2, 'client-1', 'Kassenbeleg-V1', "
                + "1700000010, 1700000020, '{}')", TSS, TX);
        String revision = "INSERT INTO tx_revision (tss_id, tx_id, revision, state, client_id, client_serial, "
                + "schema_echo, request_fingerprint, process_type, process_data, signature_counter, log_time, signature) "
                + "VALUES (?, ?, ?, ?, 'client-1', 'ERS-1', ?, ?, ?, ?, ?, ?, ?)";
        h.execute(revision, TSS, TX, 1, "ACTIVE", "{}", "fingerprint-1", "", new byte[0], 2, 1_700_000_010,
                new byte[] {1, 2});
        h.execute(revision, TSS, TX, 2, "FINISHED", "{\"standard_v1\":{\"receipt\":{\"receipt_type\":\"RECEIPT\"}}}",
                "fingerprint-2", "Kassenbeleg-V1", RECEIPT, 3, 1_700_000_020, new byte[] {3, 4});
    }
}
