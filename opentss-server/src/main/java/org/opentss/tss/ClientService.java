package org.opentss.tss;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.http.Metadata;
import org.opentss.identity.Caller;
import org.opentss.journal.JournalWriter;
import org.opentss.journal.SystemEvents;
import tools.jackson.databind.node.ObjectNode;

/** Registering and deregistering clients, each logged (sign-de-v2.md §7). */
public final class ClientService {

    private final TssTransactions transactions;
    private final TssRepository tsses;
    private final ClientRepository clients;
    private final AdminSessions sessions;
    private final TssService tssService;
    private final Clock clock;

    public ClientService(TssTransactions transactions, TssRepository tsses, ClientRepository clients,
            AdminSessions sessions, TssService tssService, Clock clock) {
        this.transactions = transactions;
        this.tsses = tsses;
        this.clients = clients;
        this.sessions = sessions;
        this.tssService = tssService;
        this.clock = clock;
    }

    /**
     * {@code PUT /tss/{id}/client/{client_id}}: registers a client, or answers an identical repeat of the
     * creating request with the stored client (§7.2).
     */
    public Client create(Caller caller, String tssId, String clientId, String serialNumber, Map<String, String> metadata) {
        return transactions.inLockedTss(caller, tssId, (h, tss) -> {
            long now = clock.instant().getEpochSecond();
            TssRules.requireInService(tss, now);
            requireAdmin(h, tss, caller, now);
            Optional<Client> existing = clients.find(h, clientId);
            if (existing.isPresent()) {
                Client client = existing.get();
                if (client.tssId().equals(tss.id()) && client.serialNumber().equals(serialNumber)
                        && client.createMetadata().equals(metadata)) {
                    return client;
                }
                throw ApiError.of(ErrorCode.E_CLIENT_CONFLICT,
                        "client_id already exists (client ids are unique across all TSSs)");
            }
            if (clients.serialInUse(h, tss.id(), serialNumber)) {
                throw ApiError.of(ErrorCode.E_ILLEGAL_CLIENT_SERIAL,
                        "serial_number is already used by another client of this TSS");
            }
            requireCapacity(tss);
            Client client = new Client(clientId, tss.id(), serialNumber, Client.ClientState.REGISTERED, metadata,
                    metadata, now, now);
            clients.insert(h, client);
            tsses.addRegisteredClients(h, tss.id(), 1);
            log(h, tss).append(SystemEvents.registerClient(serialNumber));
            return client;
        });
    }

    /** {@code PATCH /tss/{id}/client/{client_id}}: deregister, re-register, merge metadata (§7.3). */
    public Client change(Caller caller, String tssId, String clientId, Client.ClientState target,
            Optional<ObjectNode> metadataChange) {
        return transactions.inLockedTss(caller, tssId, (h, tss) -> {
            Client client = clients.find(h, clientId).filter(c -> c.tssId().equals(tss.id()))
                    .orElseThrow(ClientService::clientNotFound);
            long now = clock.instant().getEpochSecond();
            TssRules.requireInService(tss, now);
            requireAdmin(h, tss, caller, now);
            Map<String, String> metadata = metadataChange
                    .map(m -> Metadata.merge(client.metadata(), m, "body/metadata")).orElse(client.metadata());
            if (client.state() != target) {
                if (target == Client.ClientState.REGISTERED) {
                    requireCapacity(tss);
                    tsses.addRegisteredClients(h, tss.id(), 1);
                    log(h, tss).append(SystemEvents.registerClient(client.serialNumber()));
                } else {
                    tsses.addRegisteredClients(h, tss.id(), -1);
                    log(h, tss).append(SystemEvents.deregisterClient(client.serialNumber()));
                }
            }
            boolean changed = client.state() != target || !metadata.equals(client.metadata());
            long timeUpdate = changed ? now : client.timeUpdate();
            clients.update(h, client.id(), target, metadata, timeUpdate);
            return new Client(client.id(), client.tssId(), client.serialNumber(), target, client.createMetadata(),
                    metadata, client.timeCreation(), timeUpdate);
        });
    }

    /** The client {@code clientId} of a visible TSS; 404 for an unknown TSS, then for an unknown client. */
    public Client find(Caller caller, String tssId, String clientId) {
        tssService.find(caller, tssId).orElseThrow(TssTransactions::tssNotFound);
        return clients.find(clientId).filter(c -> c.tssId().equals(tssId)).orElseThrow(ClientService::clientNotFound);
    }

    /** Metadata changes need no admin session and log nothing (§11). */
    public Map<String, String> updateMetadata(Caller caller, String tssId, String clientId, ObjectNode change) {
        return transactions.inLockedTss(caller, tssId, (h, tss) -> {
            Client client = clients.find(h, clientId).filter(c -> c.tssId().equals(tss.id()))
                    .orElseThrow(ClientService::clientNotFound);
            Map<String, String> merged = Metadata.merge(client.metadata(), change, "body");
            if (!merged.equals(client.metadata())) {
                clients.update(h, client.id(), client.state(), merged, clock.instant().getEpochSecond());
            }
            return merged;
        });
    }

    public static ApiError clientNotFound() {
        return ApiError.of(ErrorCode.E_CLIENT_NOT_FOUND, "Client not found");
    }

    private void requireAdmin(Handle h, Tss tss, Caller caller, long now) {
        if (!sessions.isActive(h, tss.id(), caller, now)) {
            throw TssRules.adminRequired();
        }
    }

    private static void requireCapacity(Tss tss) {
        if (tss.numberRegisteredClients() >= tss.maxRegisteredClients()) {
            throw ApiError.of(ErrorCode.E_CLIENT_LIMIT_REACHED, "the TSS already has "
                    + tss.maxRegisteredClients() + " registered clients");
        }
    }

    /** The journal of a TSS in service, with the time synchronised first if it is due (§6.3). */
    private JournalWriter log(Handle h, Tss tss) {
        JournalWriter writer = tssService.writer(h, tss);
        writer.syncTimeIfDue();
        return writer;
    }
}
