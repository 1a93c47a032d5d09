package org.opentss.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * Builds an {@link AppConfig} from {@code OPENTSS_*} settings. Sources, strongest first: command-line
 * options, environment variables, the file named by {@code OPENTSS_CONFIG_FILE} (Java properties with
 * the same keys), defaults. Every problem is collected, so one start reports all bad settings.
 */
public final class ConfigLoader {

    public static final String CONFIG_FILE = "OPENTSS_CONFIG_FILE";

    private final Map<String, String> settings;
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader(Map<String, String> settings) {
        this.settings = settings;
    }

    /**
     * @param environment the process environment (only {@code OPENTSS_*} keys are read)
     * @param overrides   settings given on the command line, by their {@code OPENTSS_*} names
     */
    public static AppConfig load(Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>();
        List<String> fileProblems = new ArrayList<>();
        String file = overrides.getOrDefault(CONFIG_FILE, environment.get(CONFIG_FILE));
        if (file != null && !file.isBlank()) {
            readFile(file, merged, fileProblems);
        }
        environment.forEach((k, v) -> {
            if (k.startsWith("OPENTSS_")) {
                merged.put(k, v);
            }
        });
        merged.putAll(overrides);
        ConfigLoader loader = new ConfigLoader(merged);
        loader.problems.addAll(fileProblems);
        return loader.build();
    }

