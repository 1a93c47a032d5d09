package org.opentss.tss;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v2/tss/{id}/client…} and {@code /api/v2/client} (sign-de-v2.md §7). */
public final class ClientsApi implements HttpService {

    /**
     * The published serial pattern without {@code /} (a deviation: it would break export file names),
     * 1–70 characters, no leading or trailing space.
     */
    private static final Set<String> STATES = Set.of("REGISTERED", "DEREGISTERED");
    private static final Set<String> ORDER_BY = Set.of("serial_number", "time_creation");

    private final ClientService service;
    private final ClientRepository clients;
    private final TssService tssService;
    private final ApiGuard guard;

    public ClientsApi(ClientService service, ClientRepository clients, TssService tssService, ApiGuard guard) {
        this.service = service;
        this.clients = clients;
        this.tssService = tssService;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        String client = "/api/v2/tss/{tss_id}/client/{client_id}";
        rules.put(client, guard.authenticated(RateClass.SIGN, this::create))
                .patch(client, guard.authenticated(RateClass.SIGN, this::change))
                .get(client, guard.authenticated(RateClass.GENERAL, this::get))
                .get(client + "/metadata", guard.authenticated(RateClass.GENERAL, this::getMetadata))
                .patch(client + "/metadata", guard.authenticated(RateClass.GENERAL, this::patchMetadata))
                .get("/api/v2/tss/{tss_id}/client", guard.authenticated(RateClass.GENERAL, this::listOfTss))
                .get("/api/v2/client", guard.authenticated(RateClass.GENERAL, this::listAll));
    }

    private void create(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.object(req));
        String tssId = SignDe.pathId(req, "tss_id");
        String clientId = SignDe.pathId(req, "client_id");
        String serial = in.requiredString("serial_number", 0, Integer.MAX_VALUE);
        if (!TssRules.isClientSerial(serial)) {
            throw ApiError.of(ErrorCode.E_ILLEGAL_CLIENT_SERIAL, "serial_number " + TssRules.CLIENT_SERIAL_RULE);
        }
        Map<String, String> metadata = in.optionalObject("metadata")
                .map(m -> Metadata.forCreate(m, in.where("metadata"))).orElse(Map.of());
        Client created = service.create(caller, tssId, clientId, serial, metadata);
        Responses.json(res, ClientJson.render(created, caller.env(), false));
    }

    private void change(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.object(req));
        String tssId = SignDe.pathId(req, "tss_id");
        String clientId = SignDe.pathId(req, "client_id");
        Client.ClientState state = Client.ClientState.valueOf(in.optionalEnum("state", STATES)
                .orElseThrow(() -> ApiError.schema("body must have required property 'state'")));
        Optional<ObjectNode> metadata = in.optionalObject("metadata");
        metadata.ifPresent(m -> Metadata.validate(m, in.where("metadata")));
        Responses.json(res, ClientJson.render(service.change(caller, tssId, clientId, state, metadata), caller.env(),
                true));
    }

    private void get(ServerRequest req, ServerResponse res, Caller caller) {
        Responses.json(res, ClientJson.render(find(req, caller), caller.env(), true));
    }

    private void getMetadata(ServerRequest req, ServerResponse res, Caller caller) {
        Responses.json(res, Metadata.toNode(find(req, caller).metadata()));
    }

    private void patchMetadata(ServerRequest req, ServerResponse res, Caller caller) {
        ObjectNode change = RequestBody.object(req);
        String tssId = SignDe.pathId(req, "tss_id");
        String clientId = SignDe.pathId(req, "client_id");
        Metadata.validate(change, "body");
        Responses.json(res, Metadata.toNode(service.updateMetadata(caller, tssId, clientId, change)));
    }

    private void listOfTss(ServerRequest req, ServerResponse res, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        ClientFilter filter = ClientFilter.parse(req);
        tssService.find(caller, tssId).orElseThrow(TssTransactions::tssNotFound);
        list(res, caller, Optional.of(tssId), filter);
    }

    private void listAll(ServerRequest req, ServerResponse res, Caller caller) {
        list(res, caller, Optional.empty(), ClientFilter.parse(req));
    }

    /** The query of a client list (§7.5), read in full before any lookup (§1.9). */
    private record ClientFilter(ListQuery query, Optional<String> serial, Optional<Client.ClientState> state) {
        static ClientFilter parse(ServerRequest req) {
            ListQuery query = ListQuery.parse(req.query(), ORDER_BY, "time_creation", Set.of());
            QueryInput input = new QueryInput(req.query());
            return new ClientFilter(query, input.scalar("serial_number"),
                    input.oneOf("state", STATES).map(Client.ClientState::valueOf));
        }
    }

    private void list(ServerResponse res, Caller caller, Optional<String> tssId, ClientFilter filter) {
        ListQuery query = filter.query();
        var items = clients.list(caller.organizationId(), caller.env(), tssId, filter.serial(), filter.state(),
                query.orderBy(), query.descending(), query.limit(), query.offset())
                .stream().map(c -> ClientJson.render(c, caller.env(), true)).toList();
        Responses.json(res, SignDe.list("CLIENT_LIST", caller.env(), items));
    }

    private Client find(ServerRequest req, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        String clientId = SignDe.pathId(req, "client_id");
        return service.find(caller, tssId, clientId);
    }
}
