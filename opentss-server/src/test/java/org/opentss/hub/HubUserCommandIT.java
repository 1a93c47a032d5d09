package org.opentss.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Organization;
import org.opentss.testing.CliRun;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.HubUsers;
import org.opentss.testing.TestServer;

/** {@code opentss hub-user create} on a running server's data directory (SQLite: the CLI opens that file). */
@Tag(TestServer.EXPLICIT_DATABASE)
class HubUserCommandIT {

    @Test
    void theOperatorsFirstAdministratorSignsInWithThePrintedPassword() {
        try (TestServer server = TestServer.start(); HubBrowser browser = HubBrowser.launch()) {
            Organization org = server.createOrganization("Bäckerei Korn");
            CliRun created = CliRun.of("hub-user", "create", "--data-dir", server.dataDir().toString(),
                    "--email", "Chef@Baeckerei-Korn.example", "--org", org.id());
            assertThat(created.exitCode()).as(created.err()).isZero();
            String password = created.out().lines().findFirst().orElseThrow();
            assertThat(created.out()).contains("chef@baeckerei-korn.example", "shown only this once");

            CliRun again = CliRun.of("hub-user", "create", "--data-dir", server.dataDir().toString(),
                    "--email", "chef@baeckerei-korn.example", "--org", org.id());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("exists already");
            CliRun unknownOrg = CliRun.of("hub-user", "create", "--data-dir", server.dataDir().toString(),
                    "--email", "other@example.com", "--org", "org_01J0000000000000000000000");
            assertThat(unknownOrg.exitCode()).isEqualTo(1);

            Page page = browser.newPage(server);
            HubUsers.signIn(page, "chef@baeckerei-korn.example", password);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Bäckerei Korn")))
                    .isVisible();
            String stored = server.app().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT password_hash FROM hub_user").mapTo(String.class).one());
            assertThat(stored).startsWith("$argon2id$").doesNotContain(password);
        }
    }
}
