package org.opentss.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    private static AppConfig load(Map<String, String> env) {
        return ConfigLoader.load(env, Map.of());
    }

    private static List<String> problems(Map<String, String> env) {
        try {
            load(env);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    @Test
    void defaultsServeSqliteUnderDataOnPort8080() {
        AppConfig config = load(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.databaseUrl()).isEqualTo("jdbc:sqlite:data/opentss.db");
        assertThat(config.isPostgres()).isFalse();
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.refreshTokenTtl()).isEqualTo(Duration.ofHours(48));
        assertThat(config.tokenIssuer()).isEqualTo("opentss");
        assertThat(config.keyStatusCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.authMaxFailuresPerMinute()).isEqualTo(10);
        assertThat(config.rateLimits()).isEqualTo(new RateLimits(300, 6000, 120, 6000, 300, 500));
        assertThat(config.corsAllowedOrigins()).containsExactly("*");
        assertThat(config.metricsToken()).isEmpty();
        assertThat(config.logFormat()).isEqualTo(AppConfig.LogFormat.TEXT);
        assertThat(config.hub()).isEqualTo(new HubSettings(false, Duration.ofHours(12), 5));
    }

    @Test
    void environmentSettingsAreRead() {
        AppConfig config = load(Map.of(
                "OPENTSS_PORT", "9090",
                "OPENTSS_DATA_DIR", "/var/lib/opentss",
                "OPENTSS_DB_URL", "jdbc:postgresql://db:5432/opentss",
                "OPENTSS_ACCESS_TOKEN_TTL_SECONDS", "3600",
                "OPENTSS_RATE_LIMIT_SIGN", "0",
                "OPENTSS_CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example",
                "OPENTSS_LOG_FORMAT", "json",
                "OPENTSS_HUB_SIGNUP", "TRUE",
                "OPENTSS_HUB_SESSION_HOURS", "8",
                "UNRELATED", "ignored"));
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.isPostgres()).isTrue();
        assertThat(config.databasePoolSize()).isEqualTo(10);
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.rateLimits().sign()).isZero();
        assertThat(config.corsAllowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(config.logFormat()).isEqualTo(AppConfig.LogFormat.JSON);
        assertThat(config.hub().signUpEnabled()).isTrue();
        assertThat(config.hub().sessionTtl()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void signingGroupsRunOnePerCoreAtMostHalfThePoolUnlessSet() {
        int cores = Runtime.getRuntime().availableProcessors();
        String postgres = "jdbc:postgresql://db:5432/opentss";
        assertThat(load(Map.of("OPENTSS_DB_URL", postgres)).signingGroups()).isEqualTo(Math.min(cores, 5));
        assertThat(load(Map.of("OPENTSS_DB_URL", postgres, "OPENTSS_DB_POOL_SIZE", "2")).signingGroups()).isEqualTo(1);
        assertThat(load(Map.of("OPENTSS_DB_URL", postgres, "OPENTSS_SIGNING_GROUPS", "8")).signingGroups())
                .isEqualTo(8);
        assertThat(problems(Map.of("OPENTSS_DB_URL", postgres, "OPENTSS_SIGNING_GROUPS", "11"))).containsExactly(
                "OPENTSS_SIGNING_GROUPS: must not exceed OPENTSS_DB_POOL_SIZE (10); each group holds a connection");
        assertThat(problems(Map.of("OPENTSS_SIGNING_GROUPS", "0"))).singleElement().asString()
                .startsWith("OPENTSS_SIGNING_GROUPS: must be between 1 and 200");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OPENTSS_PORT | abc | OPENTSS_PORT: must be a whole number (got 'abc')",
        "OPENTSS_PORT | 70000 | OPENTSS_PORT: must be between 0 and 65535 (got 70000)",
        "OPENTSS_DB_URL | jdbc:mysql://x/y | OPENTSS_DB_URL: must start with jdbc:sqlite: or jdbc:postgresql:",
        "OPENTSS_KEY_STATUS_CACHE_SECONDS | 61 | OPENTSS_KEY_STATUS_CACHE_SECONDS: must be between 0 and 60",
        "OPENTSS_ACCESS_TOKEN_TTL_SECONDS | -5 | OPENTSS_ACCESS_TOKEN_TTL_SECONDS: must be between",
        "OPENTSS_AUTH_MAX_FAILURES_PER_MINUTE | 0 | OPENTSS_AUTH_MAX_FAILURES_PER_MINUTE: must be between 1",
        "OPENTSS_RATE_LIMIT_MANAGEMENT | lots | OPENTSS_RATE_LIMIT_MANAGEMENT: must be a whole number",
        "OPENTSS_LOG_FORMAT | xml | OPENTSS_LOG_FORMAT: must be one of [text, json]",
        "OPENTSS_MASTER_KEY | c2hvcnQ= | OPENTSS_MASTER_KEY: must be 32 bytes in Base64",
        "OPENTSS_TOKEN_ISSUER | '' | OPENTSS_TOKEN_ISSUER: must not be empty",
        "OPENTSS_HUB_SIGNUP | maybe | OPENTSS_HUB_SIGNUP: must be true or false (got 'maybe')",
        "OPENTSS_HUB_SESSION_HOURS | 0 | OPENTSS_HUB_SESSION_HOURS: must be between 1 and 720",
    })
    void aBadSettingIsNamedInTheMessage(String name, String value, String expected) {
        assertThat(problems(Map.of(name, value))).singleElement().asString().startsWith(expected);
    }

    @Test
    void allBadSettingsAreReportedAtOnce() {
        assertThatThrownBy(() -> load(Map.of("OPENTSS_PORT", "x", "OPENTSS_LOG_FORMAT", "y")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OPENTSS_PORT")
                .hasMessageContaining("OPENTSS_LOG_FORMAT");
    }

    @Test
    void aDatabasePasswordIsNotEchoed() {
        assertThat(problems(Map.of("OPENTSS_DB_URL", "jdbc:oracle://u:hunter2@h/db?password=hunter2")))
                .singleElement().asString().doesNotContain("hunter2");
    }

    @Test
    void onlyOneMasterKeySourceMayBeSet() {
        assertThat(problems(Map.of("OPENTSS_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "OPENTSS_MASTER_KEY_FILE", "/etc/opentss/master.key")))
                .singleElement().asString().contains("set only one of them");
    }

    @Test
    void aConfigFileIsReadAndTheEnvironmentWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("opentss.properties");
        Files.writeString(file, "OPENTSS_PORT=7000\nOPENTSS_TOKEN_ISSUER=from-file\n");
        AppConfig config = ConfigLoader.load(Map.of("OPENTSS_CONFIG_FILE", file.toString(), "OPENTSS_PORT", "7001"),
                Map.of());
        assertThat(config.port()).isEqualTo(7001);
        assertThat(config.tokenIssuer()).isEqualTo("from-file");
    }

    @Test
    void commandLineOverridesWinOverTheEnvironment() {
        AppConfig config = ConfigLoader.load(Map.of("OPENTSS_PORT", "7001"), Map.of("OPENTSS_PORT", "7002"));
        assertThat(config.port()).isEqualTo(7002);
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThat(problems(Map.of("OPENTSS_CONFIG_FILE", "/nonexistent/opentss.properties")))
                .singleElement().asString().startsWith("OPENTSS_CONFIG_FILE: cannot read '/nonexistent/opentss.properties'");
    }

    @Test
    void theConfigurationPrintsWithoutSecrets() {
        AppConfig config = load(Map.of("OPENTSS_MASTER_KEY", "S2V5S2V5S2V5S2V5S2V5S2V5S2V5S2V5S2V5S2V5S2U=",
                "OPENTSS_METRICS_TOKEN", "metrics-secret", "OPENTSS_DB_PASSWORD", "db-secret"));
        assertThat(config.toString()).doesNotContain("S2V5", "metrics-secret", "db-secret");
    }

    @Test
    void thePkcs11CustodyNeedsItsLibraryAndPinAndNeverPrintsThePin(@TempDir Path dir) throws IOException {
        Path library = Files.writeString(dir.resolve("libtoken.so"), "a module");
        Path pinFile = Files.writeString(dir.resolve("pin"), "4711-secret\n");
        AppConfig config = load(Map.of("OPENTSS_KEY_CUSTODY", "PKCS11", "OPENTSS_PKCS11_LIBRARY", library.toString(),
                "OPENTSS_PKCS11_SLOT", "17", "OPENTSS_PKCS11_PIN_FILE", pinFile.toString()));
        assertThat(config.pkcs11()).hasValueSatisfying(p -> {
            assertThat(p.library()).isEqualTo(library);
            assertThat(p.slot()).hasValue(17);
            assertThat(p.pin()).isEqualTo("4711-secret");
        });
        assertThat(config.toString()).contains("libtoken.so").doesNotContain("4711");

        assertThat(problems(Map.of("OPENTSS_KEY_CUSTODY", "pkcs11"))).containsExactly(
                "OPENTSS_PKCS11_LIBRARY: required with OPENTSS_KEY_CUSTODY=pkcs11 (the token's PKCS#11 module, e.g. "
                        + "/usr/lib/softhsm/libsofthsm2.so)",
                "OPENTSS_PKCS11_PIN or OPENTSS_PKCS11_PIN_FILE: the token's user PIN is required with "
                        + "OPENTSS_KEY_CUSTODY=pkcs11");
        assertThat(problems(Map.of("OPENTSS_KEY_CUSTODY", "pkcs11", "OPENTSS_PKCS11_LIBRARY", "/nonexistent/lib.so",
                "OPENTSS_PKCS11_PIN", "1234", "OPENTSS_PKCS11_PIN_FILE", pinFile.toString())))
                .containsExactly("OPENTSS_PKCS11_LIBRARY: no such file '/nonexistent/lib.so'",
                        "OPENTSS_PKCS11_PIN and OPENTSS_PKCS11_PIN_FILE: set only one of them");
    }

    @Test
    void pkcs11SettingsWithoutThePkcs11CustodyAreAMistake() {
        assertThat(load(Map.of()).pkcs11()).isEmpty();
        assertThat(problems(Map.of("OPENTSS_PKCS11_PIN", "1234"))).singleElement().asString()
                .isEqualTo("OPENTSS_PKCS11_PIN: set, but OPENTSS_KEY_CUSTODY is not pkcs11 (it is envelope)");
        assertThat(problems(Map.of("OPENTSS_KEY_CUSTODY", "vault"))).singleElement().asString()
                .isEqualTo("OPENTSS_KEY_CUSTODY: must be envelope or pkcs11 (got 'vault')");
    }

    @Test
    void plainHttpWithoutTlsSettingsAndAYearOfHstsOnceThereAreSome(@TempDir Path dir) throws IOException {
        AppConfig plain = load(Map.of());
        assertThat(plain.tls()).isEmpty();
        assertThat(plain.hstsMaxAge()).isEqualTo(Duration.ofDays(365));
        assertThat(plain.toString()).contains("tls=off");

        Path certificate = Files.writeString(dir.resolve("server.crt"), "certificate");
        Path key = Files.writeString(dir.resolve("server.key"), "key");
        Path passwordFile = Files.writeString(dir.resolve("key.password"), "Key-Secret-4711\n");
        AppConfig pem = load(Map.of("OPENTSS_TLS_CERT", certificate.toString(), "OPENTSS_TLS_KEY", key.toString(),
                "OPENTSS_TLS_KEY_PASSWORD_FILE", passwordFile.toString(), "OPENTSS_HSTS_MAX_AGE_SECONDS", "0"));
        assertThat(pem.tls()).hasValue(new TlsSettings.Pem(certificate, key, Optional.of("Key-Secret-4711")));
        assertThat(pem.hstsMaxAge()).isZero();
        assertThat(pem.toString()).contains("server.crt", "server.key", "hstsMaxAge=0s").doesNotContain("Key-Secret");

        Path pkcs12 = Files.writeString(dir.resolve("server.p12"), "key store");
        AppConfig store = load(Map.of("OPENTSS_TLS_PKCS12", pkcs12.toString(), "OPENTSS_TLS_PKCS12_PASSWORD", "P12-Secret"));
        assertThat(store.tls()).hasValue(new TlsSettings.Pkcs12(pkcs12, "P12-Secret"));
        assertThat(store.toString()).contains("server.p12").doesNotContain("P12-Secret");
    }

    @Test
    void tlsSettingsComeAsPemFilesOrAPkcs12FileComplete(@TempDir Path dir) throws IOException {
        String certificate = Files.writeString(dir.resolve("server.crt"), "certificate").toString();
        String pkcs12 = Files.writeString(dir.resolve("server.p12"), "key store").toString();
        assertThat(problems(Map.of("OPENTSS_TLS_CERT", certificate))).containsExactly(
                "OPENTSS_TLS_KEY: required with OPENTSS_TLS_CERT (the certificate's private key, PEM)");
        assertThat(problems(Map.of("OPENTSS_TLS_KEY", "/nonexistent/server.key"))).containsExactly(
                "OPENTSS_TLS_KEY: no such file '/nonexistent/server.key'",
                "OPENTSS_TLS_CERT: required with OPENTSS_TLS_KEY (the certificate chain, PEM)");
        assertThat(problems(Map.of("OPENTSS_TLS_CERT", certificate, "OPENTSS_TLS_PKCS12", pkcs12,
                "OPENTSS_TLS_PKCS12_PASSWORD", "P12-Secret"))).containsExactly(
                "OPENTSS_TLS_PKCS12 and OPENTSS_TLS_CERT/OPENTSS_TLS_KEY: set either the PKCS#12 file or the PEM files, "
                        + "not both");
        assertThat(problems(Map.of("OPENTSS_TLS_PKCS12", pkcs12))).containsExactly(
                "OPENTSS_TLS_PKCS12_PASSWORD or OPENTSS_TLS_PKCS12_PASSWORD_FILE: required with OPENTSS_TLS_PKCS12");
        assertThat(problems(Map.of("OPENTSS_TLS_PKCS12", pkcs12, "OPENTSS_TLS_PKCS12_PASSWORD", "P12-Secret",
                "OPENTSS_TLS_PKCS12_PASSWORD_FILE", "/nonexistent/password")))
                .containsExactly("OPENTSS_TLS_PKCS12_PASSWORD and OPENTSS_TLS_PKCS12_PASSWORD_FILE: set only one of them");
        assertThat(problems(Map.of("OPENTSS_TLS_PKCS12_PASSWORD", "P12-Secret", "OPENTSS_TLS_KEY_PASSWORD", "Key-Secret")))
                .containsExactlyInAnyOrder("OPENTSS_TLS_PKCS12_PASSWORD: set, but OPENTSS_TLS_PKCS12 is not",
                        "OPENTSS_TLS_KEY_PASSWORD: set, but OPENTSS_TLS_KEY is not")
                .noneMatch(problem -> problem.contains("Secret"));
        assertThat(problems(Map.of("OPENTSS_HSTS_MAX_AGE_SECONDS", "-1"))).singleElement().asString()
                .startsWith("OPENTSS_HSTS_MAX_AGE_SECONDS: must be between 0 and 63072000");
    }
}
