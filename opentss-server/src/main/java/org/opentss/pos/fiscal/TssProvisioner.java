package org.opentss.pos.fiscal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.opentss.crypto.MasterKeySealer;
import org.opentss.http.Metadata;
import org.opentss.identity.Caller;
import org.opentss.identity.Environment;
import org.opentss.store.Database;
import org.opentss.tss.AdminService;
import org.opentss.tss.Client;
import org.opentss.tss.ClientRepository;
import org.opentss.tss.ClientService;
import org.opentss.tss.NewTss;
import org.opentss.tss.TssService;
import org.opentss.tss.TssState;

/**
 * The TSS work behind fiscal units (pos-api.md §2.2, §13.1): selects or creates an initialized TSS for a
 * location and registers or deregisters a register's client on it, each step in its own admin session
 * (authenticateUser … logOut). OpenTSS holds the admin PIN and PUK of the TSSs it creates, sealed with a
 * key derived from the master key, so no person ever needs them.
 */
public final class TssProvisioner {

    /** Admin sessions of a provisioning step last at most this long. */
    private static final long SESSION_SECONDS = 300;

    private final Database database;
    private final Jdbi jdbi;
    private final TssService tssService;
    private final AdminService adminService;
    private final ClientService clientService;
    private final ClientRepository clients;
    private final MasterKeySealer sealer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** Where a register's client lives. */
    public record Binding(String tssId, String clientId, long registeredAt) {
    }

