package org.opentss.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentss.crypto.MasterKey;
import org.opentss.crypto.MasterKeyRing;
import org.opentss.identity.TokenChainRepository.ChainStatus;
import org.opentss.identity.TokenChainRepository.Consumption;
import org.opentss.store.Database;
import org.opentss.store.InstanceSettings;
import org.opentss.testing.Databases;
import org.opentss.testing.TestClock;
import org.opentss.testing.TestDatabase;

/**
 * What the identity tables promise, whatever the engine: each concrete subclass runs this suite on
 * a fresh database of one engine per test.
 */
abstract class IdentityRepositoryContract {

    private static final long T0 = 1_700_000_000L;

    private TestDatabase testDatabase;
    private Database database;
    private OrganizationRepository orgs;
    private ApiKeyRepository keys;
    private TokenChainRepository chains;

    protected abstract Databases.Engine engine();

    @BeforeEach
    void openDatabase() {
        testDatabase = engine().fresh();
        database = testDatabase.open();
        orgs = new OrganizationRepository(database);
        keys = new ApiKeyRepository(database);
        chains = new TokenChainRepository(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    // --- organizations ---

    @Test
    void insertedOrganizationIsFoundWithEveryField() {
        Organization full = new Organization("org-1", Optional.empty(), "Bäckerei Müller", "Hauptstraße 1",
                Optional.of("Hinterhaus"), "10115", "Berlin", Optional.of("BE"), "DEU", Optional.of("12/345/67890"),
                Map.of("branch", "Mitte", "ü", "ß"), Optional.of("key-0"), T0);
        Organization minimal = org("org-2", null, T0 + 1);
        orgs.insert(full);
        orgs.insert(minimal);

        assertThat(orgs.find("org-1")).contains(full);
        assertThat(orgs.find("org-2")).contains(minimal);
        assertThat(orgs.find("missing")).isEmpty();
    }

    @Test
    void updateChangesOnlyTheChangeableFields() {
        orgs.insert(org("parent", null, T0));
        Organization original = org("org-1", "parent", T0 + 1);
        orgs.insert(original);

        Organization changed = new Organization("org-1", Optional.of("someone-else"), "New name", "New street 2",
                Optional.of("c/o"), "20095", "Hamburg", Optional.of("HH"), "AUT", Optional.of("99"),
                Map.of("k", "v"), Optional.of("other-key"), T0 + 999);
        orgs.update(changed);

        Organization expected = new Organization("org-1", Optional.of("parent"), "New name", "New street 2",
                Optional.of("c/o"), "20095", "Hamburg", Optional.of("HH"), "AUT", Optional.of("99"),
                Map.of("k", "v"), Optional.empty(), T0 + 1);
        assertThat(orgs.find("org-1")).contains(expected);
    }

    @Test
    void listAllOrdersByCreationTime() {
        orgs.insert(org("c", null, T0 + 2));
        orgs.insert(org("a", null, T0));
        orgs.insert(org("b2", null, T0 + 1));
        orgs.insert(org("b1", null, T0 + 1));

        assertThat(orgs.listAll()).extracting(Organization::id).containsExactly("a", "b1", "b2", "c");
    }

    @Test
    void scopeListsTheRootFirstThenEveryManagedOrganizationByCreationTime() {
        orgs.insert(org("root", null, T0 + 500)); // created after its children: still listed first
        orgs.insert(org("child-b", "root", T0 + 20));
        orgs.insert(org("child-a", "root", T0 + 10));
        orgs.insert(org("grandchild", "child-b", T0 + 15));
        orgs.insert(org("great-grandchild", "grandchild", T0 + 30));
        orgs.insert(org("outsider", null, T0 + 1));
        orgs.insert(org("outsider-child", "outsider", T0 + 2));

        assertThat(orgs.listScope("root", 100, 0)).extracting(Organization::id)
                .containsExactly("root", "child-a", "grandchild", "child-b", "great-grandchild");
        assertThat(orgs.listScope("root", 2, 0)).extracting(Organization::id).containsExactly("root", "child-a");
        assertThat(orgs.listScope("root", 2, 2)).extracting(Organization::id).containsExactly("grandchild", "child-b");
        assertThat(orgs.listScope("root", 2, 4)).extracting(Organization::id).containsExactly("great-grandchild");
        assertThat(orgs.listScope("root", 2, 6)).isEmpty();
        assertThat(orgs.listScope("child-b", 100, 0)).extracting(Organization::id)
                .containsExactly("child-b", "grandchild", "great-grandchild");
        assertThat(orgs.listScope("great-grandchild", 100, 0)).extracting(Organization::id)
                .containsExactly("great-grandchild");
        assertThat(orgs.listScope("missing", 100, 0)).isEmpty();
    }

    @Test
    void findInScopeFindsTransitivelyManagedOrganizationsAndRefusesAllOthers() {
        orgs.insert(org("root", null, T0));
        orgs.insert(org("child", "root", T0 + 1));
        orgs.insert(org("grandchild", "child", T0 + 2));
        orgs.insert(org("sibling", "root", T0 + 3));
        orgs.insert(org("outsider", null, T0 + 4));
        orgs.insert(org("outsider-child", "outsider", T0 + 5));

        assertThat(orgs.findInScope("root", "root")).map(Organization::id).contains("root");
        assertThat(orgs.findInScope("root", "child")).map(Organization::id).contains("child");
        assertThat(orgs.findInScope("root", "grandchild")).contains(orgs.find("grandchild").orElseThrow());
        assertThat(orgs.findInScope("root", "outsider")).isEmpty();
        assertThat(orgs.findInScope("root", "outsider-child")).isEmpty();
        assertThat(orgs.findInScope("root", "missing")).isEmpty();
        // scope reaches down, never up or sideways
        assertThat(orgs.findInScope("child", "root")).isEmpty();
        assertThat(orgs.findInScope("child", "sibling")).isEmpty();
        assertThat(orgs.findInScope("child", "grandchild")).map(Organization::id).contains("grandchild");
    }

    // --- API keys ---

    @Test
    void insertedApiKeyIsFoundByKeyAndById() {
        orgs.insert(org("org-1", null, T0));
        orgs.insert(org("manager", null, T0));
        ApiKey full = new ApiKey("key-1", "org-1", Environment.LIVE, "live_abc", "hash-1", "POS 1",
                ApiKey.Status.ENABLED, Map.of("till", "3"), Optional.of("key-0"), Optional.of("manager"), T0);
        ApiKey minimal = key("key-2", "org-1", "test_def", ApiKey.Status.DISABLED, T0 + 1);
        keys.insert(full);
        keys.insert(minimal);

        assertThat(keys.findByKey("live_abc")).contains(full);
        assertThat(keys.find("key-1")).contains(full);
        assertThat(keys.find("key-2")).contains(minimal);
        assertThat(keys.findByKey("missing")).isEmpty();
        assertThat(keys.find("missing")).isEmpty();
    }

    @Test
    void keyStringsAreUniqueInTheDatabase() {
        orgs.insert(org("org-1", null, T0));
        orgs.insert(org("org-2", null, T0));
        keys.insert(key("key-1", "org-1", "test_same", ApiKey.Status.ENABLED, T0));

        assertThatThrownBy(() -> keys.insert(key("key-2", "org-2", "test_same", ApiKey.Status.ENABLED, T0)))
                .isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(keys.find("key-2")).isEmpty();
        assertThat(keys.findByKey("test_same")).map(ApiKey::id).contains("key-1");
    }

    @Test
    void listFiltersByOrganizationAndStatusAndPages() {
        orgs.insert(org("org-1", null, T0));
        orgs.insert(org("org-2", null, T0));
        keys.insert(key("k3", "org-1", "test_3", ApiKey.Status.ENABLED, T0 + 3));
        keys.insert(key("k1", "org-1", "test_1", ApiKey.Status.ENABLED, T0 + 1));
        keys.insert(key("k2", "org-1", "test_2", ApiKey.Status.DISABLED, T0 + 2));
        keys.insert(key("k4", "org-1", "test_4", ApiKey.Status.DISABLED, T0 + 4));
        keys.insert(key("k5", "org-1", "test_5", ApiKey.Status.ENABLED, T0 + 5));
        keys.insert(key("other", "org-2", "test_other", ApiKey.Status.ENABLED, T0));

        assertThat(keys.list("org-1", Optional.empty(), 100, 0)).extracting(ApiKey::id)
                .containsExactly("k1", "k2", "k3", "k4", "k5");
        assertThat(keys.list("org-1", Optional.of(ApiKey.Status.ENABLED), 100, 0)).extracting(ApiKey::id)
                .containsExactly("k1", "k3", "k5");
        assertThat(keys.list("org-1", Optional.of(ApiKey.Status.DISABLED), 100, 0)).extracting(ApiKey::id)
                .containsExactly("k2", "k4");
        assertThat(keys.list("org-1", Optional.empty(), 2, 0)).extracting(ApiKey::id).containsExactly("k1", "k2");
        assertThat(keys.list("org-1", Optional.empty(), 2, 2)).extracting(ApiKey::id).containsExactly("k3", "k4");
        assertThat(keys.list("org-1", Optional.empty(), 2, 4)).extracting(ApiKey::id).containsExactly("k5");
        assertThat(keys.list("org-1", Optional.of(ApiKey.Status.ENABLED), 1, 1)).extracting(ApiKey::id)
                .containsExactly("k3");
        assertThat(keys.list("org-2", Optional.empty(), 100, 0)).extracting(ApiKey::id).containsExactly("other");
        assertThat(keys.list("missing", Optional.empty(), 100, 0)).isEmpty();
    }

    @Test
    void updateChangesOnlyNameStatusAndMetadata() {
        orgs.insert(org("org-1", null, T0));
        ApiKey original = key("key-1", "org-1", "test_1", ApiKey.Status.ENABLED, T0);
        keys.insert(original);

        keys.update(new ApiKey("key-1", "org-x", Environment.LIVE, "live_changed", "other-hash", "Renamed",
                ApiKey.Status.DISABLED, Map.of("a", "b"), Optional.of("x"), Optional.of("y"), T0 + 50));

        ApiKey expected = new ApiKey("key-1", "org-1", Environment.TEST, "test_1", original.secretHash(), "Renamed",
                ApiKey.Status.DISABLED, Map.of("a", "b"), Optional.empty(), Optional.empty(), T0);
        assertThat(keys.find("key-1")).contains(expected);
        assertThat(keys.findByKey("test_1")).contains(expected);
        assertThat(keys.findByKey("live_changed")).isEmpty();
    }

    @Test
    void deletedKeyIsNeverFoundAgain() {
        orgs.insert(org("org-1", null, T0));
        ApiKey doomed = key("key-1", "org-1", "test_1", ApiKey.Status.ENABLED, T0);
        keys.insert(doomed);
        keys.insert(key("key-2", "org-1", "test_2", ApiKey.Status.ENABLED, T0 + 1));

        keys.markDeleted("key-1", T0 + 10);
        keys.markDeleted("key-1", T0 + 20); // deleting twice changes nothing
        keys.update(new ApiKey("key-1", "org-1", Environment.TEST, "test_1", doomed.secretHash(), "revived",
                ApiKey.Status.ENABLED, Map.of(), Optional.empty(), Optional.empty(), T0));

        assertThat(keys.find("key-1")).isEmpty();
        assertThat(keys.findByKey("test_1")).isEmpty();
        assertThat(keys.list("org-1", Optional.empty(), 100, 0)).extracting(ApiKey::id).containsExactly("key-2");
        assertThat(keys.list("org-1", Optional.of(ApiKey.Status.ENABLED), 100, 0)).extracting(ApiKey::id)
                .containsExactly("key-2");
        // the row stays, so its key string stays taken
        assertThatThrownBy(() -> keys.insert(key("key-3", "org-1", "test_1", ApiKey.Status.ENABLED, T0)))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }

    // --- token chains ---

    @Test
    void refreshTokenIsConsumedOnceThenReportedUsed() {
        String chain = chainWithToken("jti-1");

        assertThat(consume("jti-1", chain)).isEqualTo(Consumption.CONSUMED);
        assertThat(consume("jti-1", chain)).isEqualTo(Consumption.ALREADY_USED);
        assertThat(consume("jti-1", chain)).isEqualTo(Consumption.ALREADY_USED);
    }

    @Test
    void unknownRefreshTokenOrWrongChainIsUnknown() {
        String chain = chainWithToken("jti-1");
        database.jdbi().useTransaction(h -> chains.insertChain(h, "chain-2", "key-1", T0));

        assertThat(consume("no-such-jti", chain)).isEqualTo(Consumption.UNKNOWN);
        assertThat(consume("jti-1", "chain-2")).isEqualTo(Consumption.UNKNOWN);
        assertThat(consume("jti-1", "no-such-chain")).isEqualTo(Consumption.UNKNOWN);
        // the failed attempts did not use the token up
        assertThat(consume("jti-1", chain)).isEqualTo(Consumption.CONSUMED);
    }

    @Test
    void chainStatusFollowsRevocation() {
        String chain = chainWithToken("jti-1");
        assertThat(chains.status(chain)).contains(new ChainStatus(false, true));
        assertThat(chains.status(chain).orElseThrow().usable()).isTrue();

        database.jdbi().useTransaction(h -> chains.revoke(h, chain, T0 + 5));
        database.jdbi().useTransaction(h -> chains.revoke(h, chain, T0 + 9)); // idempotent

        assertThat(chains.status(chain)).contains(new ChainStatus(true, true));
        assertThat(chains.status(chain).orElseThrow().usable()).isFalse();
        assertThat(chains.status("no-such-chain")).isEmpty();
        Optional<ChainStatus> inHandle = database.jdbi().withHandle(h -> chains.status(h, chain));
        assertThat(inHandle).contains(new ChainStatus(true, true));
    }

    @Test
    void chainIsUnusableOnceItsKeyIsDisabledOrDeleted() {
        String chain = chainWithToken("jti-1");
        ApiKey key = keys.find("key-1").orElseThrow();

        keys.update(withStatus(key, ApiKey.Status.DISABLED));
        assertThat(chains.status(chain)).contains(new ChainStatus(false, false));

        keys.update(withStatus(key, ApiKey.Status.ENABLED));
        assertThat(chains.status(chain)).contains(new ChainStatus(false, true));

        keys.markDeleted("key-1", T0 + 100);
        assertThat(chains.status(chain)).contains(new ChainStatus(false, false));
        assertThat(chains.status(chain).orElseThrow().usable()).isFalse();
    }

    @Test
    void concurrentExchangesOfOneRefreshTokenConsumeItExactlyOnce() throws Exception {
        int threads = 8;
        for (int round = 0; round < 5; round++) {
            String jti = "jti-" + round;
            String chain = round == 0 ? chainWithToken(jti) : addToken("chain-1", jti);
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Consumption>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return database.jdbi().inTransaction(h -> chains.consume(h, jti, chain, T0 + 1));
                    }));
                }
            }
            List<Consumption> outcomes = new ArrayList<>();
            for (Future<Consumption> result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).as("round %d", round).filteredOn(c -> c == Consumption.CONSUMED).hasSize(1);
            assertThat(outcomes).as("round %d", round).filteredOn(c -> c == Consumption.ALREADY_USED)
                    .hasSize(threads - 1);
        }
    }

    // --- token signing keys ---

    @Test
    void signingKeyIsCreatedOnceAndSharedByEveryNode() throws Exception {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        TestClock clock = new TestClock(Instant.ofEpochSecond(T0));
        TokenSigningKeys node1 = new TokenSigningKeys(database, MasterKeyRing.of(MasterKey.of(masterKey)).sealer("token-signing-keys/v1"), clock);

        TokenSigningKeys.SigningKey created = node1.current();
        assertThat(node1.current().kid()).isEqualTo(created.kid());

        try (Database second = testDatabase.open()) {
            TokenSigningKeys node2 = new TokenSigningKeys(second, MasterKeyRing.of(MasterKey.of(masterKey)).sealer("token-signing-keys/v1"), clock);
            assertThat(node2.publicKey(created.kid())).hasValueSatisfying(
                    k -> assertThat(k.getEncoded()).isEqualTo(created.publicKey().getEncoded()));
            TokenSigningKeys.SigningKey loaded = node2.current();
            assertThat(loaded.kid()).isEqualTo(created.kid());
            assertThat(loaded.createdAt()).isEqualTo(T0);
            assertThat(loaded.publicKey().getEncoded()).isEqualTo(created.publicKey().getEncoded());
            assertThat(loaded.privateKey().getS()).isEqualTo(created.privateKey().getS());
            assertThat(node2.publicKey("no-such-kid")).isEmpty();

            // what one node signs, the other verifies
            byte[] message = "token".getBytes();
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(created.privateKey());
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(node2.publicKey(created.kid()).orElseThrow());
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();
        }
    }

    @Test
    void agedSigningKeyIsRotatedAndStillVerifies() {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        TestClock clock = new TestClock(Instant.ofEpochSecond(T0));
        TokenSigningKeys node1 = new TokenSigningKeys(database, MasterKeyRing.of(MasterKey.of(masterKey)).sealer("token-signing-keys/v1"), clock);
        TokenSigningKeys node2 = new TokenSigningKeys(database, MasterKeyRing.of(MasterKey.of(masterKey)).sealer("token-signing-keys/v1"), clock);
        TokenSigningKeys.SigningKey first = node1.current();

        clock.advance(TokenSigningKeys.ROTATION_AGE.plus(Duration.ofSeconds(1)));
        TokenSigningKeys.SigningKey second = node1.current();

        assertThat(second.kid()).isNotEqualTo(first.kid());
        assertThat(node2.current().kid()).isEqualTo(second.kid());
        assertThat(node2.publicKey(first.kid())).hasValueSatisfying(
                k -> assertThat(k.getEncoded()).isEqualTo(first.publicKey().getEncoded()));
    }

    // --- instance settings and migrations ---

    @Test
    void putIfAbsentKeepsTheFirstValue() {
        InstanceSettings settings = new InstanceSettings(database);
        assertThat(settings.get("instance-id")).isEmpty();

        assertThat(settings.putIfAbsent("instance-id", "first")).isEqualTo("first");
        assertThat(settings.putIfAbsent("instance-id", "second")).isEqualTo("first");
        assertThat(settings.get("instance-id")).contains("first");
        assertThat(settings.putIfAbsent("other", "x")).isEqualTo("x");
    }

    @Test
    void openingTheSameDatabaseAgainKeepsItsSchemaAndRows() {
        orgs.insert(org("org-1", null, T0));
        new InstanceSettings(database).putIfAbsent("instance-id", "first");
        database.close();

        try (Database again = testDatabase.open(); Database third = testDatabase.open()) {
            assertThat(new OrganizationRepository(again).find("org-1")).isPresent();
            assertThat(new InstanceSettings(third).get("instance-id")).contains("first");
            Integer versions = again.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE success = :ok")
                    .bind("ok", true).mapTo(Integer.class).one());
            assertThat(versions).isGreaterThanOrEqualTo(2);
        }
        database = testDatabase.open(); // for closeDatabase()
    }

    // --- fixtures ---

    private Consumption consume(String jti, String chain) {
        return database.jdbi().inTransaction(h -> chains.consume(h, jti, chain, T0 + 1));
    }

    /** An organization, an enabled key {@code key-1}, chain {@code chain-1} and one refresh token in it. */
    private String chainWithToken(String jti) {
        orgs.insert(org("org-1", null, T0));
        keys.insert(key("key-1", "org-1", "test_1", ApiKey.Status.ENABLED, T0));
        database.jdbi().useTransaction(h -> chains.insertChain(h, "chain-1", "key-1", T0));
        return addToken("chain-1", jti);
    }

    private String addToken(String chain, String jti) {
        database.jdbi().useTransaction(h -> chains.insertRefreshToken(h, jti, chain, T0 + 3600));
        return chain;
    }

    private static Organization org(String id, String managedBy, long createdAt) {
        return new Organization(id, Optional.ofNullable(managedBy), "Org " + id, "Street 1", Optional.empty(),
                "10115", "Berlin", Optional.empty(), "DEU", Optional.empty(), Map.of(), Optional.empty(), createdAt);
    }

    private static ApiKey key(String id, String orgId, String keyString, ApiKey.Status status, long createdAt) {
        return new ApiKey(id, orgId, Environment.TEST, keyString, "hash-" + id, "Key " + id, status, Map.of(),
                Optional.empty(), Optional.empty(), createdAt);
    }

    private static ApiKey withStatus(ApiKey key, ApiKey.Status status) {
        return new ApiKey(key.id(), key.organizationId(), key.env(), key.key(), key.secretHash(), key.name(), status,
                key.metadata(), key.createdBy(), key.managedBy(), key.createdAt());
    }
}
