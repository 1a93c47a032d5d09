package org.opentss.tx;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opentss.http.ApiError;
import org.opentss.http.ApiGuard;
import org.opentss.http.ErrorCode;
import org.opentss.http.JsonInput;
import org.opentss.http.ListQuery;
import org.opentss.http.Metadata;
import org.opentss.http.QueryInput;
import org.opentss.http.RateClass;
import org.opentss.http.RequestBody;
import org.opentss.http.Responses;
import org.opentss.http.SignDe;
import org.opentss.identity.Caller;
import org.opentss.journal.LogFileName;
import org.opentss.journal.LogStore;
import org.opentss.journal.TransactionData;
import org.opentss.journal.TransactionPhase;
import org.opentss.tss.ClientService;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v2/…/tx…}: upsert and read transactions, their logs, metadata and lists (sign-de-v2.md §8). */
public final class TransactionsApi implements HttpService {

    private static final String TX = "/api/v2/tss/{tss_id}/tx/{tx_id_or_number}";
    private static final Set<String> STATES = EnumSet.allOf(TxState.class).stream().map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private final TransactionService service;
    private final TransactionRepository transactions;
    private final ClientService clients;
    private final LogStore logs;
    private final ApiGuard guard;

    public TransactionsApi(TransactionService service, TransactionRepository transactions, ClientService clients,
            LogStore logs, ApiGuard guard) {
        this.service = service;
        this.transactions = transactions;
        this.clients = clients;
        this.logs = logs;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put(TX, guard.authenticated(RateClass.SIGN, this::upsert))
                .get(TX, guard.authenticated(RateClass.GENERAL, this::get))
                .get(TX + "/log", guard.authenticated(RateClass.GENERAL, this::log))
                .get(TX + "/metadata", guard.authenticated(RateClass.GENERAL, this::getMetadata))
                .patch(TX + "/metadata", guard.authenticated(RateClass.GENERAL, this::patchMetadata))
                .get("/api/v2/tss/{tss_id}/tx", guard.authenticated(RateClass.GENERAL, this::listOfTss))
                .get("/api/v2/tss/{tss_id}/client/{client_id}/tx", guard.authenticated(RateClass.GENERAL,
                        this::listOfClient))
                .get("/api/v2/tx", guard.authenticated(RateClass.GENERAL, this::listAll));
    }

    private void upsert(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.object(req));
        String tssId = SignDe.pathId(req, "tss_id");
        TxRef ref = TxRef.parse(req.path().pathParameters().get("tx_id_or_number"));
        QueryInput query = new QueryInput(req.query());
        if (query.scalar("tx_revision").isEmpty()) {
            throw ApiError.of(ErrorCode.E_TX_UPSERT, "tx_revision query parameter is required");
        }
        long revision = query.integer("tx_revision", 1, 1, QueryInput.MAX_SAFE_INTEGER);
        render(res, caller, service.upsert(caller, tssId, ref, UpsertRequest.parse(in, revision)));
    }

    private void get(ServerRequest req, ServerResponse res, Caller caller) {
        render(res, caller, read(req, caller));
    }

    /** The deprecated single-log download (§8.9), named as in an export. */
    private void log(ServerRequest req, ServerResponse res, Caller caller) {
        TransactionService.Result result = read(req, caller);
        TxRevision revision = result.revision();
        TransactionPhase phase = switch (revision.operation()) {
            case "Start" -> TransactionPhase.START;
            case "Finish" -> TransactionPhase.FINISH;
            default -> TransactionPhase.UPDATE;
        };
        String name = LogFileName.of(new TransactionData(phase, revision.clientSerial(), revision.processData(),
                revision.processType(), result.transaction().number()), revision.signatureCounter(), revision.logTime());
        byte[] message = logs.message(revision.tssId(), revision.signatureCounter()).orElseThrow();
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        res.send(message);
    }

    private TransactionService.Result read(ServerRequest req, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        TxRef ref = TxRef.parse(req.path().pathParameters().get("tx_id_or_number"));
        QueryInput query = new QueryInput(req.query());
        Optional<Long> revision = query.scalar("tx_revision").isPresent()
                ? Optional.of(query.integer("tx_revision", 1, 1, QueryInput.MAX_SAFE_INTEGER)) : Optional.empty();
        return service.read(caller, tssId, ref, revision);
    }

    private void getMetadata(ServerRequest req, ServerResponse res, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        TxRef ref = TxRef.parse(req.path().pathParameters().get("tx_id_or_number"));
        Responses.json(res, Metadata.toNode(service.read(caller, tssId, ref, Optional.empty()).transaction().metadata()));
    }

    private void patchMetadata(ServerRequest req, ServerResponse res, Caller caller) {
        ObjectNode change = RequestBody.object(req);
        String tssId = SignDe.pathId(req, "tss_id");
        TxRef ref = TxRef.parse(req.path().pathParameters().get("tx_id_or_number"));
        Metadata.validate(change, "body");
        Responses.json(res, Metadata.toNode(service.updateMetadata(caller, tssId, ref, change)));
    }

    private void listOfTss(ServerRequest req, ServerResponse res, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        ListQuery query = listQuery(req);
        service.requireTss(caller, tssId);
        list(res, caller, Optional.of(tssId), Optional.empty(), query);
    }

    private void listOfClient(ServerRequest req, ServerResponse res, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        String clientId = SignDe.pathId(req, "client_id");
        ListQuery query = listQuery(req);
        clients.find(caller, tssId, clientId);
        list(res, caller, Optional.of(tssId), Optional.of(clientId), query);
    }

    private void listAll(ServerRequest req, ServerResponse res, Caller caller) {
        list(res, caller, Optional.empty(), Optional.empty(), listQuery(req));
    }

    private static ListQuery listQuery(ServerRequest req) {
        return ListQuery.parse(req.query(), TransactionRepository.ORDER_BY, "number", STATES);
    }

    private void list(ServerResponse res, Caller caller, Optional<String> tssId, Optional<String> clientId,
            ListQuery query) {
        Set<TxState> states = query.states().stream().map(TxState::valueOf).collect(Collectors.toSet());
        var items = transactions.list(caller.organizationId(), caller.env(), tssId, clientId, states, query.orderBy(),
                        query.descending(), query.limit(), query.offset()).stream()
                .map(l -> TransactionJson.render(l.transaction(), l.latest(), l.tssSerial(), l.tssPublicKey(),
                        caller.env()))
                .toList();
        Responses.json(res, SignDe.list("TRANSACTION_LIST", caller.env(), items));
    }

    private static void render(ServerResponse res, Caller caller, TransactionService.Result result) {
        Responses.json(res, TransactionJson.render(result.transaction(), result.revision(), result.tssSerial(),
                result.tssPublicKey(), caller.env()));
    }
}
