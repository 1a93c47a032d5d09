package org.opentss.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentss.identity.Organization;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.HubUsers;
import org.opentss.testing.TestServer;

/** Members of an organization added in the HUB, and a password change that signs out the other sessions. */
class HubMembersIT {

    @RegisterExtension
    static final HubBrowser browser = new HubBrowser();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMemberIsAddedWithAPasswordShownOnceAndSeesTheOrganization() {
        Organization org = server.createOrganization("Feinkost Adler");
        Page owner = HubUsers.signedIn(browser, server, org.id());
        owner.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Members")).click();
        owner.getByLabel("Email").fill("not-an-address");
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add member")).click();
        assertThat(owner.locator("#f-email-error")).containsText("Enter an email address");
        owner.getByLabel("Email").fill("Kasse@Feinkost-Adler.example");
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add member")).click();
        String password = owner.locator("#new-member-password").textContent().trim();
        assertThat(owner.locator("tbody")).containsText("kasse@feinkost-adler.example");
        HubBrowser.screenshot(owner, "members");
        owner.reload();
        assertThat(owner.content()).doesNotContain(password);

        Organization other = server.createOrganization("Weinhandel Ost");
        server.app().hubAccounts().addMember("kasse@feinkost-adler.example", other.id());
        Page member = browser.newPage(server);
        HubUsers.signIn(member, "kasse@feinkost-adler.example", password);
        assertThat(member.locator("#switch-org option")).hasCount(2);

        // the owner removes the member from Feinkost Adler: from the next page on it is out of sight
        owner.onceDialog(dialog -> dialog.accept());
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Remove kasse@feinkost-adler.example")).click();
        assertThat(owner.locator("tbody")).not().containsText("kasse@feinkost-adler.example");
        assertThat(owner.locator("tbody button")).hasCount(0);
        member.navigate("/hub");
        assertThat(member.locator("main h1")).hasText("Weinhandel Ost");
        assertThat(member.locator("#switch-org option")).hasCount(1);
    }

    @Test
    void guessingTheCurrentPasswordSharesTheSignInBudgetOfTheAccount() {
        Organization org = server.createOrganization("Ratebüro");
        String password = server.app().hubAccounts().createMember("rate@buero.example", org.id()).password();
        Page page = browser.newPage(server);
        HubUsers.signIn(page, "rate@buero.example", password);
        page.navigate("/hub/account");
        for (int i = 0; i < 5; i++) { // OPENTSS_HUB_MAX_SIGN_IN_FAILURES_PER_MINUTE, 5 by default
            changePassword(page, "guess " + i);
            assertThat(page.locator("#f-current_password-error")).hasText("This is not your current password.");
        }
        Response refused = changePassword(page, password);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headerValue("retry-after"))).isBetween(1L, 60L);
        assertThat(page.locator("#f-current_password-error")).containsText("Try again in");

        Page signIn = browser.newPage(server);
        signIn.navigate("/hub/sign-in");
        signIn.getByLabel("Email").fill("rate@buero.example");
        signIn.getByLabel("Password").fill(password);
        signIn.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(signIn.getByRole(AriaRole.ALERT)).containsText("Try again in");

        server.clock().advance(Duration.ofMinutes(2));
        changePassword(page, password);
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your password is changed");
    }

    /** Submits the account page's form with the new password "Seeblick am Morgen 7". */
    private static Response changePassword(Page page, String current) {
        page.getByLabel("Current password").fill(current);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("Seeblick am Morgen 7");
        page.getByLabel("Repeat the new password").fill("Seeblick am Morgen 7");
        return page.waitForResponse(r -> r.url().endsWith("/hub/account") && r.request().method().equals("POST"),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click());
    }

    @Test
    void aNewPasswordSignsOutTheOtherSessionsAndTheOldOneNoLongerWorks() {
        Organization org = server.createOrganization("Reisebüro Süd");
        String password = server.app().hubAccounts().createMember("reise@sued.example", org.id()).password();
        Page laptop = browser.newPage(server);
        HubUsers.signIn(laptop, "reise@sued.example", password);
        Page phone = browser.newPage(server);
        HubUsers.signIn(phone, "reise@sued.example", password);

        laptop.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("reise@sued.example")).click();
        laptop.getByLabel("Current password").fill("wrong password!");
        laptop.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("Seeblick am Morgen 7");
        laptop.getByLabel("Repeat the new password").fill("Seeblick am Morgen 7");
        laptop.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(laptop.locator("#f-current_password-error")).hasText("This is not your current password.");

        laptop.getByLabel("Current password").fill(password);
        laptop.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("Seeblick am Morgen 7");
        laptop.getByLabel("Repeat the new password").fill("Seeblick am Morgen 7");
        laptop.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(laptop.getByRole(AriaRole.STATUS)).containsText("Your password is changed");
        laptop.navigate("/hub");
        assertThat(laptop.locator("main h1")).hasText("Reisebüro Süd");
        phone.navigate("/hub");
        assertThat(phone.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();

        Page again = browser.newPage(server);
        again.navigate("/hub/sign-in");
        again.getByLabel("Email").fill("reise@sued.example");
        again.getByLabel("Password").fill(password);
        again.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(again.getByRole(AriaRole.ALERT)).hasText("Wrong email or password.");
        HubUsers.signIn(again, "reise@sued.example", "Seeblick am Morgen 7");
    }
}
