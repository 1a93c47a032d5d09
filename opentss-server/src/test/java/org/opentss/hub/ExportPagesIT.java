package org.opentss.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentss.http.Json;
import org.opentss.identity.Environment;
import org.opentss.identity.Organization;
import org.opentss.testing.GaplessExport;
import org.opentss.testing.HttpResult;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.HubUsers;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;
import org.opentss.verify.ExportVerificationResult;
import org.opentss.verify.ExportVerifierOptions;
import org.opentss.verify.Verifier;
import tools.jackson.databind.JsonNode;

/**
 * The HUB's exports pages in a real browser: a user starts exports of a TSS, follows them while they wait
 * and run, and downloads archives that the independent verifier accepts and that are the TSS API's files
 * byte for byte; refused forms come back with the reason next to the field; another organization's
 * exports stay out of sight, their addresses as unknown as made-up ones.
 */
class ExportPagesIT {

    private static final int SALES = 3;

    private static TestServer server;
    @RegisterExtension
    static final HubBrowser browser = new HubBrowser();
    private static Organization bakery;
    private static String token;
    private static ProvisionedTss tss;

    @BeforeAll
    static void aBakeryWithSales() {
        server = TestServer.start();
        bakery = server.createOrganization("Bäckerei Sonnenschein");
        token = server.accessToken(server.createApiKey(bakery.id(), Environment.TEST));
        tss = ProvisionedTss.provision(server, token, 1);
        for (int i = 0; i < SALES; i++) {
            String tx = tss.path() + "/tx/" + UUID.randomUUID();
            expectOk(server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId()
                    + "\"}", token));
            expectOk(server.put(tx + "?tx_revision=2", "{\"state\":\"FINISHED\",\"client_id\":\"" + tss.clientId()
                    + "\",\"schema\":{\"standard_v1\":{\"receipt\":{\"receipt_type\":\"RECEIPT\","
                    + "\"amounts_per_vat_rate\":[{\"vat_rate\":\"REDUCED_1\",\"amount\":\"3.20\"}],"
                    + "\"amounts_per_payment_type\":[{\"payment_type\":\"CASH\",\"amount\":\"3.20\"}]}}}}", token));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aUserStartsExportsFollowsThemAndDownloadsArchivesThatVerify() {
        Page page = HubUsers.signedIn(browser, server, bakery.id());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Exports").setExact(true)).click();
        assertThat(page.getByText("No exports yet")).isVisible();

        // two kinds of range at once: refused by the API's rules, next to the field, the form kept
        page.getByLabel("From date").fill(LocalDate.ofInstant(server.clock().instant(), ZoneOffset.UTC).toString());
        page.getByLabel("From transaction number").fill("2");
        startExport(page);
        assertThat(page.locator("#f-start_transaction_number-error"))
                .hasText("“From transaction number” cannot be combined with “From date”.");
        assertThat(page.getByLabel("From transaction number")).hasValue("2");
        assertThat(page.locator("[data-export-id]")).hasCount(0);

        String full;
        String range;
        server.app().exportWorker().close(); // the exports wait, so that the page shows them waiting
        try {
            page.getByLabel("From date").fill("");
            page.getByLabel("From transaction number").fill("");
            page.getByLabel("TSS", new Page.GetByLabelOptions().setExact(true)).selectOption(tss.tssId());
            startExport(page);
            assertThat(page).hasURL(server.uri("/hub/exports").toString());
            Locator waiting = page.locator("tr[data-export-progress]");
            assertThat(waiting).hasCount(1);
            full = waiting.getAttribute("data-export-id");
            assertThat(waiting).hasAttribute("data-export-progress", "/hub/exports/" + full + "/status");
            assertThat(waiting.locator("progress")).hasAttribute("max", "100");
            assertThat(waiting.locator("[data-progress-text]")).hasText("Waiting to start");
            assertThat(waiting).containsText("PENDING");
            JsonNode status = Json.parse(page.request().get("/hub/exports/" + full + "/status").body());
            assertThat(status.get("state").asString()).isEqualTo("PENDING");
            assertThat(status.get("percent").asInt()).isZero();
            assertThat(status.get("text").asString()).isEqualTo("Waiting to start");

            // the same export again: refused next to the TSS, as the API refuses it, and nothing started
            startExport(page);
            assertThat(page.locator("#f-tss-error")).containsText("already PENDING or WORKING");
            assertThat(page.locator("tr[data-export-progress]")).hasCount(1);

            page.getByLabel("From transaction number").fill("2");
            page.getByLabel("To transaction number").fill("3");
            startExport(page);
            assertThat(page.locator("tr[data-export-progress]")).hasCount(2);
            HubBrowser.screenshot(page, "exports-waiting");
            range = page.locator("tr[data-export-progress]:not([data-export-id='" + full + "'])")
                    .getAttribute("data-export-id");
        } finally {
            server.app().exportWorker().start();
        }

        // hub.js follows both exports and reloads the page once neither is waiting or running
        Locator done = page.locator("tr[data-export-id='" + full + "']");
        assertThat(done).containsText("COMPLETED", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(done).containsText("All log messages");
        assertThat(page.locator("tr[data-export-id='" + range + "']")).containsText("COMPLETED");
        assertThat(page.locator("tr[data-export-id='" + range + "']")).containsText("Transactions 2 – 3");
        assertThat(page.locator("tr[data-export-progress]")).hasCount(0);
        HubBrowser.screenshot(page, "exports");

        Download download = page.waitForDownload(() -> done.getByRole(AriaRole.LINK).click());
        assertThat(download.suggestedFilename()).isEqualTo(full + ".tar");
        byte[] archive = bytes(download);
        GaplessExport.Summary summary = GaplessExport.check(archive, server.app().rootCertificate(),
                server.get(tss.path(), token).json());
        assertThat(summary.transactions()).isEqualTo(SALES);
        assertThat(summary.finished()).isEqualTo(SALES);
        assertThat(done.locator("td").nth(4)).hasText(Long.toString(summary.logs()));
        assertThat(server.get(tss.path() + "/export/" + full + "/file", token).bytes()).isEqualTo(archive);

        Locator part = page.locator("tr[data-export-id='" + range + "']");
        byte[] partArchive = bytes(page.waitForDownload(() -> part.getByRole(AriaRole.LINK).click()));
        ExportVerificationResult result = Verifier.verifyExport(new ByteArrayInputStream(partArchive),
                ExportVerifierOptions.defaults().withTrustAnchor(server.app().rootCertificate()));
        assertThat(result.isValid()).as(result.report()).isTrue();
        assertThat(result.startedCount()).as(result.report()).isEqualTo(2);
        assertThat(server.get(tss.path() + "/export/" + range + "/file", token).bytes()).isEqualTo(partArchive);
    }

    @Test
    void anotherOrganizationsExportIsAsUnknownAsAMadeUpOne() {
        Organization kiosk = server.createOrganization("Kiosk am Markt");
        String kioskToken = server.accessToken(server.createApiKey(kiosk.id(), Environment.TEST));
        ProvisionedTss kioskTss = ProvisionedTss.provision(server, kioskToken, 1);
        String exportId = UUID.randomUUID().toString();
        expectOk(server.put(kioskTss.path() + "/export/" + exportId, "", kioskToken));
        assertThat(server.awaitExport(kioskTss.tssId(), exportId, kioskToken).get("state").asString())
                .isEqualTo("COMPLETED");

        Page outsider = HubUsers.signedIn(browser, server, bakery.id());
        outsider.navigate("/hub/exports");
        assertThat(outsider.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("New export"))).isVisible();
        assertThat(outsider.content()).doesNotContain(exportId).doesNotContain(kioskTss.tssId());

        for (String part : new String[] {"/status", "/download"}) {
            APIResponse foreign = outsider.request().get("/hub/exports/" + exportId + part);
            APIResponse unknown = outsider.request().get("/hub/exports/" + UUID.randomUUID() + part);
            APIResponse malformed = outsider.request().get("/hub/exports/not-an-export" + part);
            for (APIResponse response : new APIResponse[] {foreign, unknown, malformed}) {
                assertThat(response.status()).as(part).isEqualTo(404);
                assertThat(response.text()).as(part).isEqualTo(unknown.text()).contains("Page not found");
            }
        }

        // a form naming the other organization's TSS: refused next to the TSS choice, nothing started
        APIResponse forged = outsider.request().post("/hub/exports", RequestOptions.create().setForm(FormData.create()
                .set(HubGuard.CSRF_FIELD, outsider.locator("input[name=_csrf]").first().inputValue())
                .set("tss", kioskTss.tssId())));
        assertThat(forged.status()).isEqualTo(422);
        assertThat(forged.text()).contains("TSS not found.");
        assertThat(server.get(kioskTss.path() + "/export", kioskToken).json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void anExportThatWaitsIsCancelledFromTheList() {
        ProvisionedTss second = ProvisionedTss.provision(server, token, 1);
        Page page = HubUsers.signedIn(browser, server, bakery.id());
        page.navigate("/hub/exports");
        server.app().exportWorker().close();
        try {
            page.getByLabel("TSS", new Page.GetByLabelOptions().setExact(true)).selectOption(second.tssId());
            startExport(page);
            Locator waiting = page.locator("tr[data-export-progress]");
            assertThat(waiting).hasCount(1);
            String id = waiting.getAttribute("data-export-id");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel export " + id)).click();
            assertThat(page.locator("tr[data-export-id='" + id + "']")).containsText("CANCELLED");
            assertThat(page.locator("tr[data-export-progress]")).hasCount(0);
            assertThat(server.get(second.path() + "/export/" + id, token).json().get("state").asString())
                    .isEqualTo("CANCELLED");
        } finally {
            server.app().exportWorker().start();
        }
    }

    private static void startExport(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start export")).click();
    }

    private static byte[] bytes(Download download) {
        try {
            return Files.readAllBytes(download.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expectOk(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
    }
}
