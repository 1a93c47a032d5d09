package org.opentss.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentss.identity.Organization;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.HubUsers;
import org.opentss.testing.TestServer;

/** HUB accounts in a real browser: sign-up, the first organization, sign-in failures, CSRF, the operator's user. */
class HubAccountsIT {

    private static TestServer server;
    @RegisterExtension
    static final HubBrowser browser = new HubBrowser();

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OPENTSS_HUB_SIGNUP", "true"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aNewCustomerSignsUpCreatesTheOrganizationAndSeesAnEmptySetup() {
        Page page = browser.newPage(server);
        page.navigate("/hub/");
        assertThat(page).hasURL(server.uri("/hub/sign-in?next=%2Fhub").toString());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account")).click();
        page.getByLabel("Email").fill("owner@bistro-linde.example");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("short");
        page.getByLabel("Repeat the password").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.locator("#f-password-error")).hasText("Use at least 12 characters.");
        assertThat(page.getByLabel("Email")).hasValue("owner@bistro-linde.example");

        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("correct horse battery");
        page.getByLabel("Repeat the password").fill("correct horse battery");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Create your organization")))
                .isVisible();
        page.getByLabel("Name").fill("Bistro Linde GmbH");
        page.getByLabel("Street and number").fill("Lindenstraße 5");
        page.getByLabel("Postal code").fill("10969");
        page.getByLabel("Town").fill("Berlin");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organization")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Bistro Linde GmbH")))
                .isVisible();
        assertThat(page.locator("[data-figure=tss] .figure-value")).hasText("0");
        assertThat(page.locator("[data-figure=clients] .figure-value")).hasText("0");
        assertThat(page.getByText("Get started")).isVisible();
        HubBrowser.screenshot(page, "overview-empty");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(server.uri("/hub/sign-in").toString());
        page.navigate("/hub/");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
    }

    @Test
    void aWrongPasswordIsRefusedAndRepeatedFailuresAreLimited() {
        Organization org = server.createOrganization("Café Morgenrot");
        String password = server.app().hubAccounts().createMember("Ops@Morgenrot.example", org.id()).password();

        Page page = browser.newPage(server);
        page.navigate("/hub/sign-in");
        for (int attempt = 1; attempt <= 5; attempt++) {
            page.getByLabel("Email").fill("ops@morgenrot.example");
            page.getByLabel("Password").fill("not the password " + attempt);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong email or password.");
        }
        page.getByLabel("Email").fill("ops@morgenrot.example");
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Too many failed sign-ins");

        server.clock().advance(Duration.ofSeconds(61));
        page.getByLabel("Email").fill("ops@morgenrot.example");
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Café Morgenrot"))).isVisible();
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndChangesNothing() {
        Organization org = server.createOrganization("Eisdiele Venezia");
        String password = server.app().hubAccounts().createMember("venezia@example.com", org.id()).password();
        Page page = browser.newPage(server);
        HubUsers.signIn(page, "venezia@example.com", password);
        int before = server.app().organizations().listAll().size();

        APIResponse forged = page.request().post("/hub/organizations/new", RequestOptions.create()
                .setForm(FormData.create().set("_csrf", "forged").set("name", "Forged GmbH")
                        .set("address_line1", "Weg 1").set("zip", "10115").set("town", "Berlin")
                        .set("country_code", "DEU")));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("This form has expired");
        APIResponse crossSite = page.request().post("/hub/organizations/new", RequestOptions.create()
                .setHeader("Origin", "http://evil.example")
                .setForm(FormData.create().set("_csrf", page.locator("input[name=_csrf]").first().inputValue())
                        .set("name", "Forged GmbH").set("address_line1", "Weg 1").set("zip", "10115")
                        .set("town", "Berlin").set("country_code", "DEU")));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(server.app().organizations().listAll()).hasSize(before);
    }

    @Test
    void formBodiesNoBrowserSendsGetAFourHundredPageAndChangeNothing() {
        Organization org = server.createOrganization("Kaffeerösterei Nord");
        Page page = HubUsers.signedIn(browser, server, org.id());
        int organizations = server.app().organizations().listAll().size();
        String csrf = page.locator("input[name=_csrf]").first().inputValue();
        Map<String, Integer> bodies = Map.of(
                "_csrf=" + csrf + "&name=%zz&address_line1=%E0%A4%A", 400,
                "_csrf=" + csrf + "&name=" + "x".repeat(Form.MAX_BYTES), 413,
                "_csrf=" + csrf + "&&&=&name", 422,
                "_csrf=" + csrf + "&name=Null%00Byte&address_line1=a&zip=1&town=b&country_code=DEU", 400,
                "{\"_csrf\":\"" + csrf + "\"}", 403);
        bodies.forEach((body, status) -> {
            String type = body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
            APIResponse response = page.request().post("/hub/organizations/new", RequestOptions.create()
                    .setHeader("Content-Type", type).setData(body));
            assertThat(response.status()).as(body.substring(0, Math.min(60, body.length()))).isEqualTo(status);
            assertThat(response.headers().get("content-type")).startsWith("text/html");
        });
        assertThat(server.app().organizations().listAll()).hasSize(organizations);
    }

    @Test
    void theSignUpPageIsOffUnlessConfigured() {
        try (TestServer closed = TestServer.start()) {
            Page page = browser.newPage(closed);
            page.navigate("/hub/sign-up");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign-up is off")))
                    .isVisible();
            page.navigate("/hub/sign-in");
            assertThat(page.getByText("opentss hub-user create")).isVisible();
        }
    }
}
