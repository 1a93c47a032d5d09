package org.opentss.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opentss.Application;
import org.opentss.identity.ApiKey;
import org.opentss.identity.Caller;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.identity.NewOrganization;
import org.opentss.identity.Organization;
import org.opentss.tss.NewTss;
import org.opentss.tss.TssState;

/**
 * A benchmark's data set, created through the services the API calls: an organization with a TEST API
 * key, and TSSs that are INITIALIZED with their admin PIN set and registered clients, ready to sign.
 */
public final class BenchFixture {

    /** One ready TSS and its clients: ids and serial numbers. */
    public record ReadyTss(String tssId, List<String> clientIds, List<String> clientSerials) {
    }

    private static final String ADMIN_PIN = "bench-pin";

    private final Application app;
    private final CreatedApiKey key;
    private final Caller caller;

    private BenchFixture(Application app, CreatedApiKey key, Caller caller) {
        this.app = app;
        this.key = key;
        this.caller = caller;
    }

    /** A new organization "Benchmark" with a TEST API key. */
    public static BenchFixture create(Application app) {
        Organization org = app.organizationService().create(new NewOrganization(Optional.empty(), "Benchmark", "",
                Optional.empty(), "", "", Optional.empty(), "DEU", Optional.empty(), Map.of()), null);
        CreatedApiKey key = app.apiKeyService().create(org.id(), Environment.TEST, "Benchmark", ApiKey.Status.ENABLED,
                Map.of(), Optional.empty(), Optional.empty());
        // a caller as a token of this key would be; an admin session binds to its token id
        Caller caller = new Caller(key.key().id(), org.id(), Environment.TEST, "bench", UUID.randomUUID().toString(),
                Long.MAX_VALUE);
        return new BenchFixture(app, key, caller);
    }

    public String apiKey() {
        return key.key().key();
    }

    public String apiSecret() {
        return key.secret();
    }

    /** A caller acting for the API key, for work on the fixture's TSSs through the services. */
    public Caller caller() {
        return caller;
    }

    /** Creates, personalizes and initializes a TSS and registers {@code clients} clients on it. */
    public ReadyTss readyTss(int clients) {
        String tssId = UUID.randomUUID().toString();
        NewTss tss = app.tssService().create(caller, tssId, Optional.empty());
        app.tssService().changeState(caller, tssId, TssState.UNINITIALIZED, Optional.empty(), Optional.empty());
        app.adminService().setPinWithPuk(caller, tssId, tss.adminPuk().orElseThrow(), ADMIN_PIN);
        app.adminService().login(caller, tssId, ADMIN_PIN);
        app.tssService().changeState(caller, tssId, TssState.INITIALIZED, Optional.empty(), Optional.empty());
        List<String> ids = new ArrayList<>();
        List<String> serials = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            String serial = String.format("BENCH-KASSE-%03d", i);
            ids.add(app.clientService().create(caller, tssId, UUID.randomUUID().toString(), serial, Map.of()).id());
            serials.add(serial);
        }
        app.adminService().logout(caller, tssId);
        return new ReadyTss(tssId, List.copyOf(ids), List.copyOf(serials));
    }
}