    public TssProvisioner(Database database, TssService tssService, AdminService adminService,
            ClientService clientService, ClientRepository clients, MasterKeySealer sealer, Clock clock) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.tssService = tssService;
        this.adminService = adminService;
        this.clientService = clientService;
        this.clients = clients;
        this.sealer = sealer;
        this.clock = clock;
    }

    /**
     * Registers the register's client on a TSS of its location: the oldest initialized POS TSS with free
     * client capacity other than {@code excludedTss}, else a new one (§13.1 TSS selection).
     */
    public Binding provision(String organizationId, Environment env, String locationId, String serialNumber,
            Map<String, String> clientMetadata, Optional<String> excludedTss) {
        Optional<String> selected = selectTss(locationId, excludedTss);
        if (selected.isPresent()) {
            return register(organizationId, env, selected.get(), serialNumber, clientMetadata);
        }
        return createTssAndRegister(organizationId, env, locationId, serialNumber, clientMetadata);
    }

    /** Registers (or registers again) the client with this serial number on {@code tssId}. */
    public Binding register(String organizationId, Environment env, String tssId, String serialNumber,
            Map<String, String> clientMetadata) {
        return inAdminSession(organizationId, env, tssId,
                session -> registerClient(session, tssId, serialNumber, clientMetadata));
    }

    /** Deregisters the client (a deregisterClient log between authenticateUser and logOut). */
    public void deregister(String organizationId, Environment env, String tssId, String clientId) {
        inAdminSession(organizationId, env, tssId, caller -> clientService.change(caller, tssId, clientId,
                Client.ClientState.DEREGISTERED, Optional.empty()));
    }

    private Optional<String> selectTss(String locationId, Optional<String> excludedTss) {
        return jdbi.withHandle(h -> h.createQuery("SELECT p.tss_id FROM pos_tss p JOIN tss t ON t.id = p.tss_id "
                        + "WHERE p.location_id = :location AND t.state = 'INITIALIZED' "
                        + "AND t.number_registered_clients < t.max_registered_clients AND t.certificate_not_after > :now "
                        + "AND p.tss_id <> :excluded ORDER BY p.created_at, p.tss_id LIMIT 1")
                .bind("location", locationId).bind("now", clock.instant().getEpochSecond())
                .bind("excluded", excludedTss.orElse("")).mapTo(String.class).findOne());
    }

    /**
     * Creates, personalizes and initializes a TSS for the location (sign-de-v2.md §6 flow) and registers the
     * client in the admin session that initialized it, so provisioning a new TSS signs seven system logs
     * (pos-api.md §20.1): updateTime, selfTest, unblockUser, authenticateUser, initialize, registerClient,
     * logOut.
     */
    private Binding createTssAndRegister(String organizationId, Environment env, String locationId,
            String serialNumber, Map<String, String> clientMetadata) {
        String tssId = UUID.randomUUID().toString();
        String pin = String.format("%010d", random.nextLong(10_000_000_000L));
        Caller caller = caller(organizationId, env);
        NewTss created = tssService.create(caller, tssId,
                Optional.of(Metadata.toNode(Map.of("pos_location_id", locationId))));
        String puk = created.adminPuk().orElseThrow();
        database.inTransaction(h -> h.createUpdate("INSERT INTO pos_tss (tss_id, location_id, admin_pin, admin_puk, "
                        + "created_at) VALUES (:tss, :location, :pin, :puk, :now)")
                .bind("tss", tssId).bind("location", locationId)
                .bind("pin", sealer.seal(pin.getBytes(StandardCharsets.UTF_8), pinLabel(tssId)))
                .bind("puk", sealer.seal(puk.getBytes(StandardCharsets.UTF_8), pukLabel(tssId)))
                .bind("now", clock.millis()).execute());
        tssService.changeState(caller, tssId, TssState.UNINITIALIZED, Optional.empty(), Optional.empty());
        adminService.setPinWithPuk(caller, tssId, puk, pin);
        return inAdminSession(organizationId, env, tssId, session -> {
            tssService.changeState(session, tssId, TssState.INITIALIZED, Optional.empty(), Optional.empty());
            return registerClient(session, tssId, serialNumber, clientMetadata);
        });
    }

    /** In an open admin session: registers the client, or registers a deregistered one with this serial again. */
    private Binding registerClient(Caller session, String tssId, String serialNumber,
            Map<String, String> clientMetadata) {
        Optional<Client> existing = clientBySerial(tssId, serialNumber);
        Client client = existing.isPresent()
                ? clientService.change(session, tssId, existing.get().id(), Client.ClientState.REGISTERED,
                        Optional.of(Metadata.toNode(clientMetadata)))
                : clientService.create(session, tssId, UUID.randomUUID().toString(), serialNumber, clientMetadata);
        return new Binding(tssId, client.id(), client.timeUpdate());
    }

    private <T> T inAdminSession(String organizationId, Environment env, String tssId,
            Function<Caller, T> step) {
        Caller caller = caller(organizationId, env);
        adminService.login(caller, tssId, adminPin(tssId));
        try {
            return step.apply(caller);
        } finally {
            adminService.logout(caller, tssId);
        }
    }

    private String adminPin(String tssId) {
        byte[] sealed = jdbi.withHandle(h -> h.createQuery("SELECT admin_pin FROM pos_tss WHERE tss_id = :tss")
                .bind("tss", tssId).mapTo(byte[].class).one());
        return new String(sealer.open(sealed, pinLabel(tssId)), StandardCharsets.UTF_8);
    }

    private Optional<Client> clientBySerial(String tssId, String serialNumber) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM client WHERE tss_id = :tss AND serial_number = :serial")
                .bind("tss", tssId).bind("serial", serialNumber).mapTo(String.class).findOne())
                .flatMap(clients::find);
    }

    /** A session of its own per step: its token id binds the admin login to this step only. */
    private Caller caller(String organizationId, Environment env) {
        return Caller.internal(organizationId, env, "pos-" + UUID.randomUUID(),
                clock.instant().getEpochSecond() + SESSION_SECONDS);
    }


    /** What a TSS's sealed admin PIN is bound to. */
    public static String pinLabel(String tssId) {
        return "pos-tss-pin:" + tssId;
    }

    /** What a TSS's sealed admin PUK is bound to. */
    public static String pukLabel(String tssId) {
        return "pos-tss-puk:" + tssId;
    }
}
