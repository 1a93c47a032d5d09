package org.opentss.cli;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.opentss.Application;
import org.opentss.http.Json;
import org.opentss.identity.ApiKey;
import org.opentss.identity.Caller;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.identity.NewOrganization;
import org.opentss.identity.Organization;
import org.opentss.journal.JournalWriter;
import org.opentss.journal.SignedLog;
import org.opentss.journal.TransactionData;
import org.opentss.journal.TransactionPhase;
import org.opentss.tss.NewTss;
import org.opentss.tss.TssState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code opentss bench …}: builds data sets for benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark helpers.",
        subcommands = {BenchCommand.Seed.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
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
            try (Application app = Application.open(options.load(), Clock.systemUTC())) {
                Organization org = app.organizationService().create(new NewOrganization(Optional.empty(), "Benchmark",
                        "", Optional.empty(), "", "", Optional.empty(), "DEU", Optional.empty(), Map.of()), null);
                CreatedApiKey key = app.apiKeyService().create(org.id(), Environment.TEST, "Benchmark",
                        ApiKey.Status.ENABLED, Map.of(), Optional.empty(), Optional.empty());
                // a caller as a token of this key would be; the admin session binds to its token id
                Caller caller = new Caller(key.key().id(), org.id(), Environment.TEST, "bench", UUID.randomUUID().toString(),
                        Long.MAX_VALUE);
                String tssId = UUID.randomUUID().toString();
                NewTss tss = app.tssService().create(caller, tssId, Optional.empty());
                app.tssService().changeState(caller, tssId, TssState.UNINITIALIZED, Optional.empty(), Optional.empty());
                app.adminService().setPinWithPuk(caller, tssId, tss.adminPuk().orElseThrow(), "bench-pin");
                app.adminService().login(caller, tssId, "bench-pin");
                app.tssService().changeState(caller, tssId, TssState.INITIALIZED, Optional.empty(), Optional.empty());
                String serial = "BENCH-KASSE-01";
                app.clientService().create(caller, tssId, UUID.randomUUID().toString(), serial, Map.of());
                app.adminService().logout(caller, tssId);

                long started = System.nanoTime();
                long counter = 0;
                while (counter < logs) {
                    counter = app.tssTransactions().inLockedTss(caller, tssId, (h, locked) -> {
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
                result.put("tss_id", tssId);
                result.put("api_key", key.key().key());
                result.put("api_secret", key.secret());
                result.put("log_messages", counter);
                result.put("seconds", Math.round(seconds * 10) / 10.0);
                result.put("signed_per_second", Math.round(counter / seconds));
                System.out.println(Json.writeString(result));
            }
            return 0;
        }
    }
}
