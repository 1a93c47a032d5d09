package org.opentss.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;

/**
 * One organization and environment as the SIGN DE API shows it: an API key and its token, and a TSS in
 * service with a registered client, an ACTIVE transaction and an export (PENDING while the export worker
 * is stopped).
 */
record SignDeTenant(CreatedApiKey key, String token, ProvisionedTss tss, String tx, String export) {

    static SignDeTenant create(TestServer server, String organizationId, Environment env) {
        CreatedApiKey key = server.createApiKey(organizationId, env);
        String token = server.accessToken(key);
        ProvisionedTss tss = ProvisionedTss.provision(server, token, 1);
        String tx = UUID.randomUUID().toString();
        expectOk(server.put(tss.path() + "/tx/" + tx + "?tx_revision=1",
                "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId() + "\"}", token));
        String export = UUID.randomUUID().toString();
        expectOk(server.put(tss.path() + "/export/" + export, "", token));
        return new SignDeTenant(key, token, tss, tx, export);
    }

    /** Opens an admin session for the token on the tenant's TSS. */
    void adminLogin(TestServer server) {
        expectOk(server.post(tss.path() + "/admin/auth", "{\"admin_pin\":\"" + tss.pin() + "\"}", token));
    }

    /** This tenant's values of the placeholders in {@link OutsiderRoutes}. */
    Placeholders placeholders() {
        return Placeholders.of("{tss}", tss.tssId(), "{client}", tss.clientId(), "{tx}", tx, "{export}", export,
                "{key}", key.key().key(), "{puk}", tss.puk(), "{pin}", tss.pin());
    }

    String secret() {
        return key.secret();
    }

    private static void expectOk(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
    }
}
