package org.opentss.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentss.http.Json;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.HubUsers;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * The HUB's POS registers pages in a real browser, on registers and fiscal units that a POS vendor made
 * through the POS API: each organization sees its own registers only, a vendor not those of the merchants
 * it manages, and another organization's register is a page that does not exist.
 */
class PosRegistersPagesIT {

    private static TestServer server;
    @RegisterExtension
    static final HubBrowser browser = new HubBrowser();
    private static PosFixture vendor;
    /** Internal ids of the two merchants the vendor manages. */
    private static String cafe;
    private static String bakery;
    private static String counter;
    private static String spare;
    private static JsonNode replacedUnit;
    private static JsonNode currentUnit;
    private static String bakeryRegister;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        vendor = PosFixture.bootstrap(server, Environment.TEST);

        String cafePos = vendor.createMerchant("Café Morgenrot GmbH");
        cafe = internalId(cafePos);
        PosClient platform = vendor.platform().actingFor(cafePos);
        String kreuzberg = vendor.createLocation(cafePos, "Filiale Kreuzberg");
        HttpResult created = platform.post("/v1/locations/" + kreuzberg + "/registers",
                "{\"label\":\"Tresen vorne\",\"serial_number\":\"KASSE-01\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        counter = created.json().get("id").stringValue();
        String registerKey = vendor.createFiscalUnit(counter, true).get("register_api_key").stringValue();
        HttpResult replaced = platform.post("/v1/registers/" + counter + "/fiscal-units/replace",
                "{\"reason\":\"TSE moved to the new cabinet\"}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
        replacedUnit = replaced.json().get("old_binding");
        currentUnit = replaced.json().get("new_binding");
        HttpResult heartbeat = PosClient.register(server, registerKey).post("/v1/registers/" + counter + "/heartbeat",
                "{\"timestamp\":\"" + server.clock().instant() + "\",\"sequence\":1,\"status\":\"operational\"}");
        assertThat(heartbeat.status()).as(heartbeat.body()).isEqualTo(200);
        spare = vendor.createRegister(kreuzberg, "KASSE-02");

        String bakeryPos = vendor.createMerchant("Bäckerei Sonnenschein KG");
        bakery = internalId(bakeryPos);
        bakeryRegister = vendor.createRegister(vendor.createLocation(bakeryPos, "Backstube"), "THEKE-01");
        vendor.createFiscalUnit(bakeryRegister, false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMerchantSeesItsRegistersWithTheirFiscalUnits() {
        Page page = HubUsers.signedIn(browser, server, cafe);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("POS registers")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("POS registers")))
                .isVisible();

        Locator first = page.locator("tr[data-register=" + counter + "]");
        assertThat(first).containsText("Tresen vorne");
        assertThat(first).containsText("KASSE-01");
        assertThat(first).containsText("Filiale Kreuzberg");
        assertThat(first).containsText("operational");
        assertThat(first).containsText("active");
        assertThat(first).containsText(registration(currentUnit, "tss_id"));
        assertThat(first).containsText(registration(currentUnit, "tss_client_id"));
        assertThat(first).not().containsText(registration(replacedUnit, "tss_id"));
        Locator second = page.locator("tr[data-register=" + spare + "]");
        assertThat(second).containsText("KASSE-02");
        assertThat(second).containsText("none");
        assertThat(second).containsText("no heartbeat received");
        assertThat(page.locator("tbody tr")).hasCount(2);
        assertThat(page.getByText("THEKE-01")).hasCount(0);
        HubBrowser.screenshot(page, "pos-registers");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tresen vorne")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tresen vorne")))
                .isVisible();
        assertThat(page.locator("dl.facts")).containsText("KASSE-01");
        assertThat(page.locator("dl.facts")).containsText("Oranienstraße 12, 10997 Berlin");
        assertThat(page.locator("dl.facts")).containsText("issued");
        assertThat(page.locator("dl.facts")).not().containsText("Archived");
        Locator current = page.locator("tr[data-fiscal-unit=" + currentUnit.get("id").stringValue() + "]");
        assertThat(current).containsText("active");
        assertThat(current).containsText(registration(currentUnit, "tss_id"));
        assertThat(current).containsText(registration(currentUnit, "tss_client_id"));
        Locator old = page.locator("tr[data-fiscal-unit=" + replacedUnit.get("id").stringValue() + "]");
        assertThat(old).containsText("decommissioned");
        assertThat(old).containsText(registration(replacedUnit, "tss_id"));
        assertThat(old).containsText("TSE moved to the new cabinet");
        assertThat(page.locator("tbody tr").first()).hasAttribute("data-fiscal-unit",
                currentUnit.get("id").stringValue());
        HubBrowser.screenshot(page, "pos-register");
    }

    @Test
    void anotherOrganizationsRegisterIsAPageThatDoesNotExist() {
        Page page = HubUsers.signedIn(browser, server, cafe);
        APIResponse unknownPage = page.request().get("/hub/no-such-page");
        assertThat(unknownPage.status()).isEqualTo(404);
        for (String id : List.of(bakeryRegister, "reg_01KKBFPKT0C0KA21SK9BKE4YD9", "nonsense", counter.toLowerCase(),
                "reg_%00", "reg_%27%3B--", "reg_" + "A".repeat(300), "%E2%82%AC")) {
            APIResponse answer = page.request().get("/hub/registers/" + id);
            assertThat(answer.status()).as(id).isEqualTo(404);
            assertThat(answer.text()).as(id).isEqualTo(unknownPage.text());
        }
        page.navigate("/hub/registers/" + bakeryRegister);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Page not found")))
                .isVisible();

        Page baker = HubUsers.signedIn(browser, server, bakery);
        baker.navigate("/hub/registers");
        assertThat(baker.locator("tr[data-register=" + bakeryRegister + "]")).containsText("THEKE-01");
        assertThat(baker.getByText("KASSE-01")).hasCount(0);
        assertThat(baker.request().get("/hub/registers/" + counter).status()).isEqualTo(404);
    }

    @Test
    void theVendorHasNoRegistersOfItsOwnAndSwitchesToAMerchantsAndToLive() {
        Page page = HubUsers.signedIn(browser, server, vendor.organization().id());
        page.navigate("/hub/registers");
        Locator empty = page.locator(".empty");
        assertThat(empty).containsText("No POS registers yet");
        assertThat(empty).containsText("POST /v1/locations/{location_id}/registers");
        assertThat(empty.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("API documentation")))
                .hasAttribute("href", "/docs");
        assertThat(page.getByText("switch to one in the header")).isVisible();
        assertThat(page.locator("main")).containsText(vendor.homeOrganization());
        HubBrowser.screenshot(page, "pos-registers-empty");

        page.getByLabel("Organization").selectOption(new SelectOption().setLabel("Café Morgenrot GmbH"));
        assertThat(page.locator("tr[data-register=" + counter + "]")).containsText("KASSE-01");
        assertThat(page.getByText("THEKE-01")).hasCount(0);

        page.getByLabel("Environment").selectOption("LIVE");
        assertThat(page.locator(".live-banner")).isVisible();
        assertThat(page.locator(".empty")).containsText("No POS registers yet");
        assertThat(page.request().get("/hub/registers/" + counter).status()).isEqualTo(404);
    }

    @Test
    void aLongListIsShownFiftyRegistersAPage() {
        String stationPos = vendor.createMerchant("Tankstelle Nord GmbH");
        String forecourt = vendor.createLocation(stationPos, "Zapfsäulen");
        List<String> pumps = new ArrayList<>();
        for (int i = 1; i <= 51; i++) {
            pumps.add(vendor.createRegister(forecourt, "PUMP-%02d".formatted(i)));
        }
        Page page = HubUsers.signedIn(browser, server, internalId(stationPos));
        page.navigate("/hub/registers");
        assertThat(page.locator("tbody tr")).hasCount(50);
        assertThat(page.locator("tbody tr").first()).hasAttribute("data-register", pumps.getLast());
        assertThat(page.getByText("PUMP-01")).hasCount(0);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Newest registers")))
                .hasCount(0);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older registers")).click();
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(page.locator("tr[data-register=" + pumps.getFirst() + "]")).containsText("PUMP-01");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older registers")))
                .hasCount(0);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Newest registers")).click();
        assertThat(page.locator("tbody tr")).hasCount(50);

        page.navigate("/hub/registers?before=not-a-register");
        assertThat(page.locator("tbody tr")).hasCount(50);
    }

    private static String internalId(String posOrganizationId) {
        return server.app().posDirectory().find(posOrganizationId).orElseThrow().organizationId();
    }

    private static String registration(JsonNode unit, String field) {
        JsonNode registration = unit.get("fiscal_registration");
        assertThat(registration.isObject()).as(Json.writeString(unit)).isTrue();
        return registration.get(field).stringValue();
    }
}
