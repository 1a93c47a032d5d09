package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;

import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * A merchant with a location on a test server, as the sales tests need it: registers with an active fiscal
 * unit and their register keys, and a look into the TSS API to check what the sales signed there.
 */
final class Shop {

    final TestServer server;
    final PosFixture vendor;
    final String merchant;
    final String location;
    /** The vendor's platform key, acting for the merchant. */
    final PosClient platform;
    private final String tssApiToken;

    /** A register with an active fiscal unit on {@code tssId}, and a client sending its register key. */
    record Till(String id, String fiscalUnitId, String tssId, PosClient device) {
    }

    Shop(TestServer server) {
        this.server = server;
        this.vendor = PosFixture.bootstrap(server, Environment.TEST);
        this.merchant = vendor.createMerchant("Café Morgenrot GmbH");
        this.location = vendor.createLocation(merchant, "Filiale Kreuzberg");
        this.platform = vendor.platform().actingFor(merchant);
        String merchantOrganization = server.app().posDirectory().find(merchant).orElseThrow().organizationId();
        this.tssApiToken = server.accessToken(server.createApiKey(merchantOrganization, Environment.TEST));
    }

    Till till(String serialNumber) {
        return till(location, serialNumber);
    }

    /** A register at another location of the merchant, which signs on a TSS of its own. */
    Till till(String location, String serialNumber) {
        String register = vendor.createRegister(location, serialNumber);
        JsonNode response = vendor.createFiscalUnit(register, true);
        JsonNode unit = response.get("fiscal_unit");
        return new Till(register, unit.get("id").asString(), unit.at("/fiscal_registration/tss_id").asString(),
                PosClient.register(server, response.get("register_api_key").asString()));
    }

    /** A revision of a TSS transaction as the TSS API shows it. */
    JsonNode tssTransaction(String tssId, long number, int revision) {
        HttpResult result = server.get("/api/v2/tss/" + tssId + "/tx/" + number + "?tx_revision=" + revision,
                tssApiToken);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }

    /** How many transactions the TSS holds. */
    long tssTransactionCount(String tssId) {
        return server.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM tss_transaction WHERE tss_id = :tss").bind("tss", tssId).mapTo(Long.class).one());
    }
}
