package org.opentss.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentss.identity.Environment;
import org.opentss.identity.Organization;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.HubUsers;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;

/** The transaction list's filters (TSS, client, state) and its pages, newest first. */
class TransactionPagesIT {

    private static final int SALES_ON_FIRST_CLIENT = 52;

    private static TestServer server;
    @RegisterExtension
    static final HubBrowser browser = new HubBrowser();
    private static Organization org;
    private static ProvisionedTss first;
    private static ProvisionedTss second;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        org = server.createOrganization("Markthalle Neun");
        String token = server.accessToken(server.createApiKey(org.id(), Environment.TEST));
        first = ProvisionedTss.provision(server, token, 2);
        second = ProvisionedTss.provision(server, token, 1);
        for (int i = 0; i < SALES_ON_FIRST_CLIENT; i++) {
            sign(token, first, first.clientIds().get(0), i % 2 == 0);
        }
        sign(token, first, first.clientIds().get(1), false);
        sign(token, second, second.clientId(), true);
    }

    /** A transaction started and, if {@code finish}, finished with a receipt. */
    private static void sign(String token, ProvisionedTss tss, String clientId, boolean finish) {
        String tx = "/api/v2/tss/" + tss.tssId() + "/tx/" + UUID.randomUUID();
        assertThat(server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + clientId + "\"}",
                token).status()).isEqualTo(200);
        if (finish) {
            assertThat(server.put(tx + "?tx_revision=2", "{\"state\":\"FINISHED\",\"client_id\":\"" + clientId
                    + "\",\"schema\":{\"standard_v1\":{\"receipt\":{\"receipt_type\":\"RECEIPT\",\"amounts_per_vat_rate\":"
                    + "[{\"vat_rate\":\"REDUCED_1\",\"amount\":\"3.50\"}],\"amounts_per_payment_type\":[{\"payment_type\":"
                    + "\"CASH\",\"amount\":\"3.50\"}]}}}}", token).status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void filtersNarrowTheListAndPagesHoldFiftyEach() {
        Page page = HubUsers.signedIn(browser, server, org.id());
        page.navigate("/hub/transactions");
        assertThat(page.locator("tbody tr")).hasCount(50);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older")).click();
        assertThat(page.locator("tbody tr")).hasCount(SALES_ON_FIRST_CLIENT + 2 - 50);
        assertThat(page.locator(".pager")).containsText("Page 2");

        page.navigate("/hub/transactions");
        page.getByLabel("TSS", new Page.GetByLabelOptions().setExact(true)).selectOption(first.tssId());
        page.getByLabel("Client").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("KASSE-1"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply filters")).click();
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(page.locator("tbody tr")).containsText("ACTIVE");
        assertThat(page.getByLabel("Client")).hasValue(first.clientIds().get(1));

        page.navigate("/hub/transactions?tss=" + first.tssId() + "&client=" + first.clientIds().get(0) + "&state=FINISHED");
        assertThat(page.locator("tbody tr")).hasCount(SALES_ON_FIRST_CLIENT / 2);
        assertThat(page.locator("tbody")).not().containsText("ACTIVE");
        HubBrowser.screenshot(page, "transactions-filtered");

        page.navigate("/hub/transactions?state=SIGNED");
        assertThat(page.locator("#f-state-error")).hasText("Choose ACTIVE, FINISHED or CANCELLED.");
        assertThat(page.locator("tbody tr")).hasCount(0);
        assertThat(page.request().get("/hub/transactions?page=-1").status()).isEqualTo(400);
    }
}
