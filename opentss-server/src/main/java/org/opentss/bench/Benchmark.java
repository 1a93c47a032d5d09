package org.opentss.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.opentss.Application;
import org.opentss.config.AppConfig;
import org.opentss.config.ConfigLoader;
import org.opentss.crypto.ConfiguredKeyCustody;
import org.opentss.crypto.KeyCustody;
import org.opentss.crypto.MasterKey;
import org.opentss.crypto.MasterKeyRing;

/**
 * One run of {@code opentss bench}: the raw signing rate of this machine, then the same work end to end
 * over HTTP against a server started for the run (its own JVM, heap capped, production settings but for
 * the rate limits), then an export of every TSS that also checks the run's invariants.
 */
public final class Benchmark {

    /** Settings of the server under test besides the database: the limits a load test would trip over. */
    private static final Map<String, String> UNLIMITED = Map.of(
            "OPENTSS_RATE_LIMIT_AUTH", "0",
            "OPENTSS_RATE_LIMIT_SIGN", "0",
            "OPENTSS_RATE_LIMIT_GENERAL", "0",
            "OPENTSS_RATE_LIMIT_EXPORT", "0",
            "OPENTSS_RATE_LIMIT_MANAGEMENT", "0");
    /** The JIT takes about 6 s on two cores to reach the steady signing rate; a shorter warm-up understates it. */
    private static final Duration RAW_WARMUP = Duration.ofSeconds(8);
    /** The rate varies by ±20 % from second to second on a shared machine; 10 s average it out. */
    private static final Duration RAW_DURATION = Duration.ofSeconds(10);
    /** After the load the signing code is compiled already; the warm-up only lets the threads start. */
    private static final Duration RAW_WARMUP_AGAIN = Duration.ofSeconds(2);

    private final BenchParameters parameters;
    private final PrintStream progress;

    public Benchmark(BenchParameters parameters, PrintStream progress) {
        this.parameters = parameters;
        this.progress = progress;
    }

