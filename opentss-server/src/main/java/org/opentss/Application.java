package org.opentss;

import io.helidon.webserver.http.HttpService;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.opentss.config.AppConfig;
import org.opentss.crypto.ConfiguredKeyCustody;
import org.opentss.crypto.InstanceCa;
import org.opentss.crypto.MasterKeyRing;
import org.opentss.crypto.MasterKeySealed;
import org.opentss.crypto.MasterKeySealer;
import org.opentss.crypto.PasswordHasher;
import org.opentss.crypto.SealedColumn;
import org.opentss.crypto.SecretHasher;
import org.opentss.crypto.SecretPepper;
import org.opentss.export.ExportApi;
import org.opentss.export.ExportDownload;
import org.opentss.export.ExportFiles;
import org.opentss.export.ExportMetrics;
import org.opentss.export.ExportRepository;
import org.opentss.export.ExportService;
import org.opentss.export.ExportWorker;
import org.opentss.hub.HubServices;
import org.opentss.http.ApiDocsService;
import org.opentss.http.ApiGuard;
import org.opentss.http.OperationsService;
import org.opentss.http.PosIds;
import org.opentss.http.Readiness;
import org.opentss.identity.ApiKeyRepository;
import org.opentss.identity.ApiKeyService;
import org.opentss.identity.ApiKeysApi;
import org.opentss.identity.AuthApi;
import org.opentss.identity.AuthService;
import org.opentss.identity.BearerAuthenticator;
import org.opentss.identity.HubAccounts;
import org.opentss.identity.HubSessions;
import org.opentss.identity.HubUserRepository;
import org.opentss.identity.JwtCodec;
import org.opentss.identity.LoginFailureLimiter;
import org.opentss.identity.OrganizationRepository;
import org.opentss.identity.OrganizationService;
import org.opentss.identity.OrganizationsApi;
import org.opentss.identity.TokenChainRepository;
import org.opentss.identity.TokenSigningKeys;
import org.opentss.journal.Journal;
import org.opentss.journal.JournalTss;
import org.opentss.journal.LogStore;
import org.opentss.pos.CredentialRateLimits;
import org.opentss.pos.Idempotency;
import org.opentss.pos.PosAuthenticator;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.PosGuard;
import org.opentss.pos.PosKeys;
import org.opentss.pos.account.PlatformApiKeys;
import org.opentss.pos.account.PlatformApiKeysApi;
import org.opentss.pos.account.SetupTokens;
import org.opentss.pos.fiscal.FiscalUnitRepository;
import org.opentss.pos.fiscal.FiscalUnitService;
import org.opentss.pos.fiscal.FiscalUnitViews;
import org.opentss.pos.fiscal.FiscalUnitsApi;
import org.opentss.pos.fiscal.TssProvisioner;
import org.opentss.pos.organization.Locations;
import org.opentss.pos.organization.LocationsApi;
import org.opentss.pos.organization.PosOrganizations;
import org.opentss.pos.organization.PosOrganizationsApi;
import org.opentss.pos.register.CredentialsApi;
import org.opentss.pos.register.HeartbeatsApi;
import org.opentss.pos.register.RegisterAccess;
import org.opentss.pos.register.RegisterKeys;
import org.opentss.pos.register.RegisterRepository;
import org.opentss.pos.register.RegisterStatuses;
import org.opentss.pos.register.RegisterViews;
import org.opentss.pos.register.RegistersApi;
import org.opentss.pos.sale.SaleService;
import org.opentss.pos.sale.SalesApi;
import org.opentss.pos.sale.UnsignableOperations;
import org.opentss.store.Database;
import org.opentss.store.Dialect;
import org.opentss.store.InstanceSettings;
import org.opentss.tss.AdminApi;
import org.opentss.tss.AdminService;
import org.opentss.tss.AdminSessions;
import org.opentss.tss.ClientRepository;
import org.opentss.tss.ClientService;
import org.opentss.tss.ClientsApi;
import org.opentss.tss.TssApi;
import org.opentss.tss.TssRepository;
import org.opentss.tss.TssService;
import org.opentss.tss.TssSetup;
import org.opentss.tss.TssTransactions;
import org.opentss.tx.TransactionRepository;
import org.opentss.tx.TransactionService;
import org.opentss.tx.TransactionsApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object graph of one OpenTSS process, built from its configuration. The server and every CLI
 * command work through it, so they see the same database, keys and rules.
 */
