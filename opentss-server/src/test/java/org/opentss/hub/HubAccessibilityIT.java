package org.opentss.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentss.identity.Organization;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.HubUsers;
import org.opentss.testing.TestServer;

/** Basic accessibility of every HUB page: labelled controls, one main heading, and use by keyboard alone. */
class HubAccessibilityIT {

    /** Controls a person operates, each of which must have a label (or an aria-label) a screen reader reads. */
    private static final String UNLABELLED_CONTROLS = """
            () => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
                .filter(c => c.tagName === 'BUTTON'
                    ? (c.getAttribute('aria-label') || c.textContent).trim() === ''
                    : c.labels.length === 0 && !c.getAttribute('aria-label'))
                .map(c => c.outerHTML)
            """;
    private static final List<String> SIGNED_IN_PAGES = List.of("/hub", "/hub/tss", "/hub/tss/provision",
            "/hub/clients", "/hub/transactions", "/hub/exports", "/hub/registers", "/hub/api-keys",
            "/hub/members", "/hub/account", "/hub/organizations", "/hub/organizations/new");

    private static TestServer server;
    @RegisterExtension
    static final HubBrowser browser = new HubBrowser();
    private static Organization org;
    private static String password;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OPENTSS_HUB_SIGNUP", "true"));
        org = server.createOrganization("Blumen Schmidt");
        password = server.app().hubAccounts().createMember("schmidt@blumen.example", org.id()).password();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPersonSignsInAndMovesAroundWithTheKeyboardAlone() {
        Page page = browser.newPage(server);
        page.navigate("/hub/sign-in");
        Keyboard keys = page.keyboard();
        keys.press("Tab");
        assertThat(page.locator(":focus")).hasText("Skip to content");
        keys.press("Tab");
        assertThat(page.locator(":focus")).hasAttribute("name", "email");
        keys.type("schmidt@blumen.example");
        keys.press("Tab");
        assertThat(page.locator(":focus")).hasAttribute("name", "password");
        keys.type(password);
        keys.press("Enter");
        assertThat(page.locator("main h1")).hasText("Blumen Schmidt");

        // from the top of a page: the skip link, then the switcher, then the navigation
        keys.press("Tab");
        assertThat(page.locator(":focus")).hasText("Skip to content");
        for (int i = 0; i < 20 && !"TSS".equals(page.evaluate("document.activeElement.textContent")); i++) {
            keys.press("Tab");
        }
        assertThat(page.locator(":focus")).hasText("TSS");
        keys.press("Enter");
        assertThat(page).hasURL(server.uri("/hub/tss").toString());
        assertThat(page.locator("main h1")).hasText("TSS");
    }

    @Test
    void everyControlOnEveryPageHasALabelAndEveryPageOneMainHeading() {
        Page anonymous = browser.newPage(server);
        for (String path : List.of("/hub/sign-in", "/hub/sign-up")) {
            assertAccessible(anonymous, path);
        }
        Page page = browser.newPage(server);
        HubUsers.signIn(page, "schmidt@blumen.example", password);
        for (String path : SIGNED_IN_PAGES) {
            assertAccessible(page, path);
        }
    }

    private static void assertAccessible(Page page, String path) {
        page.navigate(path);
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator("h1")).hasCount(1);
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) page.evaluate(UNLABELLED_CONTROLS);
        assertThat(unlabelled).as(path).isEmpty();
        assertThat(page.title()).as(path).endsWith("· OpenTSS HUB");
    }
}
