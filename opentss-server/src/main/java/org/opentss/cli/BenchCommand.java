package org.opentss.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.opentss.Application;
import org.opentss.bench.BenchFixture;
import org.opentss.bench.BenchParameters;
import org.opentss.bench.BenchReport;
import org.opentss.bench.Benchmark;
import org.opentss.bench.WarmUp;
import org.opentss.http.Json;
import org.opentss.journal.JournalWriter;
import org.opentss.journal.SignedLog;
import org.opentss.journal.TransactionData;
import org.opentss.journal.TransactionPhase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** {@code opentss bench}: measures OpenTSS against the cost of its signatures; {@code bench seed} builds data sets. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure, on this machine and in one run: raw ECDSA P-256 signatures per second on all cores; "
                    + "signed logs, transactions and request latency over HTTP with TSS x clients POS clients "
                    + "signing sales (start, then finish with a receipt) against a server started for the run "
                    + "(own JVM, heap capped, rate limits off); their ratio; the export rate; the server's peak "
                    + "heap and RSS. Every TSS is then exported and checked by the independent verifier: "
                    + "counters exactly 1..N and every signature valid.",
            "",
            "The last line holds the key figures. Exit codes: 0 a clean run; 1 requests failed or an invariant "
                    + "broke (the figures are still printed); 2 usage error.",
            ""
        },
        footer = {"", "Examples:", "  opentss bench --db sqlite --duration 30s",
            "  opentss bench --db postgresql --tss 8 --clients 64 --json"},
        subcommands = {BenchCommand.Seed.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", defaultValue = "sqlite", paramLabel = "sqlite|postgresql",
            description = "Database: a new SQLite file, or PostgreSQL (OPENTSS_DB_URL when set, else an embedded "
                    + "server with fsync on). Default ${DEFAULT-VALUE}.")
    String db;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "TIME",
            description = "How long the HTTP load is measured, e.g. 30s, 2m (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warmup", defaultValue = "auto", paramLabel = "auto|TIME",
            description = "Load before measuring starts, for the JIT and the caches: a time such as 30s, or auto "
                    + "(default): at least 30 s and until the server's JIT compiler used under 2 %% of a core "
                    + "for 5 s, at most 180 s.")
    String warmup;

    @Option(names = "--tss", defaultValue = "8", paramLabel = "N", description = "TSSs (default ${DEFAULT-VALUE}).")
    int tss;

    @Option(names = "--clients", defaultValue = "64", paramLabel = "M",
            description = "Concurrent POS clients, spread over the TSSs (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--server-heap", defaultValue = "256m", paramLabel = "SIZE",
            description = "The server's -Xmx (default ${DEFAULT-VALUE}).")
    String serverHeap;

    @Option(names = "--server-jfr", paramLabel = "FILE",
            description = "Write a Java Flight Recorder profile of the server to FILE.")
    Path serverJfr;

    @Option(names = "--json", description = "Print the result as exactly one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LogSetup.quiet();
        BenchParameters parameters;
        try {
            parameters = new BenchParameters(db, tss, clients, WarmUp.parse(warmup),
                    BenchParameters.parseDuration(duration), serverHeap,
                    Optional.ofNullable(serverJfr).map(Path::toAbsolutePath));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchReport report = new Benchmark(parameters, System.err).run();
        if (json) {
            System.out.println(report.json());
        } else {
            report.print(System.out);
        }
        return report.clean() ? 0 : 1;
    }

    /**
     * Creates an organization, an API key and an INITIALIZED TSS with one client, then signs receipts
     * straight into the journal, many per database transaction, until the TSS holds the requested number
     * of log messages. The logs are real signed log messages; the API's transaction resources are not
     * created, so the data set serves export benchmarks, not transaction reads.
     */
    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Create a TSS holding at least N signed log messages, for export benchmarks.")
    static final class Seed implements Callable<Integer> {

        private static final int TRANSACTIONS_PER_BATCH = 500;
        private static final byte[] RECEIPT = "Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar"
                .getBytes(StandardCharsets.US_ASCII);

        @Mixin
        ConfigOptions options;

        @Option(names = "--logs", required = true, paramLabel = "N", description = "Log messages to create (at least).")
        long logs;

        @Override
        public Integer call() {
            LogSetup.quiet();
            if (logs < 10 || logs > 100_000_000) {
                throw new IllegalArgumentException("--logs must be between 10 and 100000000");
            }
            try (Application app = options.openApplication()) {
                BenchFixture fixture = BenchFixture.create(app);
                BenchFixture.ReadyTss tss = fixture.readyTss(1);
                String serial = tss.clientSerials().getFirst();
                long started = System.nanoTime();
                long counter = 0;
                while (counter < logs) {
                    counter = app.tssTransactions().inLockedTss(fixture.caller(), tss.tssId(), (h, locked) -> {
                        JournalWriter writer = app.tssService().writer(h, locked);
                        writer.syncTimeIfDue();
                        for (int i = 0; i < TRANSACTIONS_PER_BATCH && writer.signatureCounter() < logs; i++) {
                            SignedLog start = writer.start(serial);
                            writer.append(new TransactionData(TransactionPhase.FINISH, serial, RECEIPT, "Kassenbeleg-V1",
                                    start.transactionNumber().getAsLong()));
                        }
                        return writer.signatureCounter();
                    });
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                ObjectNode result = Json.object();
                result.put("tss_id", tss.tssId());
                result.put("api_key", fixture.apiKey());
                result.put("api_secret", fixture.apiSecret());
                result.put("log_messages", counter);
                result.put("seconds", Math.round(seconds * 10) / 10.0);
                result.put("signed_per_second", Math.round(counter / seconds));
                System.out.println(Json.writeString(result));
            }
            return 0;
        }
    }
}