public final class Application implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    private static final String MASTER_KEY_CHECK = "master_key_check";

    private final AppConfig config;
    private final PrometheusMeterRegistry meters;
    private final JvmGcMetrics gcMetrics;
    private final Database database;
    private final MasterKeyRing masterKeys;
    /** Everything stored sealed under the master key, for a rotation. */
    private final List<MasterKeySealed> masterKeySealed;
    private final Readiness readiness = new Readiness();
    private final OrganizationRepository organizations;
    private final OrganizationService organizationService;
    private final ApiKeyRepository apiKeys;
    private final ApiKeyService apiKeyService;
    private final LogStore logStore;
    private final TssTransactions tssTransactions;
    private final TssService tssService;
    private final AdminService adminService;
    private final ClientService clientService;
    private final ExportWorker exportWorker;
    private final InstanceCa ca;
    private final PosDirectory posDirectory;
    private final SetupTokens setupTokens;
    private final HubAccounts hubAccounts;
    private final List<HttpService> httpServices;

    private Application(AppConfig config, Clock clock) {
        this.config = config;
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ClassLoaderMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(meters);

        this.database = Database.open(config, meters);
        try {
            InstanceSettings instanceSettings = new InstanceSettings(database);
            this.masterKeys = MasterKeyRing.load(config, () -> instanceSettings.get(MASTER_KEY_CHECK));
            checkMasterKey(masterKeys, instanceSettings);
            SecretPepper pepper = new SecretPepper(masterKeys, instanceSettings);
            SecretHasher secretHasher = new SecretHasher(pepper.value());
            MasterKeySealer tokenKeySealer = masterKeys.sealer("token-signing-keys/v1");

            this.organizations = new OrganizationRepository(database);
            this.organizationService = new OrganizationService(organizations, clock);
            this.apiKeys = new ApiKeyRepository(database);
            this.apiKeyService = new ApiKeyService(apiKeys, secretHasher, clock);

            TokenChainRepository chains = new TokenChainRepository(database);
            JwtCodec jwt = new JwtCodec(new TokenSigningKeys(database, tokenKeySealer, clock), config.tokenIssuer(), clock);
            AuthService auth = new AuthService(database, apiKeys, chains, jwt, secretHasher, config.accessTokenTtl(),
                    config.refreshTokenTtl(), clock);
            BearerAuthenticator authenticator = new BearerAuthenticator(jwt, chains, config.keyStatusCacheTtl(), clock);
            ApiGuard guard = new ApiGuard(authenticator, readiness, config.rateLimits(), clock);

            ConfiguredKeyCustody custody = ConfiguredKeyCustody.of(config, masterKeys);
            this.ca = new InstanceCa(database, custody, config.tss().instanceName(), clock);
            ca.ensureCreated();
            this.logStore = new LogStore(database);
            Journal journal = new Journal(custody, logStore, clock, config.tss().updateTimeInterval(), meters);
            PasswordHasher passwordHasher = new PasswordHasher();
            TssRepository tsses = new TssRepository(database);
            this.tssTransactions = new TssTransactions(database, tsses, journal, config.tss().tssLockTimeout(),
                    config.signingGroups(), meters);
            AdminSessions sessions = new AdminSessions();
            this.tssService = new TssService(database, tsses, tssTransactions, sessions, journal, custody, ca,
                    passwordHasher, config.tss(), clock);
            this.adminService = new AdminService(tssTransactions, tsses, sessions, tssService, passwordHasher,
                    config.tss(), clock);
            ClientRepository clients = new ClientRepository(database);
            this.clientService = new ClientService(tssTransactions, tsses, clients, sessions, tssService, clock);
            TransactionRepository txRepository = new TransactionRepository(database);
            ExportRepository exports = new ExportRepository(database);
            ExportFiles exportFiles = new ExportFiles(tsses, clients, logStore, ca);
            this.exportWorker = new ExportWorker(exports, exportFiles, config.tss(), clock,
                    database.dialect() == Dialect.SQLITE);
            new ExportMetrics(exports, meters);
            ExportService exportService = new ExportService(tssTransactions, tssService, clients, exports, exportWorker,
                    config.tss(), clock);
            ExportDownload exportDownload = new ExportDownload(exportFiles, clock);

            // POS API (/v1): one id source per process keeps its ids in creation order
            PosIds posIds = PosIds.system();
            this.posDirectory = new PosDirectory(database, posIds, clock);
            PosGuard posGuard = new PosGuard(new PosAuthenticator(database, secretHasher, posDirectory, clock),
                    readiness, config.rateLimits().posPerSecond(), clock);
            Idempotency idempotency = new Idempotency(database, clock);
            PosKeys posKeys = new PosKeys();
            this.setupTokens = new SetupTokens(database, secretHasher, posDirectory, posKeys, clock);
            PosOrganizations posOrganizations = new PosOrganizations(database, organizations, organizationService,
                    posDirectory, posIds, clock);
            Locations posLocations = new Locations(database, posDirectory, posIds, clock);
            RegisterRepository posRegisters = new RegisterRepository();
            RegisterKeys registerKeys = new RegisterKeys(posKeys, secretHasher);
            RegisterAccess registerAccess = new RegisterAccess(posRegisters, posLocations, posDirectory);
            FiscalUnitRepository fiscalUnits = new FiscalUnitRepository();
            FiscalUnitViews fiscalUnitViews = new FiscalUnitViews(fiscalUnits, tsses);
            RegisterViews registerViews = new RegisterViews(posDirectory, registerKeys, fiscalUnitViews);
            RegisterStatuses registerStatuses = new RegisterStatuses(config.pos().heartbeatInterval(), clock);
            MasterKeySealer posSecretsSealer = masterKeys.sealer("pos-tss-admin-secrets/v1");
            TssProvisioner tssProvisioner = new TssProvisioner(database, tssService, adminService, clientService,
                    clients, posSecretsSealer, clock);
            FiscalUnitService fiscalUnitService = new FiscalUnitService(database, posRegisters, fiscalUnits,
                    registerKeys, tsses, tssProvisioner, new UnsignableOperations(clock), posIds, clock);

            TransactionService transactionService = new TransactionService(tssTransactions, tssService,
                    clients, txRepository, clock);

            List<HttpService> httpServices = List.of(
                    new OperationsService(database, readiness, meters, config.metricsToken()),
                    new ApiDocsService(),
                    new AuthApi(auth, guard, new LoginFailureLimiter(config.authMaxFailuresPerMinute(), clock), meters),
                    new OrganizationsApi(organizations, organizationService, guard),
                    new ApiKeysApi(apiKeys, apiKeyService, organizations, guard, authenticator),
                    new TssApi(tssService, tsses, guard),
                    new AdminApi(adminService, guard),
                    new ClientsApi(clientService, clients, tssService, guard),
                    new ExportApi(exportService, exports, exportDownload, tssService, guard));
            List<HttpService> posApis = List.of(
                    // one service per POS API resource, each registered with its absolute /v1 paths
                    new PlatformApiKeysApi(database, setupTokens,
                            new PlatformApiKeys(database, secretHasher, posKeys, posIds, clock), posDirectory, posGuard,
                            idempotency),
                    new PosOrganizationsApi(posOrganizations, posGuard, idempotency),
                    new LocationsApi(posLocations, posOrganizations, posDirectory, posGuard, idempotency),
                    new RegistersApi(database, posRegisters, registerAccess, registerViews, posGuard, idempotency,
                            posIds, clock),
                    new HeartbeatsApi(database, registerAccess, posRegisters, registerStatuses, posGuard, idempotency,
                            posIds, clock),
                    new FiscalUnitsApi(database, fiscalUnitService, fiscalUnits, fiscalUnitViews, registerAccess,
                            registerViews, posGuard, idempotency),
                    new CredentialsApi(database, registerAccess, registerKeys, posGuard, idempotency, clock));
            // Helidon tries the routes in the order registered, each with a regular expression: the signing
            // routes, nearly every request under load, go first (finding the route was 5 % of the server's
            // allocation under signing load, before this order)
            List<HttpService> signing = List.of(
                    new TransactionsApi(transactionService, txRepository, clientService, logStore, guard),
                    new SalesApi(database, new SaleService(database, tssTransactions, transactionService, posDirectory,
                            posIds, clock, config.pos().maxOpenOperationsPerRegister()), registerAccess, posDirectory,
                            posGuard, idempotency));
            HubUserRepository hubUsers = new HubUserRepository(database);
            this.hubAccounts = new HubAccounts(database, hubUsers, passwordHasher,
                    config.hub().maxSignInFailuresPerMinute(), clock);
            List<HttpService> hubPages = HubServices.create(new HubServices.Parts(database, config.hub(), hubAccounts,
                    new HubSessions(database, secretHasher, config.hub().sessionTtl(), clock), hubUsers, organizations,
                    organizationService, apiKeys, apiKeyService, authenticator, tsses, clients,
                    new TssSetup(tssService, adminService, clientService), ca::chain, txRepository, posDirectory,
                    posRegisters, fiscalUnits, registerStatuses, registerKeys, exportService, exports,
                    exportDownload, clock));
            this.httpServices = Stream.of(signing, httpServices, posApis, hubPages).flatMap(List::stream).toList();
            this.masterKeySealed = List.of(pepper,
                    new SealedColumn("TSS key envelopes", database, "tss", "id", "key_handle",
                            custody.envelope().handleResealer(JournalTss::keyId)),
                    new SealedColumn("CA key envelopes", database, "ca_certificate", "kind", "key_handle",
                            custody.envelope().handleResealer(InstanceCa::keyId)),
                    new SealedColumn("token signing keys", database, "token_signing_key", "kid", "sealed_private_key",
                            tokenKeySealer.resealer(TokenSigningKeys::associatedData)),
                    new SealedColumn("POS TSS admin PINs", database, "pos_tss", "tss_id", "admin_pin",
                            posSecretsSealer.resealer(TssProvisioner::pinLabel)),
                    new SealedColumn("POS TSS admin PUKs", database, "pos_tss", "tss_id", "admin_puk",
                            posSecretsSealer.resealer(TssProvisioner::pukLabel)));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public static Application open(AppConfig config, Clock clock) {
        return new Application(config, clock);
    }

    /**
     * A node started with a master key the database was not set up with must not run; one that has the
     * database's key as its previous key runs in the middle of a rotation.
     */
    private static void checkMasterKey(MasterKeyRing masterKeys, InstanceSettings settings) {
        masterKeys.requireKnown(settings.putIfAbsent(MASTER_KEY_CHECK, masterKeys.current().checkValue()));
        if (masterKeys.isRotationPending()) {
            LOG.info("master key rotation pending: the database still uses OPENTSS_MASTER_KEY_PREVIOUS; once every "
                    + "node has the new key, run 'opentss master-key rotate'");
        } else if (masterKeys.previous().isPresent()) {
            LOG.info("OPENTSS_MASTER_KEY_PREVIOUS is set, but the database uses the current master key; remove it "
                    + "once 'opentss master-key status' shows nothing left under it");
        }
    }

    /** Switches the database to the current master key: nodes seal new values under it from now on. */
    public void activateCurrentMasterKey() {
        new InstanceSettings(database).put(MASTER_KEY_CHECK, masterKeys.current().checkValue());
    }

    /** Everything stored sealed under the master key, for {@code opentss master-key}. */
    public List<MasterKeySealed> masterKeySealed() {
        return masterKeySealed;
    }

    public AppConfig config() {
        return config;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    public Readiness readiness() {
        return readiness;
    }

    public Database database() {
        return database;
    }

    public OrganizationRepository organizations() {
        return organizations;
    }

    public OrganizationService organizationService() {
        return organizationService;
    }

    public ApiKeyRepository apiKeys() {
        return apiKeys;
    }

    public ApiKeyService apiKeyService() {
        return apiKeyService;
    }

    public LogStore logStore() {
        return logStore;
    }

    public TssTransactions tssTransactions() {
        return tssTransactions;
    }

    public TssService tssService() {
        return tssService;
    }

    public AdminService adminService() {
        return adminService;
    }

    public ClientService clientService() {
        return clientService;
    }

    /** The installation's root CA certificate (DER): the trust anchor of every TSS certificate. */
    public byte[] rootCertificate() {
        return ca.chain()[1];
    }

    /** The administrator's request limits for single POS API credentials. */
    public CredentialRateLimits credentialRateLimits() {
        return new CredentialRateLimits(database);
    }

    /** The POS identities of organizations ({@code org_} ids). */
    public PosDirectory posDirectory() {
        return posDirectory;
    }

    /** Setup tokens of the POS API, which the operator creates ({@code opentss setup-token create}). */
    public SetupTokens setupTokens() {
        return setupTokens;
    }

    /** HUB accounts, for the operator's {@code opentss hub-user create}. */
    public HubAccounts hubAccounts() {
        return hubAccounts;
    }

    /** The background export jobs; a server starts them, CLI commands do not. */
    public ExportWorker exportWorker() {
        return exportWorker;
    }

    public List<HttpService> httpServices() {
        return httpServices;
    }

    @Override
    public void close() {
        exportWorker.close();
        database.close();
        gcMetrics.close();
        meters.close();
    }
}
