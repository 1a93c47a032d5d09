package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentss.identity.Environment;
import org.opentss.testing.CliRun;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ServerProcess;
import org.opentss.testing.TestServer;
import org.opentss.testing.TlsCertificate;
import org.opentss.testing.TlsCertificate.KeyFormat;

/**
 * {@code serve} on HTTPS with a certificate made at test time: PEM or PKCS#12 files, TLS 1.2 and 1.3 only, HSTS,
 * {@code Secure} HUB cookies, and start-ups that stop on credentials that cannot serve.
 */
@Tag(TestServer.EXPLICIT_DATABASE) // TLS does not depend on the database; SQLite is enough
class TlsIT {

    /** Of the PKCS#12 files and encrypted keys made here; no message may show it. */
    private static final String PASSWORD = "Tls-Secret-4711";
    private static final TlsCertificate CERTIFICATE = TlsCertificate.selfSigned("EC");

    @TempDir
    static Path files;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(pemSettings(CERTIFICATE, "server"), CERTIFICATE.trustingIt());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** OPENTSS_TLS_CERT and OPENTSS_TLS_KEY for the certificate, its key in the traditional form openssl writes. */
    private static Map<String, String> pemSettings(TlsCertificate certificate, String name) {
        return Map.of("OPENTSS_TLS_CERT", certificate.writeCertificate(files.resolve(name + ".crt")).toString(),
                "OPENTSS_TLS_KEY", certificate.writeKey(files.resolve(name + ".key"), KeyFormat.TRADITIONAL, null).toString());
    }

