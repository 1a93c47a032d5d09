package org.opentss.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentss.identity.Organization;
import org.opentss.testing.HttpResult;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.HubUsers;
import org.opentss.testing.TestServer;

/**
 * Managing in the HUB: managed organizations and the switcher, the LIVE environment, disabling and deleting
 * API keys (and what that does to logins), and wizard errors next to their fields.
 */
class HubManagementIT {

    private static TestServer server;
    @RegisterExtension
    static final HubBrowser browser = new HubBrowser();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aManagedOrganizationIsCreatedListedAndShownThroughTheSwitcher() {
        Organization platform = server.createOrganization("Kassen-Service Nord");
        Page page = HubUsers.signedIn(browser, server, platform.id());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Organizations")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New managed organization")).click();
        page.getByLabel("Name").fill("Fischbude Hafen");
        page.getByLabel("Country").fill("XYZ");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organization")).click();
        assertThat(page.locator("#f-address_line1-error")).hasText("Required.");
        assertThat(page.locator("#f-country_code-error")).containsText("three-letter");
        assertThat(page.getByLabel("Name")).hasValue("Fischbude Hafen");
        page.getByLabel("Street and number").fill("Kai 3");
        page.getByLabel("Postal code").fill("20457");
        page.getByLabel("Town").fill("Hamburg");
        page.getByLabel("Country").fill("DEU");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organization")).click();

        Locator rows = page.locator("tbody tr");
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(1)).containsText("Fischbude Hafen");
        assertThat(rows.nth(1)).containsText("Kassen-Service Nord");
        HubBrowser.screenshot(page, "organizations");
        assertThat(server.app().organizations().listAll().stream()
                .filter(o -> o.name().equals("Fischbude Hafen")).findFirst().orElseThrow().managedBy())
                .contains(platform.id());

        page.locator("#switch-org").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Kassen-Service Nord"));
        assertThat(page.locator("tbody tr").first()).containsText("shown");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Overview")).click();
        assertThat(page.locator("main h1")).hasText("Kassen-Service Nord");
        page.locator("#switch-org").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Fischbude Hafen"));
        assertThat(page.locator("main h1")).hasText("Fischbude Hafen");
        page.locator("#switch-env").selectOption("LIVE");
        assertThat(page.getByText("LIVE environment: TSSs here sign real receipts.")).isVisible();
        assertThat(page.locator("[data-figure=tss] .figure-value")).hasText("0");
    }

    @Test
    void aDisabledKeyCannotLogInAndADeletedOneIsGone() {
        Organization org = server.createOrganization("Kiosk Eck");
        Page page = HubUsers.signedIn(browser, server, org.id());
        page.navigate("/hub/api-keys");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key")).click();
        assertThat(page.locator("#f-name-error")).containsText("Give the key a name");
        page.getByLabel("Name").fill("Backoffice");
        page.getByLabel("Environment of the key").selectOption("LIVE");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key")).click();
        String key = page.locator("#new-api-key").textContent().trim();
        String secret = page.locator("#new-api-secret").textContent().trim();
        assertThat(key).startsWith("live_");
        String login = "{\"api_key\":\"" + key + "\",\"api_secret\":\"" + secret + "\"}";
        assertThat(server.post("/api/v2/auth", login, null).status()).isEqualTo(200);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable Backoffice")).click();
        assertThat(page.locator("tbody tr")).containsText("disabled");
        HttpResult refused = server.post("/api/v2/auth", login, null);
        assertThat(refused.status()).isEqualTo(401);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enable Backoffice")).click();
        assertThat(page.locator("tbody tr")).containsText("enabled");
        assertThat(server.post("/api/v2/auth", login, null).status()).isEqualTo(200);

        page.onceDialog(dialog -> dialog.dismiss());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete Backoffice")).click();
        assertThat(page.locator("tbody tr")).hasCount(1);
        page.onceDialog(dialog -> {
            assertThat(dialog.message()).contains("Delete the key Backoffice?");
            dialog.accept();
        });
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete Backoffice")).click();
        assertThat(page.getByText("No API keys yet")).isVisible();
        assertThat(server.post("/api/v2/auth", login, null).status()).isEqualTo(401);
    }

    @Test
    void theWizardSaysWhatIsWrongNextToTheFieldAndCreatesNothing() {
        Organization org = server.createOrganization("Crêperie Bleue");
        Page page = HubUsers.signedIn(browser, server, org.id());
        page.navigate("/hub/tss/provision");
        page.getByLabel("Serial number of the first cash register").fill(" KASSE<1>");
        page.getByLabel("Admin PIN").fill("123");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Provision TSS")).click();
        assertThat(page.locator("#f-client_serial-error")).containsText("1 to 70 characters");
        assertThat(page.locator("#f-admin_pin-error")).containsText("fewer than 6");
        assertThat(page.getByLabel("Admin PIN")).hasAttribute("aria-invalid", "true");
        HubBrowser.screenshot(page, "provision-errors");
        page.navigate("/hub/tss");
        assertThat(page.getByText("No TSS in TEST yet")).isVisible();
    }
}
