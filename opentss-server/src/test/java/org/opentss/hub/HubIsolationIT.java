package org.opentss.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.identity.Organization;
import org.opentss.testing.DatabaseState;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.HubUsers;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;

/**
 * Another organization's data is never shown: its TSS, clients, transactions and keys are missing from the
 * lists, their addresses answer the HUB's 404 like unknown ones, and forms naming its keys, exports and members
 * are refused the same way and change nothing.
 */
class HubIsolationIT {

    private static TestServer server;
    @RegisterExtension
    static final HubBrowser browser = new HubBrowser();
    private static Organization owner;
    private static CreatedApiKey ownerKey;
    private static String ownerToken;
    private static ProvisionedTss ownerTss;
    private static String ownerTx;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createOrganization("Weinstube Traube");
        ownerKey = server.createApiKey(owner.id(), Environment.TEST);
        ownerToken = server.accessToken(ownerKey);
        ownerTss = ProvisionedTss.provision(server, ownerToken, 1);
        ownerTx = UUID.randomUUID().toString();
        assertThat(server.put("/api/v2/tss/" + ownerTss.tssId() + "/tx/" + ownerTx + "?tx_revision=1",
                "{\"state\":\"ACTIVE\",\"client_id\":\"" + ownerTss.clientId() + "\"}", ownerToken).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theOwnerSeesItsData() {
        Page page = HubUsers.signedIn(browser, server, owner.id());
        page.navigate("/hub/tss");
        assertThat(page.locator("main")).containsText(ownerTss.tssId());
        page.navigate("/hub/transactions");
        assertThat(page.locator("tbody tr")).hasCount(1);
        page.navigate("/hub/transactions/" + ownerTss.tssId() + "/" + ownerTx);
        assertThat(page.locator("main h1")).hasText("Transaction #1");
    }

    @Test
    void aNeighbourSeesNoneOfItAndItsAddressesAreNotFound() {
        Organization neighbour = server.createOrganization("Nachbar GmbH");
        Page page = HubUsers.signedIn(browser, server, neighbour.id());

        page.navigate("/hub/tss");
        assertThat(page.locator("main")).containsText("No TSS in TEST yet");
        page.navigate("/hub/clients");
        assertThat(page.locator("main")).containsText("No clients");
        page.navigate("/hub/transactions?tss=" + ownerTss.tssId());
        assertThat(page.locator("main")).containsText("No transactions");
        page.navigate("/hub/api-keys");
        assertThat(page.locator("main")).containsText("No API keys yet");
        page.navigate("/hub/organizations");
        assertThat(page.locator("main")).not().containsText("Weinstube Traube");

        String unknownTss = UUID.randomUUID().toString();
        for (String path : List.of("/hub/tss/" + ownerTss.tssId(), "/hub/tss/" + ownerTss.tssId() + "/certificate.pem",
                "/hub/transactions/" + ownerTss.tssId() + "/" + ownerTx, "/hub/tss/" + unknownTss,
                "/hub/transactions/" + unknownTss + "/" + ownerTx, "/hub/tss/not-a-uuid%20%3Cscript%3E", "/hub/tss/%00",
                "/hub/transactions/%00/%00", "/hub/transactions/" + ownerTss.tssId() + "/x%00")) {
            APIResponse response = page.request().get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.text()).as(path).contains("Not found").doesNotContain(ownerTss.tssId())
                    .doesNotContain("<script>");
        }

        String csrf = csrf(page);
        assertThat(page.request().get("/hub/clients?tss=%00").status()).isEqualTo(200);
        assertThat(page.request().get("/hub/transactions?tss=a%00b&client=%00").status()).isEqualTo(400);

        // the switcher shows only what the user may see, whatever the form names
        APIResponse switched = page.request().post("/hub/switch", RequestOptions.create()
                .setForm(FormData.create().set("_csrf", csrf).set("organization", owner.id()).set("env", "TEST")));
        assertThat(switched.ok()).isTrue();
        page.navigate("/hub");
        assertThat(page.locator("main h1")).hasText("Nachbar GmbH");
        assertThat(page.locator("#switch-org option")).hasCount(1);
    }

    @Test
    void aNeighboursFormsNamingItsKeysExportsAndMembersAreNotFoundAndChangeNothing() {
        String member = server.app().hubAccounts().createMember("kellner@weinstube-traube.example", owner.id())
                .user().id();
        Page page = HubUsers.signedIn(browser, server, server.createOrganization("Nachbar KG").id());
        page.navigate("/hub");
        String csrf = csrf(page);
        server.app().exportWorker().close(); // the export stays PENDING, so that a cancellation let through would show
        try {
            String export = UUID.randomUUID().toString();
            assertThat(server.put(ownerTss.path() + "/export/" + export, "", ownerToken).status()).isEqualTo(200);
            DatabaseState before = DatabaseState.of(server);
            Map<String, String> forms = Map.of("/hub/api-keys/{id}/status", ownerKey.key().id(),
                    "/hub/api-keys/{id}/delete", ownerKey.key().id(), "/hub/exports/{id}/cancel", export,
                    "/hub/members/{id}/remove", member);
            forms.forEach((form, id) -> {
                APIResponse forged = postForm(page, form.replace("{id}", id), csrf);
                APIResponse madeUp = postForm(page, form.replace("{id}", UUID.randomUUID().toString()), csrf);
                assertThat(forged.status()).as(form).isEqualTo(404);
                assertThat(forged.text()).as(form).isEqualTo(madeUp.text()).contains("Not found");
            });
            assertThat(postForm(page, "/hub/api-keys/%00/status", csrf).status()).isEqualTo(404);
            assertThat(DatabaseState.of(server).changedSince(before)).isEmpty();
            assertThat(server.login(ownerKey).get("access_token")).isNotNull();
        } finally {
            server.app().exportWorker().start();
        }
    }

    private static APIResponse postForm(Page page, String path, String csrf) {
        return page.request().post(path,
                RequestOptions.create().setForm(FormData.create().set("_csrf", csrf).set("status", "disabled")));
    }

    private static String csrf(Page page) {
        return page.locator("input[name=_csrf]").first().inputValue();
    }
}
