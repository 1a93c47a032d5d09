package org.opentss.export;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opentss.http.ApiGuard;
import org.opentss.http.ListQuery;
import org.opentss.http.Metadata;
import org.opentss.http.QueryInput;
import org.opentss.http.RateClass;
import org.opentss.http.RequestBody;
import org.opentss.http.Responses;
import org.opentss.http.SignDe;
import org.opentss.identity.Caller;
import org.opentss.tss.TssService;
import org.opentss.tss.TssTransactions;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v2/…/export…}: trigger, read, cancel, download and list exports (sign-de-v2.md §10). */
public final class ExportApi implements HttpService {

    private static final String EXPORT = "/api/v2/tss/{tss_id}/export/{export_id}";
    private static final Set<String> STATES = EnumSet.allOf(ExportState.class).stream().map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private final ExportService service;
    private final ExportRepository exports;
    private final ExportDownload download;
    private final TssService tssService;
    private final ApiGuard guard;

    public ExportApi(ExportService service, ExportRepository exports, ExportDownload download, TssService tssService,
            ApiGuard guard) {
        this.service = service;
        this.exports = exports;
        this.download = download;
        this.tssService = tssService;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put(EXPORT, guard.authenticated(RateClass.EXPORT, this::trigger))
                .get(EXPORT, guard.authenticated(RateClass.GENERAL, this::get))
                .delete(EXPORT, guard.authenticated(RateClass.EXPORT, this::cancel))
                .get(EXPORT + "/file", guard.authenticated(RateClass.EXPORT, this::file))
                .get(EXPORT + "/metadata", guard.authenticated(RateClass.GENERAL, this::getMetadata))
                .patch(EXPORT + "/metadata", guard.authenticated(RateClass.GENERAL, this::patchMetadata))
                .get("/api/v2/tss/{tss_id}/export", guard.authenticated(RateClass.GENERAL, this::listOfTss))
                .get("/api/v2/export", guard.authenticated(RateClass.GENERAL, this::listAll));
    }

    private void trigger(ServerRequest req, ServerResponse res, Caller caller) {
        RequestBody.optionalObject(req); // any JSON object; its content is ignored (§10.1)
        String tssId = SignDe.pathId(req, "tss_id");
        String exportId = SignDe.pathId(req, "export_id");
        ExportParameters parameters = ExportParameters.parse(new QueryInput(req.query()));
        Responses.json(res, ExportJson.render(service.trigger(caller, tssId, exportId, parameters), caller.env()));
    }

    private void get(ServerRequest req, ServerResponse res, Caller caller) {
        Responses.json(res, ExportJson.render(find(req, caller), caller.env()));
    }

    private void cancel(ServerRequest req, ServerResponse res, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        String exportId = SignDe.pathId(req, "export_id");
        Responses.json(res, ExportJson.render(service.cancel(caller, tssId, exportId), caller.env()));
    }

    private void file(ServerRequest req, ServerResponse res, Caller caller) {
        download.send(find(req, caller), res);
    }

    private void getMetadata(ServerRequest req, ServerResponse res, Caller caller) {
        Responses.json(res, Metadata.toNode(find(req, caller).metadata()));
    }

    private void patchMetadata(ServerRequest req, ServerResponse res, Caller caller) {
        ObjectNode change = RequestBody.object(req);
        String tssId = SignDe.pathId(req, "tss_id");
        String exportId = SignDe.pathId(req, "export_id");
        Metadata.validate(change, "body");
        Responses.json(res, Metadata.toNode(service.updateMetadata(caller, tssId, exportId, change)));
    }

    private void listOfTss(ServerRequest req, ServerResponse res, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        ListQuery query = listQuery(req);
        tssService.find(caller, tssId).orElseThrow(TssTransactions::tssNotFound);
        list(res, caller, Optional.of(tssId), query);
    }

    private void listAll(ServerRequest req, ServerResponse res, Caller caller) {
        list(res, caller, Optional.empty(), listQuery(req));
    }

    private static ListQuery listQuery(ServerRequest req) {
        return ListQuery.parse(req.query(), ExportRepository.ORDER_BY, "time_request", STATES);
    }

    private void list(ServerResponse res, Caller caller, Optional<String> tssId, ListQuery query) {
        Set<ExportState> states = query.states().stream().map(ExportState::valueOf).collect(Collectors.toSet());
        var items = exports.list(caller.organizationId(), caller.env(), tssId, states, query.orderBy(),
                query.descending(), query.limit(), query.offset()).stream()
                .map(job -> ExportJson.render(job, caller.env())).toList();
        Responses.json(res, SignDe.list("EXPORT_LIST", caller.env(), items));
    }

    private ExportJob find(ServerRequest req, Caller caller) {
        String tssId = SignDe.pathId(req, "tss_id");
        String exportId = SignDe.pathId(req, "export_id");
        return service.find(caller, tssId, exportId);
    }
}
