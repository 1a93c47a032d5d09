package org.opentss.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.jdbi.v3.core.ConnectionException;
import org.opentss.journal.JournalException;
import org.opentss.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place where failures become HTTP responses: the fiskaly error body with its keys in the
 * order of sign-de-v2.md §2.1. Anything unexpected is logged with the request id and answered 500,
 * except an unreachable database, which is a 503 the caller may retry.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(409, "Conflict"),
            Map.entry(413, "Payload Too Large"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(423, "Locked"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"));

    private ErrorResponses() {
    }

    public static String reasonPhrase(int status) {
        return REASONS.getOrDefault(status, "Error");
    }

    public static void apiError(ServerRequest req, ServerResponse res, ApiError error) {
        if (res.isSent()) {
            return;
        }
        if (isPosApi(req)) {
            posError(req, res, PosErrors.translate(error));
            return;
        }
        error.retryAfterSeconds().ifPresent(seconds -> res.header("Retry-After", Long.toString(seconds)));
        error.headers().forEach(res::header);
        Responses.json(res, error.status(), body(error.status(), error.code().name(), error.getMessage()));
    }

    /** Answers with the POS API's error body and the headers its error asks for. */
    public static void posError(ServerRequest req, ServerResponse res, PosError error) {
        if (res.isSent()) {
            return;
        }
        error.retryAfterSeconds().ifPresent(seconds -> res.header("Retry-After", Long.toString(seconds)));
        if (error.status() == 401) {
            res.header("WWW-Authenticate", "Bearer");
        }
        String requestId = res.headers().first(RequestIdFilter.X_REQUEST_ID).orElse(null);
        Responses.json(res, error.status(), posBody(error, requestId));
    }

    /** The POS API's error body (pos-api.md §7.1), keys in the documented order. */
    static ObjectNode posBody(PosError error, String requestId) {
        ObjectNode body = Json.object();
        body.put("object", "error");
        body.put("code", error.code());
        body.put("message", error.getMessage());
        body.put("param", error.param().orElse(null));
        body.put("request_id", requestId);
        error.operationId().ifPresent(id -> body.put("operation_id", id));
        return body;
    }

    public static void unexpected(ServerRequest req, ServerResponse res, Throwable failure) {
        if (failure instanceof Database.WriteLockTimeout) {
            apiError(req, res, ApiError.serviceUnavailable("the database is busy; retry in a moment", 1));
            return;
        }
        if (failure instanceof JournalException refused) {
            // the TSS cannot sign right now (clock behind its last log, failed self test); nothing was stored
            LOG.error("signing refused: {}", refused.getMessage());
            apiError(req, res, ApiError.serviceUnavailable(refused.getMessage(), 60));
            return;
        }
        if (isDatabaseUnavailable(failure)) {
            LOG.warn("database unavailable: {}", failure.toString());
            apiError(req, res, ApiError.serviceUnavailable("the database is not available; retry later",
                    ApiGuard.RETRY_WHEN_UNAVAILABLE_SECONDS));
            return;
        }
        LOG.error("unexpected failure in {} {}", req.prologue().method().text(), req.path().path(), failure);
        if (isPosApi(req)) {
            posError(req, res, PosError.of(500, "internal_error", "Internal error. Retry with the same "
                    + "Idempotency-Key after a delay.", null));
        } else if (!res.isSent()) {
            Responses.json(res, 500, body(500, ErrorCode.E_INTERNAL.name(), "internal error"));
        }
    }

    /** Requests under {@code /v1} are answered in the POS API's error shape, all others in fiskaly's. */
    static boolean isPosApi(ServerRequest req) {
        return isPosApi(req.path().path());
    }

    static boolean isPosApi(String path) {
        return path.equals(PosErrors.PREFIX) || path.startsWith(PosErrors.PREFIX + "/");
    }

    static ObjectNode body(int status, String code, String message) {
        ObjectNode body = Json.object();
        body.put("status_code", status);
        body.put("error", reasonPhrase(status));
        body.put("code", code);
        body.put("message", message);
        return body;
    }

    /**
     * The pool could not give a connection, or the connection broke (SQLSTATE class 08, e.g. during a
     * PostgreSQL failover): the request may be retried; its outcome is what the database holds.
     */
    private static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectionException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
