package org.opentss.export;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.Databases;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;
import org.opentss.verify.ExportVerificationResult;
import org.opentss.verify.ExportVerifierOptions;
import org.opentss.verify.Verifier;

/** The export path on PostgreSQL: job lease, paging through the journal, and the same archive rules. */
@Tag(TestServer.EXPLICIT_DATABASE)
class ExportOnPostgresIT {

    @Test
    void aFullExportOnPostgresqlVerifies() {
        try (TestServer server = TestServer.start(Databases.postgres().serverSettings())) {
            String token = server.accessToken(server.createApiKey(server.createOrganization("PG").id(), Environment.TEST));
            ProvisionedTss tss = ProvisionedTss.provision(server, token, 1);
            for (int i = 0; i < 1200; i++) { // more than one page of the journal
                String tx = tss.path() + "/tx/" + UUID.randomUUID();
                assertThat(server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId()
                        + "\"}", token).status()).isEqualTo(200);
                assertThat(server.put(tx + "?tx_revision=2", "{\"state\":\"CANCELLED\",\"client_id\":\""
                        + tss.clientId() + "\"}", token).status()).isEqualTo(200);
            }
            ExportVerificationResult result = Verifier.verifyExport(new ByteArrayInputStream(server.fullExport(tss.tssId(), token)),
                    ExportVerifierOptions.defaults().withTrustAnchor(server.app().rootCertificate())
                            .withExpectContiguous(true).withExpectFirstCounter(1));
            assertThat(result.findings()).as(result.report()).isEmpty();
            assertThat(result.logCount()).isEqualTo(7 + 2400);
        }
    }
}
