package org.opentss.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentss.config.MasterKeyText;
import org.opentss.crypto.EnvelopeKeyCustody;
import org.opentss.crypto.MasterKey;
import org.opentss.crypto.MasterKeyRing;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.journal.JournalTss;
import org.opentss.testing.CliRun;
import org.opentss.testing.Databases;
import org.opentss.testing.GaplessExport;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosFixture;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.ServerProcess;
import org.opentss.testing.TestDatabase;
import org.opentss.testing.TestServer;

/**
 * {@code opentss master-key rotate} on two nodes sharing PostgreSQL: while one node still has only the old
 * key and the other both, everything either writes stays under the old key; the rotation reseals every
 * value under the new key; afterwards a node with only the new key does everything the old one did (API
 * key logins, signing with the TSS keys made before, the POS API's sealed TSS PINs, exports), and a node
 * with only the old key no longer starts.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class MasterKeyRotationIT {

    /** Each server's clock starts at its start; a minute ahead keeps a later node from being behind the TSSs. */
    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    @Test
    void aRotationWhileNodesServeMovesEverythingToTheNewKey(@TempDir Path dir) throws IOException {
        TestDatabase database = Databases.postgres();
        String oldKey = ServerProcess.newMasterKey();
        String newKey = ServerProcess.newMasterKey();
        Map<String, String> oldOnly = settings(database, Map.of("OPENTSS_MASTER_KEY", oldKey));
        Map<String, String> both = settings(database, Map.of("OPENTSS_MASTER_KEY", newKey,
                "OPENTSS_MASTER_KEY_PREVIOUS", oldKey));
        Map<String, String> newOnly = settings(database, Map.of("OPENTSS_MASTER_KEY", newKey));

        CreatedApiKey apiKey;
        String tokenBefore;
        ProvisionedTss first;
        ProvisionedTss second;
        PosFixture pos;
        String location;
        try (TestServer oldNode = TestServer.start(oldOnly)) {
            apiKey = oldNode.createApiKey(oldNode.createOrganization("Rotation").id(), Environment.TEST);
            tokenBefore = oldNode.accessToken(apiKey);
            first = ProvisionedTss.provision(oldNode, tokenBefore, 1);
            sell(oldNode, tokenBefore, first);
            pos = PosFixture.bootstrap(oldNode, Environment.TEST);
            location = pos.createLocation(pos.createMerchant("Drehung GmbH"), "Filiale");
            pos.createFiscalUnit(pos.createRegister(location, "KASSE-1"), false);

            try (TestServer nodeWithBoth = TestServer.start(both)) {
                nodeWithBoth.clock().advance(CATCH_UP);
                String token = nodeWithBoth.accessToken(apiKey);
                second = ProvisionedTss.provision(nodeWithBoth, token, 1);
                sell(nodeWithBoth, token, first);
                assertThat(openWithOnly(oldKey, nodeWithBoth, second.tssId()))
                        .as("before the rotation a node with both keys seals under the old one").isTrue();

                CliRun pending = CliRun.of("master-key", "status", "--config", propertiesFile(dir, both).toString());
                assertThat(pending.exitCode()).as(pending.out()).isEqualTo(1);
                assertThat(pending.out()).contains("TSS key envelopes:       0 under the current key,     0 resealed,"
                        + "     3 left");

                CliRun rotate = CliRun.of("master-key", "rotate", "--settle", "0s", "--config",
                        propertiesFile(dir, both).toString());
                assertThat(rotate.exitCode()).as(rotate.out() + rotate.err()).isZero();
                assertThat(rotate.out()).contains("TSS key envelopes:       0 under the current key,     3 resealed")
                        .contains("API secret pepper:       0 under the current key,     1 resealed")
                        .contains("POS TSS admin PINs:      0 under the current key,     1 resealed")
                        .contains("nothing is left under another master key");

                sell(nodeWithBoth, token, second); // the node with both keys serves on, now under the new key
            }
        }

        assertThatThrownBy(() -> TestServer.start(oldOnly).close()).hasMessageContaining("the master key does not match");
        try (TestServer newNode = TestServer.start(newOnly)) {
            newNode.clock().advance(CATCH_UP.multipliedBy(2));
            assertThat(newNode.get(first.path(), tokenBefore).status())
                    .as("an access token issued before the rotation").isEqualTo(200);
            String token = newNode.accessToken(apiKey);
            sell(newNode, token, first);
            sell(newNode, token, second);
            PosFixture samePos = pos.on(newNode);
            samePos.createFiscalUnit(samePos.createRegister(location, "KASSE-2"), false);
            for (ProvisionedTss tss : new ProvisionedTss[] {first, second}) {
                GaplessExport.check(newNode.fullExport(tss.tssId(), token), newNode.app().rootCertificate(),
                        newNode.get(tss.path(), token).json());
            }
            assertThat(openWithOnly(newKey, newNode, first.tssId())).isTrue();

            CliRun status = CliRun.of("master-key", "status", "--config", propertiesFile(dir, newOnly).toString());
            assertThat(status.exitCode()).as(status.out()).isZero();
            assertThat(status.out()).contains("nothing is left under another master key");
        }
    }

    @Test
    void rotateRefusesToRunWithoutThePreviousKey(@TempDir Path dir) throws IOException {
        Map<String, String> settings = settings(Databases.postgres(),
                Map.of("OPENTSS_MASTER_KEY", ServerProcess.newMasterKey()));
        CliRun rotate = CliRun.of("master-key", "rotate", "--config", propertiesFile(dir, settings).toString());
        assertThat(rotate.exitCode()).isNotZero();
        assertThat(rotate.err()).contains("set OPENTSS_MASTER_KEY_PREVIOUS");
    }

    private static Map<String, String> settings(TestDatabase database, Map<String, String> keys) {
        Map<String, String> settings = new HashMap<>(database.serverSettings());
        settings.put("OPENTSS_DATA_DIR", database.dataDir().toString());
        settings.putAll(keys);
        return settings;
    }

    private static Path propertiesFile(Path dir, Map<String, String> settings) throws IOException {
        return Files.writeString(dir.resolve(UUID.randomUUID() + ".properties"), settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
    }

    /** Whether the TSS's key handle opens with the given master key alone. */
    private static boolean openWithOnly(String masterKey, TestServer server, String tssId) {
        byte[] handle = server.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT key_handle FROM tss WHERE id = :id").bind("id", tssId).mapTo(byte[].class).one());
        return new EnvelopeKeyCustody(MasterKeyRing.of(MasterKey.of(MasterKeyText.decode(masterKey))))
                .open(JournalTss.keyId(tssId), handle).isConsistent();
    }

    private static void sell(TestServer server, String token, ProvisionedTss tss) {
        String tx = tss.path() + "/tx/" + UUID.randomUUID();
        expectOk(server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId() + "\"}",
                token));
        expectOk(server.put(tx + "?tx_revision=2", "{\"state\":\"CANCELLED\",\"client_id\":\"" + tss.clientId()
                + "\"}", token));
    }

    private static void expectOk(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
    }
}