    private static void readFile(String file, Map<String, String> into, List<String> problems) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
            properties.stringPropertyNames().forEach(name -> into.put(name, properties.getProperty(name).trim()));
        } catch (IOException | InvalidPathException e) {
            problems.add(CONFIG_FILE + ": cannot read '" + file + "' (" + e.getMessage() + ")");
        }
    }

    private AppConfig build() {
        String host = text("OPENTSS_HOST", "0.0.0.0");
        int port = integer("OPENTSS_PORT", 8080, 0, 65535);
        Optional<TlsSettings> tls = tlsSettings();
        Duration hstsMaxAge = seconds("OPENTSS_HSTS_MAX_AGE_SECONDS", 31_536_000, 0, 63_072_000);
        Path dataDir = path("OPENTSS_DATA_DIR", "data");
        String defaultUrl = "jdbc:sqlite:" + dataDir.resolve("opentss.db");
        String databaseUrl = text("OPENTSS_DB_URL", defaultUrl);
        boolean postgres = databaseUrl.startsWith("jdbc:postgresql:");
        if (!postgres && !databaseUrl.startsWith("jdbc:sqlite:")) {
            problems.add("OPENTSS_DB_URL: must start with jdbc:sqlite: or jdbc:postgresql: (got '"
                    + redactUrl(databaseUrl) + "')");
        }
        int poolSize = integer("OPENTSS_DB_POOL_SIZE", postgres ? 10 : 4, 1, 200);
        int signingGroups = signingGroups(poolSize);
        Optional<String> masterKey = masterKeyText("OPENTSS_MASTER_KEY", "OPENTSS_MASTER_KEY_FILE");
        Optional<Path> masterKeyFile = optional("OPENTSS_MASTER_KEY_FILE").map(p -> toPath("OPENTSS_MASTER_KEY_FILE", p));
        Optional<String> previousKey = masterKeyText("OPENTSS_MASTER_KEY_PREVIOUS", "OPENTSS_MASTER_KEY_PREVIOUS_FILE");
        Optional<Path> previousKeyFile = optional("OPENTSS_MASTER_KEY_PREVIOUS_FILE")
                .map(p -> toPath("OPENTSS_MASTER_KEY_PREVIOUS_FILE", p));
        if (previousKey.isPresent() && previousKey.equals(masterKey)) {
            problems.add("OPENTSS_MASTER_KEY_PREVIOUS: is the same key as OPENTSS_MASTER_KEY");
        }
        Optional<Pkcs11Settings> pkcs11 = keyCustody();
        Duration accessTtl = seconds("OPENTSS_ACCESS_TOKEN_TTL_SECONDS", 86400, 60, 31_536_000);
        Duration refreshTtl = seconds("OPENTSS_REFRESH_TOKEN_TTL_SECONDS", 172800, 60, 31_536_000);
        String issuer = text("OPENTSS_TOKEN_ISSUER", "opentss");
        if (issuer.isBlank()) {
            problems.add("OPENTSS_TOKEN_ISSUER: must not be empty");
        }
        Duration keyStatusCache = seconds("OPENTSS_KEY_STATUS_CACHE_SECONDS", 30, 0, 60);
        int maxFailures = integer("OPENTSS_AUTH_MAX_FAILURES_PER_MINUTE", 10, 1, 1_000_000);
        RateLimits rateLimits = new RateLimits(
                integer("OPENTSS_RATE_LIMIT_AUTH", 300, 0, 100_000_000),
                integer("OPENTSS_RATE_LIMIT_SIGN", 6000, 0, 100_000_000),
                integer("OPENTSS_RATE_LIMIT_EXPORT", 120, 0, 100_000_000),
                integer("OPENTSS_RATE_LIMIT_GENERAL", 6000, 0, 100_000_000),
                integer("OPENTSS_RATE_LIMIT_MANAGEMENT", 300, 0, 100_000_000),
                integer("OPENTSS_RATE_LIMIT_POS_PER_SECOND", 500, 0, 100_000_000));
        TssSettings tss = tssSettings();
        PosSettings pos = new PosSettings(seconds("OPENTSS_POS_HEARTBEAT_INTERVAL_SECONDS", 60, 5, 86_400),
                integer("OPENTSS_POS_MAX_OPEN_OPERATIONS_PER_REGISTER", 500, 1, 1_000_000));
        List<String> cors = Arrays.stream(text("OPENTSS_CORS_ALLOWED_ORIGINS", "*").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        HubSettings hub = new HubSettings(bool("OPENTSS_HUB_SIGNUP", false),
                Duration.ofHours(parse("OPENTSS_HUB_SESSION_HOURS", 12, 1, 720)),
                integer("OPENTSS_HUB_MAX_SIGN_IN_FAILURES_PER_MINUTE", 5, 1, 1000));
        Optional<String> metricsToken = optional("OPENTSS_METRICS_TOKEN");
        AppConfig.LogFormat logFormat = choice("OPENTSS_LOG_FORMAT", AppConfig.LogFormat.TEXT, AppConfig.LogFormat.class);
        Duration drain = seconds("OPENTSS_SHUTDOWN_DRAIN_SECONDS", 0, 0, 600);
        Duration grace = seconds("OPENTSS_SHUTDOWN_GRACE_SECONDS", 10, 0, 600);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AppConfig(host, port, tls, hstsMaxAge, dataDir, databaseUrl, optional("OPENTSS_DB_USER"),
                optional("OPENTSS_DB_PASSWORD"), poolSize, signingGroups, masterKey, masterKeyFile, previousKey,
                previousKeyFile, pkcs11, accessTtl, refreshTtl,
                issuer, keyStatusCache, maxFailures, rateLimits, tss, pos, hub, cors, metricsToken, logFormat, drain, grace);
    }

    /**
     * How many group commits of signing requests a node runs at once, each on a connection of its own. By
     * default one per core, at most half the pool (so that reads, authentication and exports always find a
     * connection): the groups' work is CPU on both sides of the connection, and with more of them than
     * cores each held fewer requests for the same fixed cost of locks, round trips and a commit. On 2 cores
     * with a local PostgreSQL, {@code opentss bench} measured 10 % less CPU per signed log and half the p99
     * latency with 2 than with 5. With the database far away, round trips rather than CPU bound a group's
     * time, and more groups at once let more TSSs sign at the same time.
     */
    private int signingGroups(int poolSize) {
        int perCore = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, poolSize / 2));
        int groups = integer("OPENTSS_SIGNING_GROUPS", perCore, 1, 200);
        if (groups > poolSize) {
            problems.add("OPENTSS_SIGNING_GROUPS: must not exceed OPENTSS_DB_POOL_SIZE (" + poolSize
                    + "); each group holds a connection");
        }
        return groups;
    }

    /** A master key given as text, checked; {@code fileName} is the other way to give it. */
    private Optional<String> masterKeyText(String name, String fileName) {
        Optional<String> key = optional(name);
        if (key.isPresent() && optional(fileName).isPresent()) {
            problems.add(name + " and " + fileName + ": set only one of them");
        }
        key.ifPresent(text -> {
            if (!MasterKeyText.isValid(text)) {
                problems.add(name + ": must be 32 bytes in Base64 (44 characters), e.g. from 'openssl rand -base64 32'");
            }
        });
        return key.filter(MasterKeyText::isValid);
    }

    /** Empty for the envelope custody (the default), else where the PKCS#11 token is. */
    private Optional<Pkcs11Settings> keyCustody() {
        String custody = text("OPENTSS_KEY_CUSTODY", "envelope").toLowerCase(Locale.ROOT);
        List<String> pkcs11Names = List.of("OPENTSS_PKCS11_LIBRARY", "OPENTSS_PKCS11_SLOT", "OPENTSS_PKCS11_PIN",
                "OPENTSS_PKCS11_PIN_FILE");
        if (custody.equals("envelope")) {
            pkcs11Names.stream().filter(name -> optional(name).isPresent()).forEach(name ->
                    problems.add(name + ": set, but OPENTSS_KEY_CUSTODY is not pkcs11 (it is envelope)"));
            return Optional.empty();
        }
        if (!custody.equals("pkcs11")) {
            problems.add("OPENTSS_KEY_CUSTODY: must be envelope or pkcs11 (got '" + custody + "')");
            return Optional.empty();
        }
        Optional<Path> library = readableFile("OPENTSS_PKCS11_LIBRARY");
        if (library.isEmpty()) {
            problems.add("OPENTSS_PKCS11_LIBRARY: required with OPENTSS_KEY_CUSTODY=pkcs11 (the token's PKCS#11 "
                    + "module, e.g. /usr/lib/softhsm/libsofthsm2.so)");
        }
        OptionalLong slot = optional("OPENTSS_PKCS11_SLOT").isPresent()
                ? OptionalLong.of(parse("OPENTSS_PKCS11_SLOT", 0, 0, Long.MAX_VALUE)) : OptionalLong.empty();
        Optional<String> pin = secret("OPENTSS_PKCS11_PIN", "OPENTSS_PKCS11_PIN_FILE");
        if (optional("OPENTSS_PKCS11_PIN").isEmpty() && optional("OPENTSS_PKCS11_PIN_FILE").isEmpty()) {
            problems.add("OPENTSS_PKCS11_PIN or OPENTSS_PKCS11_PIN_FILE: the token's user PIN is required with "
                    + "OPENTSS_KEY_CUSTODY=pkcs11");
        }
        return library.flatMap(lib -> pin.map(p -> new Pkcs11Settings(lib, slot, p)));
    }

    /**
     * Empty for plain HTTP (the default), else the files of the certificate and key to listen with on HTTPS:
     * PEM files or a PKCS#12 file, not both. Their contents are checked when the server starts.
     */
    private Optional<TlsSettings> tlsSettings() {
        onlyWith("OPENTSS_TLS_KEY", "OPENTSS_TLS_KEY_PASSWORD", "OPENTSS_TLS_KEY_PASSWORD_FILE");
        onlyWith("OPENTSS_TLS_PKCS12", "OPENTSS_TLS_PKCS12_PASSWORD", "OPENTSS_TLS_PKCS12_PASSWORD_FILE");
        boolean pem = optional("OPENTSS_TLS_CERT").isPresent() || optional("OPENTSS_TLS_KEY").isPresent();
        boolean pkcs12 = optional("OPENTSS_TLS_PKCS12").isPresent();
        if (pem && pkcs12) {
            problems.add("OPENTSS_TLS_PKCS12 and OPENTSS_TLS_CERT/OPENTSS_TLS_KEY: set either the PKCS#12 file or the "
                    + "PEM files, not both");
            return Optional.empty();
        }
        if (pkcs12) {
            Optional<Path> file = readableFile("OPENTSS_TLS_PKCS12");
            Optional<String> password = secret("OPENTSS_TLS_PKCS12_PASSWORD", "OPENTSS_TLS_PKCS12_PASSWORD_FILE");
            if (optional("OPENTSS_TLS_PKCS12_PASSWORD").isEmpty()
                    && optional("OPENTSS_TLS_PKCS12_PASSWORD_FILE").isEmpty()) {
                problems.add("OPENTSS_TLS_PKCS12_PASSWORD or OPENTSS_TLS_PKCS12_PASSWORD_FILE: required with "
                        + "OPENTSS_TLS_PKCS12");
            }
            return file.flatMap(f -> password.map(p -> new TlsSettings.Pkcs12(f, p)));
        }
        if (!pem) {
            return Optional.empty();
        }
        Optional<Path> certificates = readableFile("OPENTSS_TLS_CERT");
        Optional<Path> key = readableFile("OPENTSS_TLS_KEY");
        if (certificates.isEmpty()) {
            problems.add("OPENTSS_TLS_CERT: required with OPENTSS_TLS_KEY (the certificate chain, PEM)");
        }
        if (key.isEmpty()) {
            problems.add("OPENTSS_TLS_KEY: required with OPENTSS_TLS_CERT (the certificate's private key, PEM)");
        }
        Optional<String> keyPassword = secret("OPENTSS_TLS_KEY_PASSWORD", "OPENTSS_TLS_KEY_PASSWORD_FILE");
        return certificates.flatMap(c -> key.map(k -> new TlsSettings.Pem(c, k, keyPassword)));
    }

    /** Settings that only mean something along with {@code main} are a mistake without it. */
    private void onlyWith(String main, String... dependents) {
        if (optional(main).isEmpty()) {
            Arrays.stream(dependents).filter(name -> optional(name).isPresent())
                    .forEach(name -> problems.add(name + ": set, but " + main + " is not"));
        }
    }

    /** The file a setting names, checked to be there and readable; empty if the setting is not set. */
    private Optional<Path> readableFile(String name) {
        Optional<Path> file = optional(name).map(value -> toPath(name, value));
        file.ifPresent(f -> {
            if (!Files.isRegularFile(f)) {
                problems.add(name + ": no such file '" + f + "'");
            } else if (!Files.isReadable(f)) {
                problems.add(name + ": cannot read '" + f + "' (permission denied)");
            }
        });
        return file;
    }

    /** A secret given either directly or as a file holding it (trimmed), not both; empty if neither or wrong. */
    private Optional<String> secret(String name, String fileName) {
        Optional<String> direct = optional(name);
        Optional<String> file = optional(fileName);
        if (direct.isPresent() && file.isPresent()) {
            problems.add(name + " and " + fileName + ": set only one of them");
            return Optional.empty();
        }
        if (file.isEmpty()) {
            return direct;
        }
        try {
            String value = Files.readString(toPath(fileName, file.get()), StandardCharsets.UTF_8).trim();
            if (value.isEmpty()) {
                problems.add(fileName + ": the file '" + file.get() + "' is empty");
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (IOException e) {
            problems.add(fileName + ": cannot read '" + file.get() + "' (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private TssSettings tssSettings() {
        String instanceName = text("OPENTSS_INSTANCE_NAME", "OpenTSS");
        if (!instanceName.matches("[A-Za-z0-9 '()+,\\-./:=?]{1,64}")) {
            problems.add("OPENTSS_INSTANCE_NAME: must be 1 to 64 characters of A-Z a-z 0-9 space ' ( ) + , - . / : = ? "
                    + "(it becomes O= in certificates)");
        }
        Duration pukLock = Duration.ofMinutes(parse("OPENTSS_ADMIN_PUK_LOCK_MINUTES", 15, 1, 525_600));
        Duration pukLockMax = Duration.ofMinutes(parse("OPENTSS_ADMIN_PUK_LOCK_MAX_MINUTES", 1440, 1, 525_600));
        if (pukLockMax.compareTo(pukLock) < 0) {
            problems.add("OPENTSS_ADMIN_PUK_LOCK_MAX_MINUTES: must not be less than OPENTSS_ADMIN_PUK_LOCK_MINUTES");
        }
        return new TssSettings(instanceName,
                integer("OPENTSS_MAX_REGISTERED_CLIENTS", 199, 1, 1_000_000),
                integer("OPENTSS_MAX_ACTIVE_TRANSACTIONS", 2000, 1, 10_000_000),
                integer("OPENTSS_MAX_TSS_PER_ORG", 0, 0, 10_000_000),
                integer("OPENTSS_MAX_TSS_CREATIONS_PER_DAY", 500, 1, 10_000_000),
                integer("OPENTSS_ADMIN_PIN_MAX_FAILURES", 5, 1, 1000),
                integer("OPENTSS_ADMIN_PUK_MAX_FAILURES", 10, 1, 1000),
                pukLock, pukLockMax,
                Duration.ofHours(parse("OPENTSS_UPDATE_TIME_INTERVAL_HOURS", 24, 1, 8760)),
                Duration.ofMillis(parse("OPENTSS_TSS_LOCK_TIMEOUT_MS", 10_000, 100, 600_000)),
                integer("OPENTSS_MAX_OPEN_EXPORTS_PER_TSS", 10, 1, 1000),
                Duration.ofDays(parse("OPENTSS_EXPORT_RETENTION_DAYS", 30, 1, 3650)),
                Duration.ofHours(parse("OPENTSS_EXPORT_TIMEOUT_HOURS", 24, 1, 720)));
    }

    private Optional<String> optional(String name) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private String text(String name, String defaultValue) {
        String value = settings.get(name);
        return value == null ? defaultValue : value.trim();
    }

    private Path path(String name, String defaultValue) {
        return toPath(name, optional(name).orElse(defaultValue));
    }

    private Path toPath(String name, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            problems.add(name + ": not a valid path ('" + value + "')");
            return Path.of(".");
        }
    }

    private int integer(String name, int defaultValue, int min, int max) {
        return (int) parse(name, defaultValue, min, max);
    }

    private Duration seconds(String name, long defaultValue, long min, long max) {
        return Duration.ofSeconds(parse(name, defaultValue, min, max));
    }

    private long parse(String name, long defaultValue, long min, long max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value < min || value > max) {
                problems.add(name + ": must be between " + min + " and " + max + " (got " + value + ")");
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(name + ": must be a whole number (got '" + raw.get() + "')");
            return defaultValue;
        }
    }

    private boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> {
                problems.add(name + ": must be true or false (got '" + raw.get() + "')");
                yield defaultValue;
            }
        };
    }

    private <E extends Enum<E>> E choice(String name, E defaultValue, Class<E> type) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, raw.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(name + ": must be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
                    + " (got '" + raw.get() + "')");
            return defaultValue;
        }
    }

    /** Hides a password that a JDBC URL may carry, so that an error message can show the URL. */
    static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }
}