    @Test
    void everyResponseOverHttpsCarriesHsts() {
        assertThat(server.uri("/health").getScheme()).isEqualTo("https");
        HttpResult health = server.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Strict-Transport-Security")).hasValue("max-age=31536000");
        HttpResult notFound = server.get("/nothing-here", null);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("Strict-Transport-Security")).hasValue("max-age=31536000");
    }

    @Test
    void theApiAnswersOverHttps() {
        HttpResult wrongKey = server.post("/api/v2/auth", "{\"api_key\":\"nobody\",\"api_secret\":\"wrong\"}", null);
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.json().get("status_code").asInt()).isEqualTo(401);
        assertThat(wrongKey.json().get("error").asString()).isEqualTo("Unauthorized");

        String token = server.accessToken(server.createApiKey(server.createOrganization("Over TLS").id(), Environment.TEST));
        assertThat(server.get("/api/v0/organizations", token).status()).isEqualTo(200);
    }

    @Test
    void tls13AndTls12AreOffered() throws IOException {
        int port = server.uri("/").getPort();
        assertThat(handshake(port, "TLSv1.3")).isEqualTo("TLSv1.3");
        assertThat(handshake(port, "TLSv1.2")).isEqualTo("TLSv1.2");
    }

    @Test
    void plainHttpToTheTlsPortFails() {
        URI plain = URI.create("http://127.0.0.1:" + server.uri("/").getPort() + "/health");
        assertThatThrownBy(() -> server.send(HttpRequest.newBuilder(plain))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void hubCookiesAreSecureOverHttps() {
        String email = "tls-" + System.nanoTime() + "@example.com";
        String password = server.app().hubAccounts().createMember(email, server.createOrganization("HUB over TLS").id())
                .password();
        HttpResult form = server.get("/hub/sign-in", null);
        String preSession = cookie(form, "opentss_hub_pre");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();

        HttpResult signedIn = server.send(server.request("/hub/sign-in", null)
                .header("Cookie", "opentss_hub_pre=" + preSession)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(csrf.group(1)) + "&email=" + encode(email)
                        + "&password=" + encode(password))));
        assertThat(signedIn.status()).isEqualTo(303);
        cookie(signedIn, "opentss_hub");
    }

    /** The value of the cookie the response sets, which must be {@code Secure}. */
    private static String cookie(HttpResult result, String name) {
        String setCookie = result.response().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("; Secure");
        return setCookie.substring(name.length() + 1, setCookie.indexOf(';'));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aPkcs12FileServesTheSame() {
        TlsCertificate rsa = TlsCertificate.selfSigned("RSA");
        Path passwordFile = write("p12.password", PASSWORD + "\n");
        try (TestServer p12 = TestServer.start(Map.of(
                "OPENTSS_TLS_PKCS12", rsa.writePkcs12(files.resolve("server.p12"), PASSWORD).toString(),
                "OPENTSS_TLS_PKCS12_PASSWORD_FILE", passwordFile.toString(),
                "OPENTSS_HSTS_MAX_AGE_SECONDS", "600"), rsa.trustingIt())) {
            HttpResult health = p12.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.header("Strict-Transport-Security")).hasValue("max-age=600");
        }
    }

    @Test
    void noHstsOverPlainHttpOrWhenTurnedOff() {
        try (TestServer plain = TestServer.start(Map.of("OPENTSS_HSTS_MAX_AGE_SECONDS", "600"))) {
            assertThat(plain.uri("/health").getScheme()).isEqualTo("http");
            assertThat(plain.get("/health", null).header("Strict-Transport-Security")).isEmpty();
        }
        Map<String, String> off = new HashMap<>(pemSettings(CERTIFICATE, "off"));
        off.put("OPENTSS_HSTS_MAX_AGE_SECONDS", "0");
        try (TestServer tls = TestServer.start(off, CERTIFICATE.trustingIt())) {
            HttpResult health = tls.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.header("Strict-Transport-Security")).isEmpty();
        }
    }

    /**
     * {@code serve} as an operator runs it logs its https address; and it refuses TLS 1.1 by its own choice of
     * protocols, not only because the JDK's {@code java.security} does: the server's JVM here allows TLS 1.1.
     */
    @Test
    void serveListensOnHttpsAndRefusesTls11EvenWhereTheJdkAllowsIt() throws IOException {
        Path security = write("tls11-allowed.security", "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, 3DES_EDE_CBC, anon, NULL\n");
        Map<String, String> environment = new HashMap<>(pemSettings(CERTIFICATE, "process"));
        environment.put("OPENTSS_DATA_DIR", files.resolve("process-data").toString());
        environment.put("JAVA_TOOL_OPTIONS", "-Djava.security.properties=" + security);
        try (ServerProcess served = ServerProcess.start("serve-tls", environment);
                HttpClient client = HttpClient.newBuilder().sslContext(CERTIFICATE.trustingIt()).build()) {
            assertThat(served.logText()).contains("listening on https://127.0.0.1:" + served.port());
            assertThat(served.uri("/health").getScheme()).isEqualTo("https");
            assertThat(client.send(HttpRequest.newBuilder(served.uri("/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

            byte[] answer = answerToTls11Hello(served.port());
            assertThat(answer[0]).as("an alert record").isEqualTo((byte) 21);
            assertThat(answer[5]).as("fatal").isEqualTo((byte) 2);
            assertThat(answer[6]).as("protocol_version").isEqualTo((byte) 70);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void credentialsThatCannotServeStopTheStartNamingTheSettingButNotThePassword() {
        CliRun certificateOnly = serve(Map.of("OPENTSS_TLS_CERT", CERTIFICATE.writeCertificate(files.resolve("only.crt"))
                .toString()));
        assertThat(certificateOnly.exitCode()).isEqualTo(2);
        assertThat(certificateOnly.err()).contains("OPENTSS_TLS_KEY: required with OPENTSS_TLS_CERT");

        CliRun wrongPassword = serve(Map.of(
                "OPENTSS_TLS_PKCS12", CERTIFICATE.writePkcs12(files.resolve("wrong.p12"), PASSWORD).toString(),
                "OPENTSS_TLS_PKCS12_PASSWORD", "Not-The-Password-0815"));
        assertThat(wrongPassword.exitCode()).isEqualTo(2);
        assertThat(wrongPassword.err()).contains("OPENTSS_TLS_PKCS12: cannot open")
                .doesNotContain("Not-The-Password-0815", PASSWORD);

        TlsCertificate other = TlsCertificate.selfSigned("EC");
        CliRun mismatched = serve(Map.of("OPENTSS_TLS_CERT", CERTIFICATE.writeCertificate(files.resolve("mine.crt")).toString(),
                "OPENTSS_TLS_KEY", other.writeKey(files.resolve("other.key"), KeyFormat.ENCRYPTED_PKCS8, PASSWORD)
                        .toString(),
                "OPENTSS_TLS_KEY_PASSWORD", PASSWORD));
        assertThat(mismatched.exitCode()).isEqualTo(2);
        assertThat(mismatched.err()).contains("OPENTSS_TLS_KEY: the key does not belong to the first certificate")
                .doesNotContain(PASSWORD);
    }

    /** {@code opentss serve} in this JVM with the settings in a properties file; it returns only if it fails. */
    private static CliRun serve(Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.put("OPENTSS_HOST", "127.0.0.1");
        Path file = files.resolve("serve-" + System.nanoTime() + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CliRun.of("serve", "--port", "0", "--config", file.toString(),
                "--data-dir", files.resolve("cli-data").toString());
    }

    private static String handshake(int port, String protocol) throws IOException {
        SSLContext client = CERTIFICATE.trustingIt();
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    /**
     * The first 7 bytes the server answers a TLS 1.1 ClientHello with. The hello is written by hand: the JDK's
     * client cannot offer TLS 1.1 while its {@code java.security} disables it, as it does by default.
     */
    private static byte[] answerToTls11Hello(int port) throws IOException {
        byte[] suites = {(byte) 0xC0, 0x09, (byte) 0xC0, 0x13, 0x00, 0x2F}; // AES_128_CBC_SHA: ECDHE_ECDSA, ECDHE_RSA, RSA
        ByteBuffer hello = ByteBuffer.allocate(2 + 32 + 1 + 2 + suites.length + 2)
                .putShort((short) 0x0302) // client_version: TLS 1.1
                .put(new byte[32]) // random
                .put((byte) 0) // no session id
                .putShort((short) suites.length).put(suites)
                .put((byte) 1).put((byte) 0); // compression: null only
        ByteBuffer record = ByteBuffer.allocate(5 + 4 + hello.capacity())
                .put((byte) 22).putShort((short) 0x0302).putShort((short) (4 + hello.capacity())) // handshake record
                .put((byte) 1).put((byte) 0).putShort((short) hello.capacity()) // ClientHello and its length
                .put(hello.array());
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(record.array());
            return socket.getInputStream().readNBytes(7);
        }
    }

    private static Path write(String name, String content) {
        try {
            return Files.writeString(files.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
