package org.opentss.tss;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;

/** After its certificate's notAfter a TSS signs no more transactions, but admin, reads and state changes work (§4.4). */
class CertificateExpiryIT {

    @Test
    void anExpiredCertificateStopsClientsAndTransactionsOnly() {
        try (TestServer server = TestServer.start()) {
            CreatedApiKey key = server.createApiKey(server.createOrganization("Expiry").id(), Environment.TEST);
            ProvisionedTss tss = ProvisionedTss.provision(server, server.accessToken(key), 1);
            server.clock().advance(Duration.ofDays(8 * 366));
            String token = server.accessToken(key);

            HttpResult start = server.put(tss.path() + "/tx/" + UUID.randomUUID() + "?tx_revision=1",
                    "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId() + "\"}", token);
            assertThat(start.status()).isEqualTo(423);
            assertThat(start.code()).isEqualTo("E_CERTIFICATE_EXPIRED");

            assertThat(server.post(tss.path() + "/admin/auth", "{\"admin_pin\":\"" + tss.pin() + "\"}", token).status())
                    .isEqualTo(200);
            HttpResult client = server.put(tss.path() + "/client/" + UUID.randomUUID(), "{\"serial_number\":\"KASSE-9\"}",
                    token);
            assertThat(client.code()).isEqualTo("E_CERTIFICATE_EXPIRED");
            assertThat(server.get(tss.path(), token).status()).isEqualTo(200);
            HttpResult disabled = server.patch(tss.path(), "{\"state\":\"DISABLED\"}", token);
            assertThat(disabled.status()).isEqualTo(200);
            assertThat(disabled.json().get("state").asString()).isEqualTo("DISABLED");
        }
    }
}
