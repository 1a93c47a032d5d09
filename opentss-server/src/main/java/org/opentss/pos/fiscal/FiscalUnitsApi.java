package org.opentss.pos.fiscal;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.Set;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import org.opentss.http.RequestBody;
import org.opentss.pos.Idempotency;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosGuard;
import org.opentss.pos.PosInput;
import org.opentss.pos.PosPage;
import org.opentss.pos.PosResponse;
import org.opentss.pos.register.Register;
import org.opentss.pos.register.RegisterAccess;
import org.opentss.pos.register.RegisterViews;
import org.opentss.store.Database;
import tools.jackson.databind.node.ObjectNode;

/** Fiscal units (pos-api.md §13) and the archiving of registers (§12.7); platform keys only. */
public final class FiscalUnitsApi implements HttpService {

    private static final Set<String> CREATE_FIELDS = Set.of("issue_register_credential");
    private static final Set<String> REPLACE_FIELDS = Set.of("reason", "issue_register_credential");
    private static final Set<String> REASON_FIELDS = Set.of("reason");

    private final Database database;
    private final FiscalUnitService service;
    private final FiscalUnitRepository units;
    private final FiscalUnitViews unitViews;
    private final RegisterAccess access;
    private final RegisterViews registerViews;
    private final PosGuard guard;
    private final Idempotency idempotency;

    public FiscalUnitsApi(Database database, FiscalUnitService service, FiscalUnitRepository units,
            FiscalUnitViews unitViews, RegisterAccess access,
            RegisterViews registerViews, PosGuard guard, Idempotency idempotency) {
        this.database = database;
        this.service = service;
        this.units = units;
        this.unitViews = unitViews;
        this.access = access;
        this.registerViews = registerViews;
        this.guard = guard;
        this.idempotency = idempotency;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/registers/{register_id}/fiscal-units", guard.platform(this::create))
                .get("/v1/registers/{register_id}/fiscal-units", guard.platform(this::history))
                .post("/v1/registers/{register_id}/fiscal-units/replace", guard.platform(this::replace))
                .post("/v1/registers/{register_id}/archive", guard.platform(this::archive))
                .get("/v1/fiscal-units/{fiscal_unit_id}", guard.platform(this::get))
                .post("/v1/fiscal-units/{fiscal_unit_id}/recover", guard.platform(this::recover))
                .post("/v1/fiscal-units/{fiscal_unit_id}/decommission", guard.platform(this::decommission));
    }

    private PosResponse create(ServerRequest req, PosCaller caller) {
        Register register = register(req, caller);
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, scope(caller, register, req), body, resume -> {
            boolean issue = PosInput.of(body).allowOnly(CREATE_FIELDS).optionalBoolean("issue_register_credential",
                    false);
            FiscalUnitService.Outcome outcome = service.create(register, issue);
            return PosResponse.created(database.jdbi().withHandle(h -> {
                ObjectNode node = Json.object();
                node.put("object", "fiscal_unit_response");
                node.set("fiscal_unit", unitViews.render(h, outcome.unit(), outcome.register()));
                node.set("register", registerViews.render(h, outcome.register()));
                node.put("register_api_key", outcome.newKey().orElse(null));
                node.put("credential_issued", outcome.newKey().isPresent());
                return node;
            }));
        });
    }

    private PosResponse history(ServerRequest req, PosCaller caller) {
        Register register = register(req, caller);
        PosPage page = PosPage.of(req);
        return PosResponse.ok(database.jdbi().withHandle(h -> page.list(
                units.history(h, register.id(), page.after(), page.fetchSize()),
                unit -> unitViews.render(h, unit, register), FiscalUnit::id)));
    }

    private PosResponse replace(ServerRequest req, PosCaller caller) {
        Register register = register(req, caller);
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, scope(caller, register, req), body, resume -> {
            PosInput in = PosInput.of(body).allowOnly(REPLACE_FIELDS);
            String reason = in.requiredString("reason", 1, 500);
            boolean issue = in.optionalBoolean("issue_register_credential", false);
            requireNotArchived(register);
            FiscalUnitService.Outcome outcome = service.replace(register, reason, issue);
            return PosResponse.created(database.jdbi().withHandle(h -> {
                ObjectNode node = Json.object();
                node.put("object", "fiscal_unit_replacement");
                node.set("old_binding", unitViews.render(h, outcome.replaced().orElseThrow(), outcome.register()));
                node.set("new_binding", unitViews.render(h, outcome.unit(), outcome.register()));
                node.set("register", registerViews.render(h, outcome.register()));
                node.put("register_api_key", outcome.newKey().orElse(null));
                node.put("credential_issued", outcome.newKey().isPresent());
                return node;
            }));
        });
    }

    private PosResponse archive(ServerRequest req, PosCaller caller) {
        Register register = register(req, caller);
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, scope(caller, register, req), body, resume -> {
            String reason = PosInput.of(body).allowOnly(REASON_FIELDS).optionalString("reason", 0, 500)
                    .orElse("Register archived");
            Register archived = service.archive(register, reason);
            return PosResponse.ok(database.jdbi().withHandle(h -> registerViews.render(h, archived)));
        });
    }

    private PosResponse get(ServerRequest req, PosCaller caller) {
        UnitOfRegister found = unit(req, caller);
        return PosResponse.ok(database.jdbi().withHandle(h -> unitViews.render(h, found.unit(), found.register())));
    }

    private PosResponse recover(ServerRequest req, PosCaller caller) {
        UnitOfRegister found = unit(req, caller);
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, scope(caller, found.register(), req), body, resume -> {
            PosInput.of(body).allowOnly(Set.of());
            FiscalUnit recovered = service.recover(found.register(), found.unit());
            return PosResponse.ok(database.jdbi().withHandle(h -> unitViews.render(h, recovered, found.register())));
        });
    }

    private PosResponse decommission(ServerRequest req, PosCaller caller) {
        UnitOfRegister found = unit(req, caller);
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, scope(caller, found.register(), req), body, resume -> {
            String reason = PosInput.of(body).allowOnly(REASON_FIELDS).requiredString("reason", 1, 500);
            FiscalUnit retired = service.decommission(found.register(), found.unit(), reason);
            return PosResponse.ok(database.jdbi().withHandle(h -> unitViews.render(h, retired, found.register())));
        });
    }

    private record UnitOfRegister(FiscalUnit unit, Register register) {
    }

    /** A fiscal unit of a register the caller reaches; 404 otherwise. */
    private UnitOfRegister unit(ServerRequest req, PosCaller caller) {
        String unitId = req.path().pathParameters().get("fiscal_unit_id");
        return database.jdbi().withHandle(h -> {
            FiscalUnit unit = units.find(h, unitId)
                    .orElseThrow(() -> PosError.notFound("Fiscal unit " + unitId + " not found."));
            try {
                return new UnitOfRegister(unit, access.require(h, caller, unit.registerId()));
            } catch (PosError e) {
                throw PosError.notFound("Fiscal unit " + unitId + " not found.");
            }
        });
    }

    private Register register(ServerRequest req, PosCaller caller) {
        String registerId = req.path().pathParameters().get("register_id");
        return database.jdbi().withHandle(h -> access.require(h, caller, registerId));
    }

    private static void requireNotArchived(Register register) {
        if (register.archived()) {
            throw PosError.conflict("register_archived", "Register " + register.id() + " is archived.");
        }
    }

    private static Idempotency.Scope scope(PosCaller caller, Register register, ServerRequest req) {
        return new Idempotency.Scope(caller.env(), register.organizationId(), "POST " + req.path().path());
    }
}
