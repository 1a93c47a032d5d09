package org.opentss.tx;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.http.JsonInput;
import org.opentss.http.Metadata;
import org.opentss.identity.Caller;
import org.opentss.journal.JournalWriter;
import org.opentss.journal.LoggedRevision;
import org.opentss.journal.SignedLog;
import org.opentss.journal.TransactionData;
import org.opentss.journal.TransactionPhase;
import org.opentss.tss.Client;
import org.opentss.tss.ClientRepository;
import org.opentss.tss.GroupReads;
import org.opentss.tss.Tss;
import org.opentss.tss.TssRules;
import org.opentss.tss.TssService;
import org.opentss.tss.TssTransactions;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts, updates, finishes and cancels transactions (sign-de-v2.md §8.2): every revision signs exactly
 * one transaction log, in the same database transaction that stores the revision; an identical retry
 * of the latest revision is answered from storage and signs nothing.
 */
public final class TransactionService {

    /** A stored revision with the transaction and the TSS facts its rendering needs. */
    public record Result(Transaction transaction, TxRevision revision, String tssSerial, byte[] tssPublicKey) {
    }

    private final TssTransactions tssTransactions;
    private final TssService tssService;
    private final ClientRepository clients;
    private final TransactionRepository transactions;
    private final Clock clock;

