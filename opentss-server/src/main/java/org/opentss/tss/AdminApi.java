package org.opentss.tss;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import org.opentss.http.ApiError;
import org.opentss.http.ApiGuard;
import org.opentss.http.ErrorCode;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import org.opentss.http.RateClass;
import org.opentss.http.RequestBody;
import org.opentss.http.Responses;
import org.opentss.http.SignDe;
import org.opentss.identity.Caller;

/** {@code /api/v2/tss/{id}/admin…}: PIN via PUK, admin login and logout (sign-de-v2.md §5). */
public final class AdminApi implements HttpService {

    private static final int PUK_LENGTH = 10;

    private final AdminService service;
    private final ApiGuard guard;

    public AdminApi(AdminService service, ApiGuard guard) {
        this.service = service;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.patch("/api/v2/tss/{tss_id}/admin", guard.authenticated(RateClass.SIGN, this::setPin))
                .post("/api/v2/tss/{tss_id}/admin/auth", guard.authenticated(RateClass.SIGN, this::login))
                .post("/api/v2/tss/{tss_id}/admin/logout", guard.authenticated(RateClass.SIGN, this::logout));
    }

    /** Syntactic checks come first: a request failing them is neither counted nor logged (§5.1). */
    private void setPin(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.object(req));
        String tssId = SignDe.pathId(req, "tss_id");
        String puk = in.requiredString("admin_puk", PUK_LENGTH, Integer.MAX_VALUE);
        String newPin = in.requiredString("new_admin_pin", 0, Integer.MAX_VALUE);
        TssRules.adminPinViolation(newPin).ifPresent(rule -> {
            throw ApiError.of(ErrorCode.E_CHANGE_ADMIN_PIN_FAILED, "new_admin_pin " + rule);
        });
        service.setPinWithPuk(caller, tssId, puk, newPin);
        Responses.json(res, Json.object());
    }

    private void login(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.object(req));
        String tssId = SignDe.pathId(req, "tss_id");
        String pin = in.requiredString("admin_pin", 0, Integer.MAX_VALUE);
        TssRules.adminPinViolation(pin).ifPresent(rule -> {
            throw ApiError.schema(in.where("admin_pin") + " " + rule);
        });
        service.login(caller, tssId, pin);
        Responses.json(res, Json.object());
    }

    private void logout(ServerRequest req, ServerResponse res, Caller caller) {
        RequestBody.optionalObject(req); // content ignored, but it must be JSON (§5.4)
        String tssId = SignDe.pathId(req, "tss_id");
        service.logout(caller, tssId);
        Responses.json(res, Json.object());
    }
}
