package org.opentss.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * The answer to a request that Helidon refuses before any route sees it: an unreadable {@code Content-Length},
 * a malformed header line, an oversized prologue. Helidon's own answer is an empty body; this one has the
 * documented error body of the API the path belongs to (sign-de-v2.md §2.1, pos-api.md §7.1) and the request
 * id headers (§1.6). Statuses other than 400 and 413 keep Helidon's answer.
 */
final class TransportErrors implements DirectHandler {

    private final PosIds posIds = PosIds.system();

    static DirectHandlers handlers() {
        TransportErrors handler = new TransportErrors();
        return DirectHandlers.builder().addHandler(EventType.BAD_REQUEST, handler)
                .addHandler(EventType.PAYLOAD_TOO_LARGE, handler).build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        int code = status.code();
        if (code != 400 && code != 413) {
            return DirectHandler.defaultHandler().handle(request, eventType, status, headers, message);
        }
        boolean pos = ErrorResponses.isPosApi(request.path());
        String requestId = pos ? posIds.next("req") : RequestIdFilter.generate();
        headers.set(RequestIdFilter.X_REQUEST_ID, requestId);
        headers.set(RequestIdFilter.REQUEST_ID, requestId);
        headers.set(HeaderNames.CONTENT_TYPE, Responses.JSON_UTF8);
        String text = "the request cannot be read as HTTP/1.1";
        Object body = pos
                ? ErrorResponses.posBody(code == 413 ? PosError.of(413, "payload_too_large", text, null)
                        : PosError.invalidRequest(null, text), requestId)
                : ErrorResponses.body(code, code == 413 ? ErrorCode.E_PAYLOAD_TOO_LARGE.name()
                        : ErrorCode.E_FAILED_SCHEMA_VALIDATION.name(), text);
        return TransportResponse.builder().status(status).headers(headers).entity(Json.write(body))
                .keepAlive(false).build();
    }
}
