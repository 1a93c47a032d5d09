package org.opentss.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.Databases;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestDatabase;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * A TSS whose row another database session holds (another node's long transaction, an operator's open
 * {@code psql}) refuses signing requests with 503 {@code E_TSS_LOCKED} and {@code Retry-After: 1} once
 * {@code OPENTSS_TSS_LOCK_TIMEOUT_MS} has passed, and the refused request changes nothing; meanwhile
 * another TSS signs as usual, and once the row is free the TSS signs again from where it was.
 * PostgreSQL only: on SQLite the single writer is the node's own.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class TssLockTimeoutIT {

    private static final long LOCK_TIMEOUT_MS = 500;

    @Test
    void aSigningRequestThatCannotGetItsTssRowInTimeIsRefusedAndChangesNothing() throws Exception {
        TestDatabase database = Databases.postgres();
        try (TestServer server = TestServer.start(Map.of("OPENTSS_DB_URL", database.url(),
                "OPENTSS_TSS_LOCK_TIMEOUT_MS", Long.toString(LOCK_TIMEOUT_MS)))) {
            String token = server.accessToken(server.createApiKey(server.createOrganization("Locks").id(),
                    Environment.TEST));
            ProvisionedTss held = ProvisionedTss.provision(server, token, 1);
            ProvisionedTss free = ProvisionedTss.provision(server, token, 1);
            JsonNode before = server.get("/api/v2/tss/" + held.tssId(), token).json();

            try (Connection other = DriverManager.getConnection(database.url())) {
                other.setAutoCommit(false);
                try (PreparedStatement lock = other.prepareStatement("SELECT id FROM tss WHERE id = ? FOR UPDATE")) {
                    lock.setString(1, held.tssId());
                    try (ResultSet row = lock.executeQuery()) {
                        assertThat(row.next()).isTrue();
                    }
                }

                long started = System.nanoTime();
                HttpResult refused = start(server, token, held);
                long waitedMs = (System.nanoTime() - started) / 1_000_000;
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.json().get("code").asString()).isEqualTo("E_TSS_LOCKED");
                assertThat(refused.header("Retry-After")).hasValue("1");
                assertThat(waitedMs).isGreaterThanOrEqualTo(LOCK_TIMEOUT_MS);

                HttpResult signedMeanwhile = start(server, token, free);
                assertThat(signedMeanwhile.status()).as(signedMeanwhile.toString()).isEqualTo(200);
                other.rollback();
            }

            JsonNode after = server.get("/api/v2/tss/" + held.tssId(), token).json();
            assertThat(after.get("signature_counter")).isEqualTo(before.get("signature_counter"));
            assertThat(after.get("transaction_counter")).isEqualTo(before.get("transaction_counter"));
            HttpResult signed = start(server, token, held);
            assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
            assertThat(signed.json().get("number").asLong()).isEqualTo(1);
            assertThat(signed.json().get("signature").get("counter").asLong())
                    .isEqualTo(Long.parseLong(before.get("signature_counter").asString()) + 1);
        }
    }

    private static HttpResult start(TestServer server, String token, ProvisionedTss tss) {
        return server.put("/api/v2/tss/" + tss.tssId() + "/tx/" + UUID.randomUUID() + "?tx_revision=1",
                "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId() + "\"}", token);
    }
}
