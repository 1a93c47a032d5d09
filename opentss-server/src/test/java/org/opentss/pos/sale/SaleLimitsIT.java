package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.pos.sale.SalesIT.CAPPUCCINO;
import static org.opentss.testing.PosAssertions.assertPosError;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.testing.HttpResult;
import org.opentss.testing.TestServer;

/**
 * The limits of open operations (pos-api.md §15.2): per register (configurable, here 2) and per TSS (its
 * {@code max_number_active_transactions}).
 */
class SaleLimitsIT {

    private static TestServer server;
    private static Shop shop;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OPENTSS_POS_MAX_OPEN_OPERATIONS_PER_REGISTER", "2"));
        shop = new Shop(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRegisterHasAtMostTheConfiguredNumberOfOpenSales() {
        Shop.Till till = shop.till("KASSE-01");
        String clientId = UUID.randomUUID().toString();
        String first = SalesIT.start(till, "{\"id\": \"" + clientId + "\"}").get("id").asString();
        SalesIT.start(till, "{}");

        assertPosError(startOn(till, "{}"), 409, "open_operation_limit_reached", null);
        HttpResult repeated = startOn(till, "{\"id\": \"" + clientId + "\"}");
        assertThat(repeated.status()).as("a repeated start creates nothing").isEqualTo(200);

        assertThat(till.device().post("/v1/sales/" + first + "/cancel", "{\"reason\": \"x\"}").status()).isEqualTo(200);
        assertThat(startOn(till, "{}").status()).isEqualTo(201);
    }

    @Test
    void aTssTakesNoMoreSalesThanItsActiveTransactionLimit() {
        Shop.Till till = shop.till(shop.vendor.createLocation(shop.merchant, "Filiale Mitte"), "KASSE-02");
        SalesIT.start(till, "{\"line_items\": [" + CAPPUCCINO + "]}");
        server.app().database().inTransaction(h -> h.createUpdate("UPDATE tss SET max_active_transactions = "
                + "number_active_transactions WHERE id = :tss").bind("tss", till.tssId()).execute());

        assertPosError(startOn(till, "{}"), 409, "open_operation_limit_reached", null);
        assertThat(till.device().get("/v1/registers/" + till.id() + "/operations?state=open").json().get("data"))
                .hasSize(1);
    }

    private static HttpResult startOn(Shop.Till till, String body) {
        return till.device().post("/v1/registers/" + till.id() + "/sales", body);
    }
}
