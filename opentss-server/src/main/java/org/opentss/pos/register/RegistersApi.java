package org.opentss.pos.register;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.opentss.http.PosError;
import org.opentss.http.PosIds;
import org.opentss.http.RequestBody;
import org.opentss.identity.Environment;
import org.opentss.pos.Idempotency;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosGuard;
import org.opentss.pos.PosInput;
import org.opentss.pos.PosPage;
import org.opentss.pos.PosResponse;
import org.opentss.pos.organization.PostalAddress;
import org.opentss.store.Database;
import org.opentss.store.UniqueViolation;
import tools.jackson.databind.node.ObjectNode;

/** Registers (pos-api.md §12): create, list, retrieve and update. Archiving is a fiscal unit matter (§12.7). */
public final class RegistersApi implements HttpService {

    /** §12.2: the TSS API's rule for client serial numbers. */
    static final Pattern SERIAL_NUMBER = Pattern.compile("^(?! )[A-Za-z0-9 '()+,\\-.:=?]{1,70}(?<! )$");
    private static final Set<String> CREATE_FIELDS = Set.of("label", "serial_number", "jurisdiction", "metadata");
    private static final Set<String> UPDATE_FIELDS = Set.of("label", "metadata");
    private static final Set<String> FIXED_FIELDS = Set.of("serial_number", "jurisdiction", "location_id");

    private final Database database;
    private final RegisterRepository registers;
    private final RegisterAccess access;
    private final RegisterViews views;
    private final PosGuard guard;
    private final Idempotency idempotency;
    private final PosIds ids;
    private final Clock clock;

    public RegistersApi(Database database, RegisterRepository registers, RegisterAccess access, RegisterViews views,
            PosGuard guard, Idempotency idempotency, PosIds ids, Clock clock) {
        this.database = database;
        this.registers = registers;
        this.access = access;
        this.views = views;
        this.guard = guard;
        this.idempotency = idempotency;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/locations/{location_id}/registers", guard.platform(this::create))
                .get("/v1/locations/{location_id}/registers", guard.platform(this::list))
                .get("/v1/registers/{register_id}", guard.platformOrRegister(this::get))
                .patch("/v1/registers/{register_id}", guard.platform(this::update));
    }

    private PosResponse create(ServerRequest req, PosCaller caller) {
        String locationId = req.path().pathParameters().get("location_id");
        String organizationId = access.requireLocation(caller, locationId);
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, new Idempotency.Scope(caller.env(), organizationId,
                "POST /v1/locations/" + locationId + "/registers"), body, resume -> {
                    PosInput in = PosInput.of(body).allowOnly(CREATE_FIELDS);
                    String label = in.requiredString("label", 1, 100);
                    String serial = in.requiredString("serial_number", 0, Integer.MAX_VALUE);
                    if (!SERIAL_NUMBER.matcher(serial).matches()) {
                        throw PosError.validation("serial_number", "serial_number must have 1 to 70 characters from "
                                + "A-Z a-z 0-9, space and ' ( ) + , - . : = ?, without leading or trailing space.");
                    }
                    String jurisdiction = in.optionalString("jurisdiction", 0, 2).orElse("DE");
                    PostalAddress.requireGermany(jurisdiction, in.param("jurisdiction"));
                    Map<String, String> metadata = in.metadataForCreate();
                    long now = clock.millis();
                    Register register = new Register(ids.next("reg"), organizationId, caller.env(), locationId, label,
                            serial, jurisdiction, false, metadata, now, now, OptionalLong.empty());
                    try {
                        return PosResponse.created(database.inTransaction(h -> {
                            if (serialInUse(h, organizationId, caller.env(), serial)) {
                                throw serialInUse(serial);
                            }
                            registers.insert(h, register);
                            return views.render(h, register);
                        }));
                    } catch (RuntimeException e) {
                        // a concurrent create with the same serial number committed first
                        throw UniqueViolation.isCause(e) ? serialInUse(serial) : e;
                    }
                });
    }

    private PosResponse list(ServerRequest req, PosCaller caller) {
        String locationId = req.path().pathParameters().get("location_id");
        access.requireLocation(caller, locationId);
        Optional<String> state = PosPage.single(req, "state");
        state.ifPresent(s -> {
            if (!s.equals("active") && !s.equals("archived")) {
                throw PosError.invalidRequest("state", "state must be active or archived.");
            }
        });
        PosPage page = PosPage.of(req, "state");
        return PosResponse.ok(database.jdbi().withHandle(h -> page.list(
                registers.listOfLocation(h, locationId, state, page.after(), page.fetchSize()),
                register -> views.render(h, register), Register::id)));
    }

    private PosResponse get(ServerRequest req, PosCaller caller) {
        String registerId = req.path().pathParameters().get("register_id");
        return PosResponse.ok(database.jdbi().withHandle(h -> views.render(h, access.require(h, caller, registerId))));
    }

    private PosResponse update(ServerRequest req, PosCaller caller) {
        String registerId = req.path().pathParameters().get("register_id");
        database.jdbi().useHandle(h -> access.require(h, caller, registerId));
        PosInput in = PosInput.of(RequestBody.optionalObject(req));
        for (String fixed : FIXED_FIELDS) {
            if (in.has(fixed)) {
                throw PosError.invalidRequest(fixed, fixed + " of a register cannot be changed.");
            }
        }
        in.allowOnly(UPDATE_FIELDS);
        Optional<String> label = in.optionalString("label", 1, 100);
        in.mergedMetadata(Map.of()); // checks the change on its own before anything is read for writing
        return PosResponse.ok(database.inTransaction(h -> {
            Register stored = access.require(h, caller, registerId);
            Register changed = new Register(stored.id(), stored.organizationId(), stored.env(), stored.locationId(),
                    label.orElse(stored.label()), stored.serialNumber(), stored.jurisdiction(), stored.archived(),
                    in.mergedMetadata(stored.metadata()), stored.createdAt(), clock.millis(), stored.archivedAt());
            registers.update(h, changed);
            return views.render(h, changed);
        }));
    }

    private static PosError serialInUse(String serial) {
        return PosError.conflict("serial_number_in_use", "Another register of the organization already uses serial "
                + "number '" + serial + "'.", "serial_number");
    }

    private static boolean serialInUse(Handle h, String organizationId, Environment env, String serial) {
        return h.createQuery("SELECT COUNT(*) FROM pos_register WHERE organization_id = :org AND env = :env "
                        + "AND serial_number = :serial")
                .bind("org", organizationId).bind("env", env.name()).bind("serial", serial)
                .mapTo(Long.class).one() > 0;
    }
}
