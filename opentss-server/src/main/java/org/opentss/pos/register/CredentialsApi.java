package org.opentss.pos.register;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.util.Set;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import org.opentss.http.RequestBody;
import org.opentss.pos.Idempotency;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosGuard;
import org.opentss.pos.PosInput;
import org.opentss.pos.PosResponse;
import org.opentss.pos.PosTimes;
import org.opentss.store.Database;
import tools.jackson.databind.node.ObjectNode;

/** Rotation of the register API key (pos-api.md §14.1): the old key fails with 401 from then on. */
public final class CredentialsApi implements HttpService {

    private final Database database;
    private final RegisterAccess access;
    private final RegisterKeys keys;
    private final PosGuard guard;
    private final Idempotency idempotency;
    private final Clock clock;

    public CredentialsApi(Database database, RegisterAccess access, RegisterKeys keys, PosGuard guard,
            Idempotency idempotency, Clock clock) {
        this.database = database;
        this.access = access;
        this.keys = keys;
        this.guard = guard;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/registers/{register_id}/credentials/rotate", guard.platform(this::rotate));
    }

    private PosResponse rotate(ServerRequest req, PosCaller caller) {
        String registerId = req.path().pathParameters().get("register_id");
        Register register = database.jdbi().withHandle(h -> access.require(h, caller, registerId));
        ObjectNode body = RequestBody.optionalObject(req);
        return idempotency.run(req, new Idempotency.Scope(caller.env(), register.organizationId(),
                "POST " + req.path().path()), body, resume -> {
                    PosInput.of(body).allowOnly(Set.of());
                    long now = clock.millis();
                    String key = database.inTransaction(h -> {
                        Register current = access.require(h, caller, registerId);
                        if (current.archived()) {
                            throw PosError.conflict("register_archived", "Register " + registerId + " is archived.");
                        }
                        return keys.issue(h, current, now);
                    });
                    ObjectNode node = Json.object();
                    node.put("object", "register_credential_rotation");
                    node.put("register_id", registerId);
                    node.put("register_api_key", key);
                    node.put("rotated_at", PosTimes.millis(now));
                    return PosResponse.ok(node);
                });
    }
}
