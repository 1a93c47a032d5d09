package org.opentss.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentss.testing.GaplessExport;
import org.opentss.testing.HttpResult;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.PosAssertions;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * A new customer's whole way through the HUB in Debian's Chromium: sign up, create the organization, create
 * an API key (its secret shown once), provision a TSS with one click, sign a sale through the TSS API with
 * that key, find the sale in the HUB with a receipt QR code that scans and verifies, and export the TSS.
 */
class HubJourneyIT {

    private static final String PASSWORD = "Lindenblüte 2026!";

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
    void fromSignUpToASignedSaleWithItsQrCode() throws Exception {
        Page page = browser.newPage(server);
        signUpWithOrganization(page, "chef@imbiss-ecke.example", "Imbiss Ecke");
        assertThat(page.locator("[data-figure=tss] .figure-value")).hasText("0");

        // an API key: key and secret on the answer page, the secret never again
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API keys")).click();
        assertThat(page.getByText("No API keys yet")).isVisible();
        page.getByLabel("Name").fill("Kasse 1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key")).click();
        assertThat(page.getByText("It is shown only this once")).isVisible();
        String apiKey = page.locator("#new-api-key").textContent().trim();
        String apiSecret = page.locator("#new-api-secret").textContent().trim();
        assertThat(apiKey).startsWith("test_").endsWith("_kasse1");
        assertThat(apiSecret).hasSizeGreaterThanOrEqualTo(43);
        HubBrowser.screenshot(page, "api-key-created");
        page.reload();
        assertThat(page).hasURL(server.uri("/hub/api-keys").toString());
        assertThat(page.locator("#new-api-secret")).hasCount(0);
        assertThat(page.content()).doesNotContain(apiSecret).doesNotContain(apiKey);
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(page.locator("tbody tr code")).hasText(apiKey.substring(0, 9) + "…_kasse1");
        HubBrowser.screenshot(page, "api-keys");

