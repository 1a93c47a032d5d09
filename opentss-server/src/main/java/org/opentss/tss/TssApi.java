package org.opentss.tss;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opentss.http.ApiError;
import org.opentss.http.ApiGuard;
import org.opentss.http.JsonInput;
import org.opentss.http.ListQuery;
import org.opentss.http.Metadata;
import org.opentss.http.RateClass;
import org.opentss.http.RequestBody;
import org.opentss.http.Responses;
import org.opentss.http.SignDe;
import org.opentss.identity.Caller;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v2/tss}: create, read, list and change TSSs, and their metadata (sign-de-v2.md §4, §11). */
public final class TssApi implements HttpService {

    private static final Set<String> PATCH_MEMBERS = Set.of("state", "description", "metadata");
    private static final Set<String> TARGET_STATES = Set.of("UNINITIALIZED", "INITIALIZED", "DISABLED");
    private static final Set<String> ALL_STATES = EnumSet.allOf(TssState.class).stream().map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern DESCRIPTION = Pattern.compile("^[A-Za-z0-9 '()+,\\-./:=?]{0,100}$");

    private final TssService service;
    private final TssRepository tsses;
    private final ApiGuard guard;

    public TssApi(TssService service, TssRepository tsses, ApiGuard guard) {
        this.service = service;
        this.tsses = tsses;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/api/v2/tss/{tss_id}", guard.authenticated(RateClass.SIGN, this::create))
                .get("/api/v2/tss/{tss_id}", guard.authenticated(RateClass.GENERAL, this::get))
                .patch("/api/v2/tss/{tss_id}", guard.authenticated(RateClass.SIGN, this::change))
                .get("/api/v2/tss", guard.authenticated(RateClass.GENERAL, this::list))
                .get("/api/v2/tss/{tss_id}/metadata", guard.authenticated(RateClass.GENERAL, this::getMetadata))
                .patch("/api/v2/tss/{tss_id}/metadata", guard.authenticated(RateClass.GENERAL, this::patchMetadata));
    }

    private void create(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.optionalObject(req));
        String tssId = SignDe.pathId(req, "tss_id");
        Optional<ObjectNode> metadata = in.optionalObject("metadata");
        metadata.ifPresent(m -> Metadata.validate(m, in.where("metadata")));
        Responses.json(res, TssJson.created(service.create(caller, tssId, metadata)));
    }

    private void get(ServerRequest req, ServerResponse res, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        Responses.json(res, TssJson.resource(visible(caller, tssId)));
    }

    private void change(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.object(req));
        String tssId = SignDe.pathId(req, "tss_id");
        for (String member : in.node().propertyNames()) {
            if (!PATCH_MEMBERS.contains(member)) {
                throw ApiError.schema("body must NOT have additional properties");
            }
        }
        TssState target = TssState.valueOf(in.optionalEnum("state", TARGET_STATES)
                .orElseThrow(() -> ApiError.schema("body must have required property 'state'")));
        Optional<String> description = in.optionalString("description", 0, 100);
        description.ifPresent(d -> {
            if (!DESCRIPTION.matcher(d).matches()) {
                throw ApiError.schema(in.where("description") + " must match pattern \"" + DESCRIPTION.pattern() + "\"");
            }
        });
        Optional<ObjectNode> metadata = in.optionalObject("metadata");
        metadata.ifPresent(m -> Metadata.validate(m, in.where("metadata")));
        Responses.json(res, TssJson.resource(service.changeState(caller, tssId, target, description, metadata)));
    }

    private void list(ServerRequest req, ServerResponse res, Caller caller) {
        ListQuery query = ListQuery.parse(req.query(), TssRepository.ORDER_BY, "time_creation", ALL_STATES);
        Set<TssState> states = query.states().stream().map(TssState::valueOf).collect(Collectors.toSet());
        var items = tsses.list(caller.organizationId(), caller.env(), states, query.orderBy(), query.descending(),
                query.limit(), query.offset()).stream().map(TssJson::resource).toList();
        Responses.json(res, SignDe.list("TSS_LIST", caller.env(), items));
    }

    private void getMetadata(ServerRequest req, ServerResponse res, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        Responses.json(res, Metadata.toNode(visible(caller, tssId).metadata()));
    }

    private void patchMetadata(ServerRequest req, ServerResponse res, Caller caller) {
        ObjectNode change = RequestBody.object(req);
        String tssId = SignDe.pathId(req, "tss_id");
        Metadata.validate(change, "body");
        Responses.json(res, Metadata.toNode(service.updateMetadata(caller, tssId, change)));
    }

    private Tss visible(Caller caller, String tssId) {
        return service.find(caller, tssId).orElseThrow(TssTransactions::tssNotFound);
    }
}
