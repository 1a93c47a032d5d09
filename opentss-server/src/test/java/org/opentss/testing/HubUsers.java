package org.opentss.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;

/** HUB users for browser tests: made as the operator makes them, signed in through the sign-in page. */
public final class HubUsers {

    private HubUsers() {
    }

    /** A new member of the organization, signed in on a fresh browser page that shows the overview. */
    public static Page signedIn(HubBrowser browser, TestServer server, String organizationId) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String password = server.app().hubAccounts().createMember(email, organizationId).password();
        Page page = browser.newPage(server);
        signIn(page, email, password);
        return page;
    }

    public static void signIn(Page page, String email, String password) {
        page.navigate("/hub/sign-in");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
    }
}
