package org.opentss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentss.store.Database;
import org.opentss.testing.Databases;
import org.opentss.testing.GaplessExport;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.ServerProcess;
import org.opentss.testing.TestServer;
import org.opentss.testing.Tenant;
import org.opentss.testing.TestDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN.md invariants 1 and 2 across a crash: a server is killed with SIGKILL while clients sign and
 * exports run, and started again on the same database with the same master key. Every revision answered
 * with 200 before the kill is still there with the identical signature and counter; the journal is
 * gapless (counters 1..N, transaction numbers 1..M, each once); the requests that were in flight can be
 * retried and each transaction counts once; every export job left PENDING or WORKING completes. Runs on
 * SQLite (one node owns its data directory) and on PostgreSQL.
 *
 * <p>On SQLite the restarted node takes the jobs it left WORKING up again at once. On PostgreSQL a job
 * left WORKING is only taken over once its 30 s lease has run out ({@code ExportWorker}); rather than
 * wait, the test moves such leases into the past while no server runs — what the passing of 30 s would
 * do — and then checks that the restarted node takes them over and completes them.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class CrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(CrashIT.class);

    private static final int CLIENTS = 6;
    private static final String RECEIPT = """
            {"state":"FINISHED","client_id":"%s","schema":{"standard_v1":{"receipt":{"receipt_type":"RECEIPT",
            "amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"%d.00"}],
            "amounts_per_payment_type":[{"payment_type":"CASH","amount":"%d.00"}]}}}}""";

    /** A revision the server answered with 200, as the caller saw it. */
    private record Answered(String tx, long revision, String signature, long counter, long number) {
        static Answered of(String tx, long revision, HttpResult result) {
            JsonNode json = result.json();
            return new Answered(tx, revision, json.get("signature").get("value").asString(),
                    json.get("signature").get("counter").asLong(), json.get("number").asLong());
        }
    }

    /** A request of a client's transaction that has not been answered yet. */
    private record Request(String tx, long revision, String body) {
    }

    /** What one client thread did until its server went away. */
    private record ClientRun(List<Answered> answered, List<String> transactions, Request unanswered,
            List<String> unexpected) {
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.Engine.class)
    void aServerKilledUnderLoadLosesNothingItAnswered(Databases.Engine engine) throws Exception {
        long seed = System.nanoTime();
        LOG.info("CrashIT {} seed {}", engine, seed);
        Random random = new Random(seed);
        TestDatabase database = engine.fresh();
        String masterKey = ServerProcess.newMasterKey();
        Tenant tenant = Tenant.create(database, masterKey, "Crash");
        Map<String, String> environment = environment(database, masterKey);
        String name = "crash-" + engine.name().toLowerCase();

        String token;
        ProvisionedTss tss;
        List<String> exports = new ArrayList<>();
        List<ClientRun> runs = new ArrayList<>();
        long killedAfter;
        try (ServerProcess server = ServerProcess.start(name + "-1", environment)) {
            token = server.accessToken(tenant.apiKey());
            tss = ProvisionedTss.provision(server, token, CLIENTS);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long loadStart = System.nanoTime();
            List<Future<ClientRun>> clients = tss.clientIds().stream()
                    .map(clientId -> pool.submit(() -> sell(server, token, tss, clientId))).toList();
            Thread.sleep(400 + random.nextInt(400));
            exports.add(triggerExport(server, token, tss, exports.size()));
            Thread.sleep(600 + random.nextInt(1_500));
            // three more right before the kill, so that the dead node is likely to leave some unfinished
            for (int i = 0; i < 3; i++) {
                exports.add(triggerExport(server, token, tss, exports.size()));
            }
            Thread.sleep(random.nextInt(10));
            server.kill();
            killedAfter = (System.nanoTime() - loadStart) / 1_000_000;
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("client threads end after the kill").isTrue();
            for (Future<ClientRun> client : clients) {
                runs.add(client.get());
            }
        }

        List<Answered> answered = new ArrayList<>();
        runs.forEach(run -> answered.addAll(run.answered()));
        assertThat(runs.stream().flatMap(run -> run.unexpected().stream()).toList())
                .as("answers other than 200 before the kill").isEmpty();
        assertThat(answered.stream().map(Answered::counter).toList()).as("signature counters shown to callers")
                .doesNotHaveDuplicates();
        // SQLite has one node, which takes its own WORKING jobs up again at its restart; on PostgreSQL another
        // node might still hold them, so they wait for their lease to run out
        Map<String, String> atKill = exportStates(database, engine == Databases.Engine.POSTGRESQL);
        LOG.info("{}: killed after {} ms with {} revisions answered and {} requests in flight; export jobs "
                + "at the kill: {}", engine, killedAfter, answered.size(),
                runs.stream().filter(run -> run.unanswered() != null).count(), atKill.values());

        try (ServerProcess server = ServerProcess.start(name + "-2", environment)) {
            // every revision answered before the kill reads back as it was answered
            for (Answered a : answered) {
                HttpResult read = server.get(a.tx() + "?tx_revision=" + a.revision(), token);
                assertThat(read.status()).as("%s revision %d after the restart: %s", a.tx(), a.revision(), read)
                        .isEqualTo(200);
                assertThat(Answered.of(a.tx(), a.revision(), read)).isEqualTo(a);
            }

            // the clients retry what was in flight at the kill, then finish what they had open
            long transactions = 0;
            for (ClientRun run : runs) {
                transactions += run.transactions().size();
                Request request = run.unanswered();
                while (request != null) {
                    HttpResult retried = server.put(request.tx() + "?tx_revision=" + request.revision(), request.body(),
                            token);
                    assertThat(retried.status()).as("retry of %s revision %d: %s", request.tx(), request.revision(),
                            retried).isEqualTo(200);
                    request = request.revision() == 1 ? finish(request.tx(), clientOf(request.body()), 1) : null;
                }
            }

            // the jobs the dead node left open are completed, and every export verifies
            for (String exportId : exports) {
                JsonNode job = server.awaitExport(tss.tssId(), exportId, token);
                assertThat(job.get("state").asString()).as("export %s (%s at the kill): %s", exportId,
                        atKill.get(exportId), job).isEqualTo("COMPLETED");
                HttpResult file = server.get(tss.path() + "/export/" + exportId + "/file", token);
                assertThat(file.status()).as(file.toString()).isEqualTo(200);
                GaplessExport.checkSnapshot(file.bytes(), tenant.rootCertificate(), tss.tssId());
            }

            byte[] archive = server.fullExport(tss.tssId(), token);
            JsonNode resource = server.get(tss.path(), token).json();
            GaplessExport.Summary summary = GaplessExport.check(archive, tenant.rootCertificate(), resource);
            assertThat(summary.transactions()).as("each transaction the clients started counts once")
                    .isEqualTo(transactions);
            assertThat(summary.finished()).isEqualTo(transactions);
            assertThat(resource.get("number_active_transactions").asInt()).isZero();
            assertThat(server.logText()).as("log of the restarted server").doesNotContain(" ERROR ");
            LOG.info("{}: after the restart {} logs, {} transactions, all {} answered revisions intact",
                    engine, summary.logs(), summary.transactions(), answered.size());
        }
    }

    private static Map<String, String> environment(TestDatabase database, String masterKey) {
        Map<String, String> env = new HashMap<>();
        env.put("OPENTSS_DB_URL", database.url());
        env.put("OPENTSS_DATA_DIR", database.dataDir().toString());
        env.put("OPENTSS_MASTER_KEY", masterKey);
        env.put("OPENTSS_RATE_LIMIT_SIGN", "0");
        env.put("OPENTSS_RATE_LIMIT_EXPORT", "0");
        env.put("OPENTSS_RATE_LIMIT_GENERAL", "0");
        return env;
    }

    /**
     * One client: starts and ends transactions until its server goes away. Ends one in five with
     * CANCELLED. Returns what was answered and the request that was not.
     */
    private static ClientRun sell(ServerProcess server, String token, ProvisionedTss tss, String clientId) {
        List<Answered> answered = new ArrayList<>();
        List<String> transactions = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (int i = 1; ; i++) {
            String tx = tss.path() + "/tx/" + UUID.randomUUID();
            transactions.add(tx);
            Request request = new Request(tx, 1, "{\"state\":\"ACTIVE\",\"client_id\":\"" + clientId + "\"}");
            while (request != null) {
                HttpResult result;
                try {
                    result = server.put(request.tx() + "?tx_revision=" + request.revision(), request.body(), token);
                } catch (UncheckedIOException e) {
                    return new ClientRun(answered, transactions, request, unexpected); // the server is gone
                }
                if (result.status() != 200) {
                    unexpected.add(request.tx() + " revision " + request.revision() + ": " + result);
                    return new ClientRun(answered, transactions, null, unexpected);
                }
                answered.add(Answered.of(request.tx(), request.revision(), result));
                request = request.revision() == 1 ? finish(tx, clientId, i) : null;
            }
        }
    }

    private static Request finish(String tx, String clientId, int i) {
        return new Request(tx, 2, i % 5 == 0 ? "{\"state\":\"CANCELLED\",\"client_id\":\"" + clientId + "\"}"
                : RECEIPT.formatted(clientId, i, i));
    }

    private static String clientOf(String body) {
        int at = body.indexOf("\"client_id\":\"") + 13;
        return body.substring(at, body.indexOf('"', at));
    }

    /**
     * Triggers a full export. Each gets its own {@code maximum_number_records} (far above the journal's
     * size) because the server refuses a second open export with the same parameters.
     */
    private static String triggerExport(ServerProcess server, String token, ProvisionedTss tss, int n) {
        String exportId = UUID.randomUUID().toString();
        HttpResult triggered = server.put(tss.path() + "/export/" + exportId + "?maximum_number_records="
                + (1_000_000 - n), "", token);
        assertThat(triggered.status()).as(triggered.toString()).isEqualTo(200);
        return exportId;
    }

    /**
     * The export jobs' states, read from the database while no server runs. With {@code expireLeases},
     * the leases of WORKING jobs are moved into the past, as if their 30 s had passed.
     */
    private static Map<String, String> exportStates(TestDatabase database, boolean expireLeases) {
        try (Database db = database.open()) {
            return db.jdbi().withHandle(h -> {
                Map<String, String> states = new LinkedHashMap<>();
                h.createQuery("SELECT id, state FROM tss_export ORDER BY time_request, id")
                        .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("state")))
                        .forEach(e -> states.put(e.getKey(), e.getValue()));
                if (expireLeases) {
                    h.createUpdate("UPDATE tss_export SET lease_until = :past WHERE state = 'WORKING'")
                            .bind("past", System.currentTimeMillis() / 1000 - 1).execute();
                }
                return states;
            });
        }
    }
}
