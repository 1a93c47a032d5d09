package org.opentss.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.GaplessExport;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.SoftHsmToken;
import org.opentss.testing.TestServer;

/**
 * A server whose keys are on a PKCS#11 token (SoftHSM2): TSSs sign sales with keys that never leave the
 * token, and their exports pass the independent verifier against the instance CA, itself on the token. An
 * instance that moves to the token keeps signing with the keys it made before.
 */
class Pkcs11ServerIT {

    private static final SoftHsmToken TOKEN = SoftHsmToken.shared();

    @Test
    void tssKeysOnTheTokenSignSalesThatTheVerifierAccepts() {
        try (TestServer server = TestServer.start(TOKEN.serverSettings())) {
            String token = server.accessToken(server.createApiKey(server.createOrganization("HSM").id(),
                    Environment.TEST));
            ProvisionedTss tss = ProvisionedTss.provision(server, token, 2);
            for (int i = 0; i < 10; i++) {
                sell(server, token, tss, tss.clientIds().get(i % 2));
            }

            assertThat(keyHandleFormat(server, "tss", tss.tssId())).isEqualTo(Pkcs11KeyCustody.HANDLE_FORMAT);
            assertThat(caKeyHandleFormats(server)).containsOnly(Pkcs11KeyCustody.HANDLE_FORMAT);
            GaplessExport.Summary summary = exportAndVerify(server, token, tss.tssId());
            assertThat(summary.finished()).isEqualTo(10);
        }
    }

    @Test
    void anInstanceThatMovesToTheTokenKeepsItsEarlierKeysAndMakesNewOnesOnTheToken() throws IOException {
        Path dataDir = Files.createTempDirectory("opentss-p11-move");
        Map<String, String> envelope = Map.of("OPENTSS_DATA_DIR", dataDir.toString());
        String organizationId;
        ProvisionedTss before;
        try (TestServer server = TestServer.start(envelope)) {
            organizationId = server.createOrganization("Moving").id();
            String token = server.accessToken(server.createApiKey(organizationId, Environment.TEST));
            before = ProvisionedTss.provision(server, token, 1);
            sell(server, token, before, before.clientId());
        }
        Map<String, String> onToken = new HashMap<>(envelope);
        onToken.putAll(TOKEN.serverSettings());
        try (TestServer server = TestServer.start(onToken)) {
            String token = server.accessToken(server.createApiKey(organizationId, Environment.TEST));
            sell(server, token, before, before.clientId());
            ProvisionedTss after = ProvisionedTss.provision(server, token, 1);
            sell(server, token, after, after.clientId());

            assertThat(keyHandleFormat(server, "tss", before.tssId())).isEqualTo((byte) 1);
            assertThat(keyHandleFormat(server, "tss", after.tssId())).isEqualTo(Pkcs11KeyCustody.HANDLE_FORMAT);
            assertThat(exportAndVerify(server, token, before.tssId()).finished()).isEqualTo(2);
            assertThat(exportAndVerify(server, token, after.tssId()).finished()).isEqualTo(1);
        }
    }

    private static void sell(TestServer server, String token, ProvisionedTss tss, String clientId) {
        String tx = tss.path() + "/tx/" + UUID.randomUUID();
        expectOk(server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + clientId + "\"}", token));
        expectOk(server.put(tx + "?tx_revision=2", "{\"state\":\"FINISHED\",\"client_id\":\"" + clientId + "\","
                + "\"schema\":{\"standard_v1\":{\"receipt\":{\"receipt_type\":\"RECEIPT\",\"amounts_per_vat_rate\":"
                + "[{\"vat_rate\":\"NORMAL\",\"amount\":\"4.20\"}],\"amounts_per_payment_type\":[{\"payment_type\":"
                + "\"CASH\",\"amount\":\"4.20\"}]}}}}", token));
    }

    private static GaplessExport.Summary exportAndVerify(TestServer server, String token, String tssId) {
        byte[] archive = server.fullExport(tssId, token);
        HttpResult tss = server.get("/api/v2/tss/" + tssId, token);
        return GaplessExport.check(archive, server.app().rootCertificate(), tss.json());
    }

    private static byte keyHandleFormat(TestServer server, String table, String id) {
        return server.app().database().jdbi().withHandle(h -> h.createQuery("SELECT key_handle FROM " + table
                + " WHERE id = :id").bind("id", id).mapTo(byte[].class).one())[0];
    }

    private static java.util.List<Byte> caKeyHandleFormats(TestServer server) {
        return server.app().database().jdbi().withHandle(h -> h.createQuery("SELECT key_handle FROM ca_certificate")
                .mapTo(byte[].class).list()).stream().map(handle -> handle[0]).toList();
    }

    private static void expectOk(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
    }
}