    public BenchReport run() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("opentss-bench-");
        EmbeddedPostgresServer postgres = null;
        try {
            Map<String, String> settings = new HashMap<>();
            settings.put("OPENTSS_DATA_DIR", work.resolve("data").toString());
            if (System.getenv("OPENTSS_MASTER_KEY") == null && System.getenv("OPENTSS_MASTER_KEY_FILE") == null) {
                // the run's keys live only as long as its data; no key file to warn about and back up
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                settings.put("OPENTSS_MASTER_KEY", Base64.getEncoder().encodeToString(key));
            }
            if (parameters.db().equals("sqlite")) {
                settings.put("OPENTSS_DB_URL", "jdbc:sqlite:" + work.resolve("data").resolve("opentss.db"));
            } else if (System.getenv("OPENTSS_DB_URL") == null) {
                progress.println("starting an embedded PostgreSQL ...");
                postgres = EmbeddedPostgresServer.start(work.resolve("postgres"));
                settings.put("OPENTSS_DB_URL", postgres.jdbcUrl());
            } else if (!System.getenv("OPENTSS_DB_URL").startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("--db postgresql: OPENTSS_DB_URL must be a jdbc:postgresql: URL");
            }
            AppConfig config = ConfigLoader.load(System.getenv(), settings);
            if (parameters.db().equals("postgresql")) {
                PostgresDurability durability = durability(config);
                progress.println("database: " + durability.text());
                if (postgres != null && !durability.durable()) {
                    throw new IOException("the embedded " + durability.text());
                }
            }
            return measure(work, config, settings, postgres == null ? Optional.empty() : postgres.process());
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            deleteTree(work);
        }
    }

    /** @param database the embedded PostgreSQL's postmaster, whose CPU the run measures too */
    private BenchReport measure(Path work, AppConfig config, Map<String, String> settings,
            Optional<ProcessHandle> database) throws IOException, InterruptedException {
        progress.printf("creating %d TSS with %d clients in all ...%n", parameters.tss(), parameters.clients());
        List<BenchFixture.ReadyTss> tsses = new ArrayList<>();
        BenchFixture fixture;
        try (Application app = Application.open(config, Clock.systemUTC())) {
            fixture = BenchFixture.create(app);
            for (int i = 0; i < parameters.tss(); i++) {
                int share = parameters.clients() / parameters.tss() + (i < parameters.clients() % parameters.tss() ? 1 : 0);
                tsses.add(fixture.readyTss(share));
            }
        }

        int cores = Runtime.getRuntime().availableProcessors();
        progress.printf("raw ECDSA P-256 signing on %d threads (%s key custody) ...%n", cores,
                config.pkcs11().isPresent() ? "PKCS#11" : "envelope");
        KeyCustody custody = ConfiguredKeyCustody.of(config, MasterKeyRing.of(MasterKey.load(config)));
        double rawBefore = RawSigning.signaturesPerSecond(custody, cores, min(RAW_WARMUP, parameters.duration()),
                min(RAW_DURATION, parameters.duration()));

        Map<String, String> serverSettings = new HashMap<>(settings);
        serverSettings.putAll(UNLIMITED);
        progress.printf("starting the server (-Xmx%s) ...%n", parameters.serverHeap());
        try (BenchServer server = BenchServer.start(work, serverSettings, parameters.serverHeap(),
                parameters.serverJfr())) {
            URI apiBase = server.baseUrl().resolve("/api/v2");
            try (BenchApi api = new BenchApi(apiBase)) {
                List<SigningLoad.Worker> workers = new ArrayList<>();
                for (int i = 0; i < parameters.clients(); i++) {
                    BenchFixture.ReadyTss tss = tsses.get(i % tsses.size());
                    String clientId = tss.clientIds().get(i / tsses.size());
                    // a token per worker, as every POS client logs in on its own
                    workers.add(new SigningLoad.Worker(tss.tssId(), clientId, api.login(fixture.apiKey(),
                            fixture.apiSecret())));
                }
                progress.printf("signing: %d clients on %d TSS, %s warm-up, %s measured ...%n", parameters.clients(),
                        parameters.tss(), parameters.warmup() instanceof WarmUp.Fixed fixed
                                ? BenchParameters.text(fixed.duration()) : "auto (until the server's JIT has settled)",
                        BenchParameters.text(parameters.duration()));
                long[] logsAtStart = new long[1];
                long[] logsAtEnd = new long[1];
                CpuMeter serverCpu = CpuMeter.of(server.process());
                Optional<CpuMeter> databaseCpu = database.map(CpuMeter::withDescendants);
                SigningLoad.Outcome load = new SigningLoad(apiBase, workers).run(parameters.warmup(),
                        server::compilerCpuMillis, parameters.duration(), () -> signedLogs(api, tsses),
                        () -> {
                            logsAtStart[0] = signedLogs(api, tsses);
                            serverCpu.start();
                            databaseCpu.ifPresent(CpuMeter::start);
                        }, () -> {
                            serverCpu.end();
                            databaseCpu.ifPresent(CpuMeter::end);
                            logsAtEnd[0] = signedLogs(api, tsses);
                        });
                long signed = logsAtEnd[0] - logsAtStart[0];

                progress.println("raw ECDSA P-256 signing again, right after the load ...");
                double rawAfter = RawSigning.signaturesPerSecond(custody, cores,
                        min(RAW_WARMUP_AGAIN, parameters.duration()), min(RAW_DURATION, parameters.duration()));

                progress.println("exporting every TSS and verifying the archives ...");
                Map<String, BenchApi.Counters> counters = new LinkedHashMap<>();
                for (BenchFixture.ReadyTss tss : tsses) {
                    counters.put(tss.tssId(), api.counters(tss.tssId()));
                }
                ExportRun.Outcome export = ExportRun.run(api, counters);
                long peakRss = server.peakRssBytes();
                return new BenchReport(parameters, load.warmedUp(), rawBefore, rawAfter, signed / load.seconds(),
                        load.transactions() / load.seconds(), load.requests() / load.seconds(),
                        load.latencies().percentileMillis(50), load.latencies().percentileMillis(95),
                        load.latencies().percentileMillis(99), load.latencies().percentileMillis(100), load.errors(),
                        load.errorSamples(), export.logs() / export.jobSeconds(), export.logs() / export.downloadSeconds(),
                        export.logs(), server.peakHeapMiB(), peakRss < 0 ? -1 : peakRss / (1024 * 1024),
                        serverCpu.millisPer(signed), databaseCpu.map(cpu -> cpu.millisPer(signed)).orElse(-1.0),
                        export.problems());
            } catch (IOException | RuntimeException e) {
                throw new IOException(e.getMessage() + "\nlast lines of the server's output:\n" + server.tail(), e);
            }
        }
    }

    private static long signedLogs(BenchApi api, List<BenchFixture.ReadyTss> tsses) throws IOException {
        long sum = 0;
        for (BenchFixture.ReadyTss tss : tsses) {
            sum += api.counters(tss.tssId()).signatureCounter();
        }
        return sum;
    }

    private static PostgresDurability durability(AppConfig config) throws IOException {
        try {
            return PostgresDurability.of(config.databaseUrl(), config.databaseUser(), config.databasePassword());
        } catch (SQLException e) {
            throw new IOException("cannot read the settings of the PostgreSQL under test: " + e.getMessage(), e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; what is left is the system's to clean
        }
    }
}
