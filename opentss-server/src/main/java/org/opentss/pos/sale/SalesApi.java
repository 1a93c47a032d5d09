package org.opentss.pos.sale;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.opentss.http.PosError;
import org.opentss.http.PosIds;
import org.opentss.http.RequestBody;
import org.opentss.pos.Idempotency;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.PosGuard;
import org.opentss.pos.PosPage;
import org.opentss.pos.PosResponse;
import org.opentss.pos.register.Register;
import org.opentss.pos.register.RegisterAccess;
import org.opentss.store.Database;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sales and the operations list (pos-api.md §15.6), open to platform keys and to the register key of the
 * register concerned (§4.3). A sale is named by its {@code op_} id or its client operation id.
 */
public final class SalesApi implements HttpService {

    /** The filters of the operations list (§15.6.6). */
    private static final String[] LIST_FILTERS = {"state", "type", "fiscal_state", "from", "to", "order"};

    private final Database database;
    private final SaleService sales;
    private final RegisterAccess registers;
    private final PosDirectory directory;
    private final PosGuard guard;
    private final Idempotency idempotency;
    private final OperationRepository operations = new OperationRepository();

    public SalesApi(Database database, SaleService sales, RegisterAccess registers, PosDirectory directory,
            PosGuard guard, Idempotency idempotency) {
        this.database = database;
        this.sales = sales;
        this.registers = registers;
        this.directory = directory;
        this.guard = guard;
        this.idempotency = idempotency;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/registers/{register_id}/sales", guard.platformOrRegister(this::start))
                .get("/v1/registers/{register_id}/operations", guard.platformOrRegister(this::list))
                .get("/v1/sales/{sale_id}", guard.platformOrRegister(this::retrieve))
                .patch("/v1/sales/{sale_id}", guard.platformOrRegister(this::update))
                .post("/v1/sales/{sale_id}/complete", guard.platformOrRegister(this::complete))
                .post("/v1/sales/{sale_id}/cancel", guard.platformOrRegister(this::cancel));
    }

    private PosResponse start(ServerRequest req, PosCaller caller) {
        Register register = register(req, caller);
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, new Idempotency.Scope(register.env(), register.organizationId(),
                "POST /v1/registers/" + register.id() + "/sales"), body, resumed -> sales.start(register, body, resumed));
    }

    private PosResponse retrieve(ServerRequest req, PosCaller caller) {
        return sales.retrieve(sale(req, caller));
    }

    private PosResponse update(ServerRequest req, PosCaller caller) {
        Operation sale = sale(req, caller);
        ObjectNode body = RequestBody.optionalObject(req);
        return sales.update(sale, body, ifMatch(req));
    }

    private PosResponse complete(ServerRequest req, PosCaller caller) {
        Operation sale = sale(req, caller);
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, scope(sale, "complete"), body, resumed -> sales.complete(sale, body, ifMatch(req)));
    }

    private PosResponse cancel(ServerRequest req, PosCaller caller) {
        Operation sale = sale(req, caller);
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, scope(sale, "cancel"), body, resumed -> sales.cancel(sale, body, ifMatch(req)));
    }

    /** The key scope of a sale's endpoint, named by the {@code op_} id whatever the path used (§5.1). */
    private static Idempotency.Scope scope(Operation sale, String action) {
        return new Idempotency.Scope(sale.env(), sale.organizationId(), "POST /v1/sales/" + sale.id() + "/" + action);
    }

    private static IfMatch ifMatch(ServerRequest req) {
        return IfMatch.parse(req.headers().all(HeaderNames.IF_MATCH, List::of));
    }

    private PosResponse list(ServerRequest req, PosCaller caller) {
        Register register = register(req, caller);
        PosPage page = PosPage.of(req, LIST_FILTERS);
        OperationRepository.Filter filter = new OperationRepository.Filter(
                choice(req, "state", Set.of("open", "completed", "cancelled")),
                choice(req, "type", Set.of(Operation.SALE)),
                choice(req, "fiscal_state", Set.of("pending", "succeeded", "failed")),
                time(req, "from"), time(req, "to"),
                choice(req, "order", Set.of("asc", "desc")).orElse("desc").equals("asc"));
        OptionalLong after = page.after().map(SalesApi::sequenceNumber).orElse(OptionalLong.empty());
        List<Operation> rows = database.jdbi().withHandle(h -> operations.list(h, register.id(), filter, after,
                page.fetchSize()));
        return PosResponse.ok(page.list(rows, Operation::render, op -> Long.toString(op.sequenceNumber())));
    }

    private static Optional<String> choice(ServerRequest req, String name, Set<String> allowed) {
        Optional<String> value = PosPage.single(req, name);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw PosError.invalidRequest(name, name + " must be one of " + String.join(", ",
                    allowed.stream().sorted().toList()) + ".");
        }
        return value;
    }

    private static OptionalLong time(ServerRequest req, String name) {
        Optional<String> value = PosPage.single(req, name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(OffsetDateTime.parse(value.get()).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            throw PosError.invalidRequest(name, name + " must be an RFC 3339 timestamp.");
        }
    }

    private static OptionalLong sequenceNumber(String cursorKey) {
        try {
            return OptionalLong.of(Long.parseLong(cursorKey));
        } catch (NumberFormatException e) {
            throw PosError.invalidRequest("cursor", "cursor is not valid for this list and these filters.");
        }
    }

    private Register register(ServerRequest req, PosCaller caller) {
        String registerId = req.path().pathParameters().get("register_id");
        return database.jdbi().withHandle(h -> registers.require(h, caller, registerId));
    }

    /**
     * The sale a path names, as the caller may see it: a register key sees the sales of its own register,
     * a platform key those of the organizations it reaches in its environment; any other is a 404 (§4).
     */
    private Operation sale(ServerRequest req, PosCaller caller) {
        String saleId = req.path().pathParameters().get("sale_id");
        List<Operation> named = database.jdbi().withHandle(h -> {
            if (PosIds.isWellFormed("op", saleId)) {
                return operations.find(h, saleId).stream().toList();
            }
            if (SaleRequests.isClientOperationId(saleId)) {
                return operations.findAllByClientId(h, caller.env(), saleId.toLowerCase(Locale.ROOT));
            }
            return List.of();
        });
        return named.stream()
                .filter(op -> op.type().equals(Operation.SALE) && op.env() == caller.env())
                .filter(op -> caller.isRegister() ? op.registerId().equals(caller.registerId().orElseThrow())
                        : directory.reaches(caller.actingOrganization(), op.organizationId()))
                .findFirst()
                .orElseThrow(() -> PosError.notFound("Sale " + saleId + " not found."));
    }
}