        // one-click provisioning: the PUK once, a TSS ready to sign with its first client
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("TSS").setExact(true)).click();
        assertThat(page.getByText("No TSS in TEST yet")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Provision a TSS").setExact(true)).first()
                .click();
        HubBrowser.screenshot(page, "provision-wizard");
        page.getByLabel("Admin PIN").fill("0815-4711");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Provision TSS")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your TSS is ready")))
                .isVisible();
        String puk = page.locator("#new-admin-puk").textContent().trim();
        String tssId = page.locator("#new-tss-id").textContent().trim();
        String clientId = page.locator("#new-client-id").textContent().trim();
        assertThat(puk).hasSize(10);
        assertThat(page.locator("#new-admin-pin")).hasText("0815-4711");
        HubBrowser.screenshot(page, "tss-provisioned");
        page.reload();
        assertThat(page).hasURL(server.uri("/hub/tss/" + tssId).toString());
        assertThat(page.content()).doesNotContain(puk);
        assertThat(page.locator("main")).containsText("INITIALIZED");
        assertThat(page.locator("main")).containsText("KASSE-01");

        // a sale through the TSS API with the key and secret the HUB showed, watched arriving in the HUB
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Transactions").setExact(true)).first()
                .click();
        assertThat(page.getByText("No transactions")).isVisible();
        HttpResult auth = server.post("/api/v2/auth", "{\"api_key\":\"" + apiKey + "\",\"api_secret\":\"" + apiSecret
                + "\"}", null);
        assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
        String token = auth.json().get("access_token").asString();
        String txId = UUID.randomUUID().toString();
        String tx = "/api/v2/tss/" + tssId + "/tx/" + txId;
        assertThat(server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + clientId + "\"}", token)
                .status()).isEqualTo(200);
        HttpResult finished = server.put(tx + "?tx_revision=2", "{\"state\":\"FINISHED\",\"client_id\":\"" + clientId
                + "\",\"schema\":{\"standard_v1\":{\"receipt\":{\"receipt_type\":\"RECEIPT\",\"amounts_per_vat_rate\":"
                + "[{\"vat_rate\":\"NORMAL\",\"amount\":\"21.42\"}],\"amounts_per_payment_type\":[{\"payment_type\":"
                + "\"CASH\",\"amount\":\"21.42\"}]}}}}", token);
        assertThat(finished.status()).as(finished.toString()).isEqualTo(200);
        String qrData = finished.json().get("qr_code_data").asString();

        // the sale in the HUB without a click: listed, and its receipt QR code scans to the API's data, which verifies
        Locator row = page.locator("tbody tr");
        assertThat(row).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(15_000));
        assertThat(row).containsText("FINISHED");
        assertThat(row).containsText("KASSE-01");
        HubBrowser.screenshot(page, "transactions");
        row.getByRole(AriaRole.LINK).first().click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Transaction #1"))).isVisible();
        assertThat(page.locator("#qr-code-data")).hasText(qrData);
        Locator qr = page.locator("[data-qr-code] svg");
        assertThat(qr).isVisible();
        String scanned = decodeQr(qr.screenshot());
        assertThat(scanned).isEqualTo(qrData);
        PosAssertions.assertQrVerifies(scanned);
        assertThat(page.locator("tbody tr")).hasCount(2);
        HubBrowser.screenshot(page, "transaction-detail");

        // the TSS page: counters after the sale, and its certificate as a PEM chain
        page.navigate("/hub/tss/" + tssId);
        JsonNode apiTss = server.get("/api/v2/tss/" + tssId, token).json();
        assertThat(page.locator("main")).containsText(apiTss.get("serial_number").asString());
        Download download = page.waitForDownload(() -> page.getByText("Download certificate (PEM)").click());
        List<X509Certificate> chain = certificates(Files.readAllBytes(download.path()));
        assertThat(chain).hasSize(3);
        assertThat(Base64.getEncoder().encodeToString(chain.get(0).getEncoded()))
                .isEqualTo(apiTss.get("certificate").asString());
        chain.get(0).verify(chain.get(1).getPublicKey());
        chain.get(1).verify(chain.get(2).getPublicKey());
        HubBrowser.screenshot(page, "tss-detail");

        // an export of the TSS: started, followed until it is done, downloaded, verified independently
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Exports").setExact(true)).first().click();
        page.getByLabel("TSS", new Page.GetByLabelOptions().setExact(true)).selectOption(tssId);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start export")).click();
        Locator export = page.locator("tbody tr").first();
        assertThat(export).containsText("COMPLETED", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        Download tar = page.waitForDownload(() -> export.getByRole(AriaRole.LINK).click());
        GaplessExport.Summary exported = GaplessExport.check(Files.readAllBytes(tar.path()),
                server.app().rootCertificate(), server.get("/api/v2/tss/" + tssId, token).json());
        assertThat(exported.transactions()).isEqualTo(1);
        assertThat(exported.finished()).isEqualTo(1);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Clients")).click();
        assertThat(page.locator("tbody tr")).containsText("KASSE-01");
        HubBrowser.screenshot(page, "clients");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Overview")).click();
        assertThat(page.locator("[data-figure=tss] .figure-value")).hasText("1");
        assertThat(page.locator("[data-figure=clients] .figure-value")).hasText("1");
        assertThat(page.locator("[data-figure=transactions] .figure-value")).hasText("1");
        HubBrowser.screenshot(page, "overview");
    }

    @Test
    void thePagesWorkOnAPhoneSizedScreen() {
        Page page = browser.newPage(server, 390, 844);
        signUpWithOrganization(page, "mobil@imbiss-ecke.example", "Imbiss Mobil");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Provision a TSS"))).isVisible();
        double width = ((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue();
        assertThat(width).as("no sideways scrolling").isLessThanOrEqualTo(390);
        HubBrowser.screenshot(page, "overview-phone");
    }

    static void signUpWithOrganization(Page page, String email, String organization) {
        page.navigate("/hub/sign-up");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByLabel("Repeat the password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        page.getByLabel("Name").fill(organization);
        page.getByLabel("Street and number").fill("Marktplatz 1");
        page.getByLabel("Postal code").fill("04109");
        page.getByLabel("Town").fill("Leipzig");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organization")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(organization))).isVisible();
    }

    /**
     * Reads the QR code from the pixels the browser drew. The element's screenshot holds the code alone in its
     * quiet zone, so ZXing reads it as a pure barcode: its finder-pattern detector, made for camera pictures,
     * misses a few perfectly drawn codes (7 of 400 random receipt codes drawn by Chromium, 0 of 2,000 read as
     * a pure barcode), which made this test fail now and then.
     */
    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
    }

    private static List<X509Certificate> certificates(byte[] pem) throws Exception {
        assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----");
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                .map(X509Certificate.class::cast).toList();
    }
}