    public TransactionService(TssTransactions tssTransactions, TssService tssService,
            ClientRepository clients, TransactionRepository transactions, Clock clock) {
        this.tssTransactions = tssTransactions;
        this.tssService = tssService;
        this.clients = clients;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What an upsert reads: the transaction (unless named by its number) and the client. */
    private record UpsertReads(String tssId, Optional<String> txId, String clientId) {
    }

    /** One instance: the group reads ahead for all upserts with the same {@link GroupReads}. */
    private final GroupReads<UpsertReads> upsertReads = this::readAhead;

    /** Checks in the order of §8.2, steps 2–12. */
    Result upsert(Caller caller, String tssId, TxRef ref, UpsertRequest request) {
        return tssTransactions.inGroupCommit(caller, tssId, upsertReads,
                new UpsertReads(tssId, ref.id(), request.clientId()), (h, tss) -> upsertLocked(h, tss, ref, request));
    }

    /** The transactions and clients of a group's upserts, in one statement per TSS and one for the clients. */
    private void readAhead(Handle h, List<UpsertReads> announced) {
        GroupRows rows = groupRows(h).orElseThrow(() -> new IllegalStateException("read ahead outside a group"));
        Map<String, List<String>> txIdsByTss = new LinkedHashMap<>();
        for (UpsertReads reads : announced) {
            reads.txId().ifPresent(id -> txIdsByTss.computeIfAbsent(reads.tssId(), tss -> new ArrayList<>()).add(id));
        }
        txIdsByTss.forEach((tssId, ids) -> rows.readTransactions(tssId, ids, transactions.findAll(h, tssId, ids)));
        List<String> clientIds = announced.stream().map(UpsertReads::clientId).distinct().toList();
        rows.readClients(clientIds, clients.findAll(h, clientIds));
    }

    /**
     * For the POS API, whose sale steps are TSS API requests: applies {@code body} (a {@code PUT
     * /tss/{id}/tx/{txId}?tx_revision=revision} body) to a TSS that {@code h} holds locked, in the caller's
     * database transaction, and returns the transaction as the TSS API renders it.
     */
    public ObjectNode upsertInLockedTss(Handle h, Tss tss, String txId, long revision, ObjectNode body) {
        UpsertRequest request = UpsertRequest.parse(JsonInput.body(body), revision);
        Result result = upsertLocked(h, tss, TxRef.parse(txId), request);
        tssService.storeSigned(h); // the rendering holds the signature, and the caller stores it before the commit
        return TransactionJson.render(result.transaction(), result.revision(), result.tssSerial(),
                result.tssPublicKey(), tss.env());
    }

    private Result upsertLocked(Handle h, Tss tss, TxRef ref, UpsertRequest request) {
        Optional<Transaction> existing = find(h, tss.id(), ref);
        if (existing.isEmpty() && ref.number().isPresent()) {
            throw ApiError.of(ErrorCode.E_TX_UPSERT, "transaction number " + ref + " does not exist");
        }
        if (existing.isPresent() && existing.get().latestRevision() == request.revision()) {
            tssService.storeSigned(h); // the revision may come from earlier in this group
            TxRevision latest = transactions.revision(h, existing.get(), existing.get().latestRevision())
                    .orElseThrow();
            if (latest.fingerprint().equals(request.fingerprint())) {
                return new Result(existing.get(), latest, tss.serialNumber(), tss.publicKey());
            }
        }
        long now = clock.instant().getEpochSecond();
        TssRules.requireInService(tss, now);
        return existing.isEmpty()
                ? start(h, tss, ref.id().orElseThrow(), request)
                : next(h, tss, existing.get(), request);
    }

    private Result start(Handle h, Tss tss, String txId, UpsertRequest request) {
        if (request.revision() != 1) {
            throw ApiError.of(ErrorCode.E_TX_UPSERT,
                    "tx_revision must be 1 (latest revision 0 + 1), got " + request.revision());
        }
        if (request.state() != TxState.ACTIVE) {
            throw ApiError.of(ErrorCode.E_TX_UPSERT, "a transaction must be started with state ACTIVE");
        }
        if (request.schema().kind() != SchemaKind.NONE) {
            throw ApiError.of(ErrorCode.E_TX_UPSERT, "schema must be empty when a transaction is started");
        }
        Client client = registeredClient(h, tss, request.clientId());
        if (tss.numberActiveTransactions() >= tss.maxActiveTransactions()) {
            throw ApiError.of(ErrorCode.E_TX_LIMIT_REACHED, "the TSS already has " + tss.maxActiveTransactions()
                    + " ACTIVE transactions");
        }
        JournalWriter writer = tssService.writer(h, tss);
        writer.syncTimeIfDue();
        SignedLog log = writer.start(client.serialNumber(), logged(request, client, request.schema()));
        Transaction tx = new Transaction(tss.id(), txId, log.transactionNumber().getAsLong(), TxState.ACTIVE, 1,
                client.id(), Optional.empty(), log.logTime(), OptionalLong.empty(), request.metadataOnCreate());
        groupRows(h).ifPresentOrElse(rows -> rows.inserted(tx), () -> transactions.insertAll(h, List.of(tx)));
        TxRevision revision = revision(tx, request, client, request.schema(), log);
        return new Result(tx, revision, tss.serialNumber(), tss.publicKey());
    }

    private Result next(Handle h, Tss tss, Transaction tx, UpsertRequest request) {
        if (tx.state().isEnded()) {
            throw ApiError.of(ErrorCode.E_TX_UPSERT, "transaction is already " + tx.state());
        }
        if (request.revision() == tx.latestRevision()) {
            throw ApiError.of(ErrorCode.E_TX_UPSERT, "revision " + tx.latestRevision() + " already exists with "
                    + "different content");
        }
        if (request.revision() != tx.latestRevision() + 1) {
            throw ApiError.of(ErrorCode.E_TX_UPSERT, "tx_revision must be " + (tx.latestRevision() + 1)
                    + " (latest revision " + tx.latestRevision() + " + 1), got " + request.revision());
        }
        Client client = registeredClient(h, tss, request.clientId());
        TransactionSchema schema = effectiveSchema(request);
        Optional<String> type = tx.processType();
        if (request.schema().kind() != SchemaKind.NONE && !schema.processType().isEmpty()) {
            if (type.isPresent() && !type.get().equals(schema.processType())) {
                throw ApiError.of(ErrorCode.E_TX_ILLEGAL_TYPE_CHANGE, "process type " + schema.processType()
                        + " differs from the transaction's process type " + type.get());
            }
            type = Optional.of(schema.processType());
        }
        TransactionPhase phase = request.state().isEnded() ? TransactionPhase.FINISH : TransactionPhase.UPDATE;
        JournalWriter writer = tssService.writer(h, tss);
        writer.syncTimeIfDue();
        SignedLog log = writer.append(new TransactionData(phase, client.serialNumber(), schema.processData(),
                schema.processType(), tx.number()), logged(request, client, schema));
        Map<String, String> metadata = Metadata.merge(tx.metadata(), request.metadataChange(), "body/metadata");
        Transaction updated = new Transaction(tx.tssId(), tx.id(), tx.number(), request.state(), (int) request.revision(),
                client.id(), type, tx.timeStart(),
                request.state().isEnded() ? OptionalLong.of(log.logTime()) : OptionalLong.empty(), metadata);
        groupRows(h).ifPresentOrElse(rows -> rows.updated(updated),
                () -> transactions.updateAll(h, List.of(updated), !updated.clientId().equals(tx.clientId())));
        TxRevision revision = revision(updated, request, client, schema, log);
        return new Result(updated, revision, tss.serialNumber(), tss.publicKey());
    }

    /** What a revision signs when the request has no schema (§8.2 rule 6, §8.5). */
    private static TransactionSchema effectiveSchema(UpsertRequest request) {
        if (request.schema().kind() != SchemaKind.NONE) {
            return request.schema();
        }
        return switch (request.state()) {
            case ACTIVE -> request.schema();
            case FINISHED -> throw ApiError.of(ErrorCode.E_TX_NO_TYPE_DEFINED, "a FINISHED revision needs a schema");
            case CANCELLED -> TransactionSchema.cancelledWithoutSchema();
        };
    }

    private Client registeredClient(Handle h, Tss tss, String clientId) {
        Supplier<Optional<Client>> stored = () -> clients.find(h, clientId);
        Client client = groupRows(h).map(rows -> rows.client(clientId, stored)).orElseGet(stored)
                .filter(c -> c.tssId().equals(tss.id()))
                .orElseThrow(() -> ApiError.of(400, ErrorCode.E_CLIENT_NOT_FOUND,
                        "client_id " + clientId + " is not a client of this TSS"));
        if (client.state() != Client.ClientState.REGISTERED) {
            throw ApiError.of(ErrorCode.E_CLIENT_DEREGISTERED, "the client is DEREGISTERED");
        }
        return client;
    }

    /** What the log's row stores of the revision; its process type and data are the log's, as signed. */
    private static LoggedRevision logged(UpsertRequest request, Client client, TransactionSchema schema) {
        return new LoggedRevision((int) request.revision(), request.state().name(), client.id(),
                schema.echoJson(), request.fingerprint());
    }

    /** The revision holds the log's signature array, which is filled in once the log is signed. */
    private static TxRevision revision(Transaction tx, UpsertRequest request, Client client, TransactionSchema schema,
            SignedLog log) {
        return new TxRevision(tx.tssId(), tx.id(), (int) request.revision(), request.state(), client.id(),
                client.serialNumber(), schema.echo(), request.fingerprint(), schema.processType(),
                schema.processData(), log.signatureCounter(), log.logTime(), log.signature());
    }

    /** A visible TSS, else 404 (lists of one TSS). */
    void requireTss(Caller caller, String tssId) {
        tssService.find(caller, tssId).orElseThrow(TssTransactions::tssNotFound);
    }

    /** A revision for reading: the latest, or the one asked for (§8.8). */
    Result read(Caller caller, String tssId, TxRef ref, Optional<Long> revision) {
        Tss tss = tssService.find(caller, tssId).orElseThrow(TssTransactions::tssNotFound);
        return transactions.read(h -> {
            Transaction tx = find(h, tss.id(), ref).orElseThrow(TransactionService::txNotFound);
            long wanted = revision.orElse((long) tx.latestRevision());
            if (wanted > tx.latestRevision()) {
                throw ApiError.of(ErrorCode.E_TX_REVISION_NOT_FOUND, "tx_revision " + wanted + " does not exist "
                        + "(latest revision " + tx.latestRevision() + ")");
            }
            TxRevision found = transactions.revision(h, tx, (int) wanted).orElseThrow();
            return new Result(tx, found, tss.serialNumber(), tss.publicKey());
        });
    }

    /** Metadata of any transaction in any state; creates no revision and signs nothing (§8.10). */
    Map<String, String> updateMetadata(Caller caller, String tssId, TxRef ref, ObjectNode change) {
        return tssTransactions.inLockedTss(caller, tssId, (h, tss) -> {
            Transaction tx = find(h, tss.id(), ref).orElseThrow(TransactionService::txNotFound);
            Map<String, String> merged = Metadata.merge(tx.metadata(), change, "body");
            transactions.setMetadata(h, tss.id(), tx.id(), merged);
            return merged;
        });
    }

    /** As the handle's transaction sees it: in a group commit, as the group left it. */
    private Optional<Transaction> find(Handle h, String tssId, TxRef ref) {
        Optional<GroupRows> rows = groupRows(h);
        if (ref.id().isPresent()) {
            String txId = ref.id().get();
            Supplier<Optional<Transaction>> stored = () -> transactions.find(h, tssId, txId);
            return rows.isPresent() ? rows.get().transaction(tssId, txId, stored) : stored.get();
        }
        long number = ref.number().getAsLong();
        Optional<Transaction> known = rows.flatMap(r -> r.knownByNumber(tssId, number));
        return known.isPresent() ? known : transactions.findByNumber(h, tssId, number);
    }

    /** The rows of a group commit's requests, read ahead and written late; empty outside a group commit. */
    private Optional<GroupRows> groupRows(Handle h) {
        return tssService.deferredRows(h, GroupRows.class, () -> new GroupRows(transactions));
    }

    static ApiError txNotFound() {
        return ApiError.of(ErrorCode.E_TX_NOT_FOUND, "Transaction not found");
    }
}
