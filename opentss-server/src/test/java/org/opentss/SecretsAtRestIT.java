package org.opentss;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentss.config.MasterKeyText;
import org.opentss.crypto.MasterKey;
import org.opentss.crypto.Sealer;
import org.opentss.hub.HubGuard;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.pos.fiscal.TssProvisioner;
import org.opentss.testing.HubBrowser;
import org.opentss.testing.HubUsers;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.StoredPrivateKeys;
import org.opentss.testing.TestServer;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Invariant 4 of DESIGN.md: API secrets, tokens, PUKs, PINs, HUB passwords, session cookies and private keys
 * are never in the logs, and never in clear in the database files.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class SecretsAtRestIT {

    @Test
    void secretsAndTokensAppearInNoLogAndNoDatabaseFile() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<String> secrets = new ArrayList<>();
        Path dataDir;
        try (TestServer server = TestServer.start()) {
            dataDir = server.dataDir();
            CreatedApiKey operatorKey = server.createApiKey(server.createOrganization("Secrets").id(), Environment.TEST);
            secrets.add(operatorKey.secret());
            JsonNode pair = server.login(operatorKey);
            secrets.add(pair.get("access_token").asString());
            secrets.add(pair.get("refresh_token").asString());
            JsonNode refreshed = server.post("/api/v2/auth",
                    "{\"refresh_token\":\"" + pair.get("refresh_token").asString() + "\"}", null).json();
            secrets.add(refreshed.get("refresh_token").asString());
            String access = refreshed.get("access_token").asString();
            secrets.add(access);

            JsonNode apiCreated = server.post("/api/v0/organizations/" + operatorKey.key().organizationId() + "/api-keys",
                    "{\"name\":\"Created over the API\"}", access).json();
            secrets.add(apiCreated.get("secret").asString());
            server.post("/api/v2/auth", "{\"api_key\":\"" + operatorKey.key().key() + "\",\"api_secret\":\"wrong-"
                    + operatorKey.secret() + "\"}", null);
            secrets.add(Files.readString(dataDir.resolve("master.key")).trim()); // only its own file may hold it

            // the TSS layer: PUK and PIN, right and wrong
            String tss = "/api/v2/tss/" + UUID.randomUUID();
            String puk = server.put(tss, "{}", access).json().get("admin_puk").asString();
            secrets.add(puk);
            server.patch(tss, "{\"state\":\"UNINITIALIZED\"}", access);
            String pin = "pin-Quokka-7731";
            secrets.add(pin);
            server.patch(tss + "/admin", "{\"admin_puk\":\"" + puk + "\",\"new_admin_pin\":\"" + pin + "\"}", access);
            server.post(tss + "/admin/auth", "{\"admin_pin\":\"" + pin + "\"}", access);
            secrets.add("wrong-Wombat-4242");
            server.post(tss + "/admin/auth", "{\"admin_pin\":\"wrong-Wombat-4242\"}", access);

            // the POS API: setup token, platform key, register keys, and the admin PIN and PUK that OpenTSS
            // holds for the TSSs it creates for locations
            PosFixture vendor = PosFixture.bootstrap(server, Environment.TEST);
            secrets.add(vendor.platformKey());
            // a second key, exchanged with an Idempotency-Key: the remembered request must not hold the token
            String setupToken = server.app().setupTokens().create(vendor.organization().id()).token();
            secrets.add(setupToken);
            JsonNode second = PosClient.anonymous(server).with("Idempotency-Key", "bootstrap-2")
                    .post("/v1/auth/bootstrap", "{\"setup_token\":\"" + setupToken + "\",\"environment\":\"test\"}")
                    .json();
            secrets.add(second.get("api_key").asString());
            String location = vendor.createLocation(vendor.createMerchant("Geheim GmbH"), "Tresor");
            String register = vendor.createRegister(location, "KASSE-01");
            secrets.add(vendor.createFiscalUnit(register, true).get("register_api_key").asString());
            secrets.add(vendor.platform().post("/v1/registers/" + register + "/credentials/rotate", "{}").json()
                    .get("register_api_key").asString());
            Sealer posSecrets = new Sealer(MasterKey.of(MasterKeyText.decode(
                    Files.readString(dataDir.resolve("master.key")).trim())).derive("pos-tss-admin-secrets/v1"));
            server.app().database().jdbi().useHandle(h -> h.createQuery("SELECT tss_id, admin_pin, admin_puk FROM pos_tss")
                    .map((rs, ctx) -> {
                        String tssId = rs.getString("tss_id");
                        secrets.add(new String(posSecrets.open(rs.getBytes("admin_pin"), TssProvisioner.pinLabel(tssId)),
                                StandardCharsets.UTF_8));
                        secrets.add(new String(posSecrets.open(rs.getBytes("admin_puk"), TssProvisioner.pukLabel(tssId)),
                                StandardCharsets.UTF_8));
                        return tssId;
                    })
                    .list());

            // the HUB: a user's password and session cookie, and the API secret, PUK and PIN its pages show once
            String hubPassword = "hub-Pangolin-9902";
            secrets.add(hubPassword);
            server.app().hubAccounts().addMembership(server.app().hubAccounts()
                    .signUp("secrets@example.com", hubPassword).id(), operatorKey.key().organizationId());
            try (HubBrowser browser = HubBrowser.launch()) {
                Page page = browser.newPage(server);
                HubUsers.signIn(page, "secrets@example.com", hubPassword);
                List<String> cookies = page.context().cookies().stream()
                        .filter(c -> c.name.equals(HubGuard.SESSION_COOKIE) && !c.value.isEmpty())
                        .map(c -> c.value).toList();
                assertThat(cookies).hasSize(1);
                secrets.addAll(cookies);
                page.navigate("/hub/api-keys");
                page.getByLabel("Name").fill("Hub key");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key")).click();
                secrets.add(page.locator("#new-api-secret").textContent().trim());
                page.navigate("/hub/tss/provision");
                String hubPin = "pin-Okapi-5517";
                secrets.add(hubPin);
                page.getByLabel("Admin PIN").fill(hubPin);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Provision TSS")).click();
                secrets.add(page.locator("#new-admin-puk").textContent().trim());
            }

            // the private keys, decoded from the database with the master key, in every encoding they could leak in
            List<ECPrivateKey> privateKeys = StoredPrivateKeys.read(server.app().database(), MasterKey.of(
                    MasterKeyText.decode(Files.readString(dataDir.resolve("master.key")).trim())));
            assertThat(privateKeys).as("3 TSS keys, 2 CA keys, a token signing key").hasSizeGreaterThanOrEqualTo(6);
            privateKeys.forEach(key -> secrets.addAll(encodings(key)));

            List<String> logLines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(logLines).isNotEmpty();
            for (String secret : secrets) {
                assertThat(logLines).noneMatch(line -> line.contains(secret));
            }
            assertDatabaseFilesDoNotContain(dataDir, secrets);
        } finally {
            root.detachAppender(logs);
        }
    }

    /**
     * A private key as PKCS#8 and as its scalar, raw (as the ISO-8859-1 text the database files are read as),
     * in Base64 and in hex.
     */
    private static List<String> encodings(ECPrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] magnitude = key.getS().toByteArray(); // may have a leading sign byte, or be shorter than size
        byte[] scalar = new byte[size];
        int length = Math.min(magnitude.length, size);
        System.arraycopy(magnitude, magnitude.length - length, scalar, size - length, length);
        String hex = HexFormat.of().formatHex(scalar);
        return List.of(new String(pkcs8, StandardCharsets.ISO_8859_1), new String(scalar, StandardCharsets.ISO_8859_1),
                Base64.getEncoder().encodeToString(pkcs8), Base64.getEncoder().encodeToString(scalar), hex,
                hex.toUpperCase(Locale.ROOT));
    }

    private static void assertDatabaseFilesDoNotContain(Path dataDir, List<String> secrets) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(dataDir)) {
            files = all.filter(p -> p.getFileName().toString().startsWith("opentss.db")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertThat(content).as(file + " must not hold a secret").doesNotContain(secret);
            }
        }
    }
}
