package org.opentss.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's Chromium driven by Playwright, for the HUB's browser tests. Playwright never downloads a browser
 * here: it launches {@code /usr/bin/chromium} (which {@code .ci/run} installs), headless and without any
 * network traffic of its own, so a page reaches only the test server on loopback.
 *
 * <p>A test class registers one as {@code @RegisterExtension static final HubBrowser browser = new HubBrowser();}:
 * it is launched before the class's tests and closed after them. {@link #launch()} gives one for a single test.
 */
public final class HubBrowser implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Where the tests leave screenshots of the main pages, for people to look at. */
    public static final Path SCREENSHOTS = Path.of("target", "hub-screenshots");

    private Playwright playwright;
    private Browser browser;

    /** A browser launched now, for a test that closes it itself. */
    public static HubBrowser launch() {
        HubBrowser launched = new HubBrowser();
        launched.start();
        return launched;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void start() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: install Debian's chromium package "
                    + "(apt-get install chromium), as .ci/run does");
        }
        this.playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic")));
    }

    /** A fresh browser profile (no cookies) with a laptop-sized window, its pages based at the server. */
    public Page newPage(HttpApi server) {
        return newPage(server, 1280, 860);
    }

    public Page newPage(HttpApi server, int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(server.uri("").toString())
                .setViewportSize(width, height)
                .setAcceptDownloads(true));
        context.setDefaultTimeout(15_000);
        return context.newPage();
    }

    /** Saves a full-page screenshot as {@code target/hub-screenshots/NAME.png}. */
    public static Path screenshot(Page page, String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
