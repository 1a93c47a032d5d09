package org.opentss.tss;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opentss.identity.Caller;

/**
 * The getting-started flow of sign-de-v2.md §6 in one step, for the HUB's provisioning wizard: create a TSS,
 * set its admin PIN with the PUK, initialize it in an admin session, register the first client, log out.
 * The caller's token id binds the admin session to this one setup.
 */
public final class TssSetup {

    private final TssService tssService;
    private final AdminService adminService;
    private final ClientService clientService;
    private final SecureRandom random = new SecureRandom();

    /** What the person who provisioned the TSS must keep: the PUK is shown only this once, like the PIN. */
    public record Provisioned(Tss tss, Client client, String adminPin, String adminPuk) {
        @Override
        public String toString() {
            return "Provisioned[" + tss + ", client=" + client.id() + ", adminPin=***, adminPuk=***]";
        }
    }

    public TssSetup(TssService tssService, AdminService adminService, ClientService clientService) {
        this.tssService = tssService;
        this.adminService = adminService;
        this.clientService = clientService;
    }

    /** A random 10-digit admin PIN, for a person who did not choose one. */
    public String randomPin() {
        return String.format("%010d", random.nextLong(10_000_000_000L));
    }

    /**
     * @param adminPin a PIN that satisfies {@link TssRules#adminPinViolation}
     * @param clientSerial a serial number that satisfies {@link TssRules#isClientSerial}
     */
    public Provisioned provision(Caller caller, String adminPin, String clientSerial) {
        String tssId = UUID.randomUUID().toString();
        NewTss created = tssService.create(caller, tssId, Optional.empty());
        String puk = created.adminPuk().orElseThrow();
        tssService.changeState(caller, tssId, TssState.UNINITIALIZED, Optional.empty(), Optional.empty());
        adminService.setPinWithPuk(caller, tssId, puk, adminPin);
        adminService.login(caller, tssId, adminPin);
        try {
            Tss tss = tssService.changeState(caller, tssId, TssState.INITIALIZED, Optional.empty(), Optional.empty());
            Client client = clientService.create(caller, tssId, UUID.randomUUID().toString(), clientSerial, Map.of());
            return new Provisioned(tssService.find(caller, tssId).orElse(tss), client, adminPin, puk);
        } finally {
            adminService.logout(caller, tssId);
        }
    }
}
