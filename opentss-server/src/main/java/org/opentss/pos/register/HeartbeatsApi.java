package org.opentss.pos.register;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import org.opentss.http.PosIds;
import org.opentss.http.RequestBody;
import org.opentss.pos.Idempotency;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosGuard;
import org.opentss.pos.PosInput;
import org.opentss.pos.PosPage;
import org.opentss.pos.PosResponse;
import org.opentss.pos.PosTimes;
import org.opentss.store.Database;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Heartbeats and register status (pos-api.md §17). */
public final class HeartbeatsApi implements HttpService {

    private static final Set<String> FIELDS = Set.of("timestamp", "sequence", "status", "metrics", "software");
    private static final Set<String> SOFTWARE_FIELDS = Set.of("pos_vendor", "pos_version", "agent_version");

    private final Database database;
    private final RegisterAccess access;
    private final RegisterRepository registers;
    private final RegisterStatuses statuses;
    private final PosGuard guard;
    private final Idempotency idempotency;
    private final PosIds ids;
    private final Clock clock;

    public HeartbeatsApi(Database database, RegisterAccess access, RegisterRepository registers,
            RegisterStatuses statuses, PosGuard guard, Idempotency idempotency, PosIds ids, Clock clock) {
        this.database = database;
        this.access = access;
        this.registers = registers;
        this.statuses = statuses;
        this.guard = guard;
        this.idempotency = idempotency;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/registers/{register_id}/heartbeat", guard.platformOrRegister(this::heartbeat))
                .get("/v1/registers/{register_id}/status", guard.platformOrRegister(this::status))
                .get("/v1/locations/{location_id}/registers/status", guard.platform(this::locationStatus));
    }

    private PosResponse heartbeat(ServerRequest req, PosCaller caller) {
        String registerId = req.path().pathParameters().get("register_id");
        Register register = database.jdbi().withHandle(h -> access.require(h, caller, registerId));
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, new Idempotency.Scope(caller.env(), register.organizationId(),
                "POST " + req.path().path()), body, resume -> {
                    long receivedAt = clock.millis();
                    PosInput in = PosInput.of(body).allowOnly(FIELDS);
                    long deviceTime = in.requiredDeviceTime("timestamp", clock.instant()).toEpochMilli();
                    long sequence = in.requiredInteger("sequence", 0, Long.MAX_VALUE);
                    String status = in.requiredEnum("status", Set.of("operational", "degraded"));
                    Optional<Long> unsynced = metrics(in);
                    Optional<String> software = in.optionalObject("software").map(HeartbeatsApi::software);
                    if (register.archived()) {
                        throw PosError.conflict("register_archived", "Register " + registerId + " is archived.");
                    }
                    RegisterStatuses.Heartbeat accepted = database.inTransaction(h -> statuses.accept(h, registerId,
                            new RegisterStatuses.Heartbeat(ids.next("hb"), sequence, status, deviceTime, receivedAt,
                                    unsynced, software)));
                    ObjectNode node = Json.object();
                    node.put("object", "heartbeat_response");
                    node.put("id", accepted.id());
                    node.put("received_at", PosTimes.millis(accepted.receivedAt()));
                    node.put("server_time", PosTimes.millis(clock.millis()));
                    return PosResponse.ok(node);
                });
    }

    private PosResponse status(ServerRequest req, PosCaller caller) {
        String registerId = req.path().pathParameters().get("register_id");
        return PosResponse.ok(database.jdbi().withHandle(h -> statuses.render(h, access.require(h, caller, registerId))));
    }

    private PosResponse locationStatus(ServerRequest req, PosCaller caller) {
        String locationId = req.path().pathParameters().get("location_id");
        access.requireLocation(caller, locationId);
        PosPage page = PosPage.of(req);
        ObjectNode list = database.jdbi().withHandle(h -> page.list(
                registers.activeOfLocationOldestFirst(h, locationId, page.after(), page.fetchSize()),
                register -> statuses.render(h, register), Register::id));
        ObjectNode ordered = Json.object();
        ordered.put("object", "list");
        ordered.put("location_id", locationId);
        list.properties().forEach(e -> {
            if (!e.getKey().equals("object")) {
                ordered.set(e.getKey(), e.getValue());
            }
        });
        return PosResponse.ok(ordered);
    }

    /** The known metrics and up to 20 numeric keys in all (§17.1); only unsynced_operations is kept. */
    private static Optional<Long> metrics(PosInput in) {
        Optional<PosInput> metrics = in.optionalObject("metrics");
        if (metrics.isEmpty()) {
            return Optional.empty();
        }
        PosInput m = metrics.get();
        if (m.node().size() > 20) {
            throw PosError.validation(in.param("metrics"), "metrics must have at most 20 keys.");
        }
        for (Map.Entry<String, JsonNode> entry : m.node().properties()) {
            String name = entry.getKey();
            if (name.isEmpty() || name.length() > 40) {
                throw PosError.validation("metrics." + name, "metrics keys must have 1 to 40 characters.");
            }
            switch (name) {
                case "pending_operations", "unsynced_operations", "disk_free_bytes" ->
                        m.optionalInteger(name, 0, Long.MAX_VALUE);
                case "battery_level" -> m.optionalNumber(name, 0, 1);
                default -> m.optionalNumber(name, -Double.MAX_VALUE, Double.MAX_VALUE);
            }
        }
        return m.optionalInteger("unsynced_operations", 0, Long.MAX_VALUE);
    }

    private static String software(PosInput software) {
        software.allowOnly(SOFTWARE_FIELDS);
        ObjectNode node = Json.object();
        for (String field : SOFTWARE_FIELDS) {
            software.optionalString(field, 0, 64).ifPresent(value -> node.put(field, value));
        }
        return Json.writeString(node);
    }
}
