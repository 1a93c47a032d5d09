package org.opentss.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentss.testing.Databases;
import org.opentss.testing.GaplessExport;
import org.opentss.testing.HttpApi;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.ServerProcess;
import org.opentss.testing.TestServer;
import org.opentss.testing.Tenant;
import org.opentss.testing.TestDatabase;
import org.opentss.verify.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN.md "Scaling": three stateless nodes — separate JVMs on separate ports — on one PostgreSQL
 * database. An access token and an admin login made on one node are honoured by the others; every
 * request of a concurrent workload goes to a node picked at random, against one busy TSS (32 clients)
 * and four quieter ones; an export taken during the load and one of each TSS afterwards verify with the
 * independent verifier, with signature counters exactly 1..N and transaction numbers exactly 1..M.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class ThreeNodesIT {

    private static final Logger LOG = LoggerFactory.getLogger(ThreeNodesIT.class);

    private static final int SHARED_TSS_CLIENTS = 32;
    private static final int SHARED_TSS_TRANSACTIONS_PER_CLIENT = 12;
    private static final int OTHER_TSSS = 4;
    private static final int OTHER_TSS_CLIENTS = 4;
    private static final int OTHER_TSS_TRANSACTIONS_PER_CLIENT = 16;
    private static final String RECEIPT = """
            {"state":"FINISHED","client_id":"%s","schema":{"standard_v1":{"receipt":{"receipt_type":"RECEIPT",
            "amounts_per_vat_rate":[{"vat_rate":"NORMAL","amount":"%d.00"}],
            "amounts_per_payment_type":[{"payment_type":"CASH","amount":"%d.00"}]}}}}""";

    @Test
    void threeNodesOnOneDatabaseShareSessionsAndKeepEveryJournalGapless() throws Exception {
        TestDatabase database = Databases.postgres();
        String masterKey = ServerProcess.newMasterKey();
        Tenant tenant = Tenant.create(database, masterKey, "Cluster");
        List<ServerProcess> nodes = new ArrayList<>();
        try {
            long booting = System.nanoTime();
            for (int i = 1; i <= 3; i++) {
                nodes.add(ServerProcess.launch("cluster-node" + i, environment(database, masterKey, i)));
            }
            nodes.forEach(ServerProcess::awaitListening);
            LOG.info("three nodes listening after {} ms: {}", (System.nanoTime() - booting) / 1_000_000, nodes);
            run(nodes, tenant);
        } finally {
            ServerProcess.closeAll(nodes);
        }
    }

    private static Map<String, String> environment(TestDatabase database, String masterKey, int node) throws Exception {
        Path dataDir = Files.createDirectories(database.dataDir().resolve("node" + node));
        Map<String, String> env = new HashMap<>();
        env.put("OPENTSS_DB_URL", database.url());
        env.put("OPENTSS_DATA_DIR", dataDir.toString());
        env.put("OPENTSS_MASTER_KEY", masterKey);
        env.put("OPENTSS_DB_POOL_SIZE", "12");
        env.put("OPENTSS_RATE_LIMIT_SIGN", "0");
        env.put("OPENTSS_RATE_LIMIT_EXPORT", "0");
        env.put("OPENTSS_RATE_LIMIT_GENERAL", "0");
        return env;
    }

    private void run(List<ServerProcess> nodes, Tenant tenant) throws Exception {
        ServerProcess node1 = nodes.get(0);
        ServerProcess node2 = nodes.get(1);
        ServerProcess node3 = nodes.get(2);
        String token = node1.accessToken(tenant.apiKey()); // signed by node 1, verified by all
        for (ServerProcess node : nodes) {
            assertThat(node.get("/api/v2/tss", token).status()).as("token from node 1 on %s", node).isEqualTo(200);
        }

        ProvisionedTss shared = provisionAcrossNodes(node1, node2, node3, token);
        List<ProvisionedTss> tsses = new ArrayList<>();
        tsses.add(shared);
        HttpApi anyNode = HttpApi.roundRobin(nodes); // each provisioning step on the next node
        for (int i = 0; i < OTHER_TSSS; i++) {
            tsses.add(ProvisionedTss.provision(anyNode, token, OTHER_TSS_CLIENTS));
        }

        long loadStart = System.nanoTime();
        List<Callable<Integer>> work = new ArrayList<>();
        for (int t = 0; t < tsses.size(); t++) {
            ProvisionedTss tss = tsses.get(t);
            int perClient = t == 0 ? SHARED_TSS_TRANSACTIONS_PER_CLIENT : OTHER_TSS_TRANSACTIONS_PER_CLIENT;
            for (String clientId : tss.clientIds()) {
                work.add(() -> sell(nodes, token, tss.tssId(), clientId, perClient));
            }
        }
        int transactions = 0;
        GaplessExport.Summary duringLoad;
        try (ExecutorService pool = Executors.newFixedThreadPool(work.size())) {
            List<Future<Integer>> sales = work.stream().map(pool::submit).toList();
            Thread.sleep(1_000);
            // an export of the busy TSS while all three nodes sign on it: a consistent, gapless snapshot
            duringLoad = GaplessExport.checkSnapshot(export(node2, node3, node1, token, shared.tssId()),
                    tenant.rootCertificate(), shared.tssId());
            for (Future<Integer> sale : sales) {
                transactions += sale.get();
            }
        }
        long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
        int expected = SHARED_TSS_CLIENTS * SHARED_TSS_TRANSACTIONS_PER_CLIENT
                + OTHER_TSSS * OTHER_TSS_CLIENTS * OTHER_TSS_TRANSACTIONS_PER_CLIENT;
        assertThat(transactions).isEqualTo(expected);
        LOG.info("{} transactions ({} signed requests) through three nodes in {} ms; the export during the "
                + "load held {} logs of the busy TSS", transactions, 2 * transactions, loadMillis, duringLoad.logs());

        for (int i = 0; i < tsses.size(); i++) {
            ProvisionedTss tss = tsses.get(i);
            // triggered on one node, awaited on the next, downloaded from the third
            byte[] archive = export(nodes.get(i % 3), nodes.get((i + 1) % 3), nodes.get((i + 2) % 3), token, tss.tssId());
            JsonNode resource = nodes.get(i % 3).get(tss.path(), token).json();
            GaplessExport.Summary summary = GaplessExport.check(archive, tenant.rootCertificate(), resource);
            int perClient = i == 0 ? SHARED_TSS_TRANSACTIONS_PER_CLIENT : OTHER_TSS_TRANSACTIONS_PER_CLIENT;
            assertThat(summary.transactions()).as("transactions of %s", tss.tssId())
                    .isEqualTo((long) tss.clientIds().size() * perClient);
            assertThat(summary.finished()).isEqualTo(summary.transactions());
            assertThat(resource.get("number_active_transactions").asInt()).isZero();
        }
        for (ServerProcess node : nodes) {
            assertThat(node.isAlive()).as("%s still runs", node).isTrue();
            assertThat(node.logText()).as("log of %s", node).doesNotContain(" ERROR ");
        }
    }

    /**
     * The admin flow of a TSS with each step on another node: the PUK set on node 3, the PIN login on node
     * 1, initialization and client registration (which need that login) on node 2 and the others, the
     * logout on node 3 — after which neither node 1 nor node 2 lets the token register a client.
     */
    private static ProvisionedTss provisionAcrossNodes(ServerProcess node1, ServerProcess node2, ServerProcess node3,
            String token) {
        String tssId = UUID.randomUUID().toString();
        String path = "/api/v2/tss/" + tssId;
        HttpResult created = node1.put(path, "{}", token);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String puk = created.json().get("admin_puk").asString();
        expectOk(node2.patch(path, "{\"state\":\"UNINITIALIZED\"}", token));
        expectOk(node3.patch(path + "/admin", "{\"admin_puk\":\"" + puk + "\",\"new_admin_pin\":\"" + ProvisionedTss.PIN
                + "\"}", token));
        expectOk(node1.post(path + "/admin/auth", "{\"admin_pin\":\"" + ProvisionedTss.PIN + "\"}", token));
        expectOk(node2.patch(path, "{\"state\":\"INITIALIZED\"}", token));
        List<ServerProcess> nodes = List.of(node2, node3, node1);
        List<String> clientIds = new ArrayList<>();
        for (int i = 0; i < SHARED_TSS_CLIENTS; i++) {
            String clientId = UUID.randomUUID().toString();
            expectOk(nodes.get(i % 3).put(path + "/client/" + clientId, "{\"serial_number\":\"KASSE-" + i + "\"}", token));
            clientIds.add(clientId);
        }
        expectOk(node3.post(path + "/admin/logout", "{}", token));
        for (ServerProcess node : List.of(node1, node2)) {
            String clientId = UUID.randomUUID().toString();
            HttpResult refused = node.put(path + "/client/" + clientId, "{\"serial_number\":\"LATE\"}", token);
            assertThat(refused.status()).as("client registration on %s after the logout on node 3: %s", node, refused)
                    .isEqualTo(401);
            assertThat(node.get(path + "/client/" + clientId, token).status()).isEqualTo(404);
        }
        JsonNode tss = node1.get(path, token).json();
        assertThat(tss.get("state").asString()).isEqualTo("INITIALIZED");
        return new ProvisionedTss(tssId, puk, ProvisionedTss.PIN,
                Base64.getDecoder().decode(tss.get("public_key").asString()), List.copyOf(clientIds));
    }

    /**
     * Starts and finishes {@code count} transactions, each request on a node picked at random; every
     * fourth finish is retried on another node and must be answered with the same transaction.
     */
    private static int sell(List<ServerProcess> nodes, String token, String tssId, String clientId, int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 1; i <= count; i++) {
            String tx = "/api/v2/tss/" + tssId + "/tx/" + UUID.randomUUID();
            HttpResult start = nodes.get(random.nextInt(3)).put(tx + "?tx_revision=1",
                    "{\"state\":\"ACTIVE\",\"client_id\":\"" + clientId + "\"}", token);
            assertThat(start.status()).as(start.toString()).isEqualTo(200);
            String finish = RECEIPT.formatted(clientId, i, i);
            int finishNode = random.nextInt(3);
            HttpResult finished = nodes.get(finishNode).put(tx + "?tx_revision=2", finish, token);
            assertThat(finished.status()).as(finished.toString()).isEqualTo(200);
            assertThat(finished.json().get("number").asLong()).isEqualTo(start.json().get("number").asLong());
            if (i % 4 == 0) {
                HttpResult retried = nodes.get((finishNode + 1) % 3).put(tx + "?tx_revision=2", finish, token);
                assertThat(retried.json()).isEqualTo(finished.json());
            }
            assertThat(Verifier.verifyQr(finished.json().get("qr_code_data").asString()).isValid()).isTrue();
        }
        return count;
    }

    /** A full export triggered on one node, awaited on a second and downloaded from a third. */
    private static byte[] export(ServerProcess trigger, ServerProcess poll, ServerProcess download, String token,
            String tssId) {
        String exportId = UUID.randomUUID().toString();
        String path = "/api/v2/tss/" + tssId + "/export/" + exportId;
        HttpResult triggered = trigger.put(path, "", token);
        assertThat(triggered.status()).as(triggered.toString()).isEqualTo(200);
        JsonNode job = poll.awaitExport(tssId, exportId, token);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("COMPLETED");
        HttpResult file = download.get(path + "/file", token);
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        return file.bytes();
    }

    private static void expectOk(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
    }
}
