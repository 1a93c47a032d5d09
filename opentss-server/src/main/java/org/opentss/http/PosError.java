package org.opentss.http;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A POS API request failed for a reason the caller can act on (pos-api.md §7). Domain code of the POS
 * API throws it; {@link ErrorResponses} writes the POS error body in one place.
 *
 * @param param the request field, query parameter or header at fault, in the notation {@code a.b[2].c}
 * @param operationId the operation a {@code 502 fiscal_device_error} concerns (§7.1)
 */
public final class PosError extends RuntimeException {

    private final int status;
    private final String code;
    private final Optional<String> param;
    private final Optional<String> operationId;
    private final OptionalLong retryAfterSeconds;

    private PosError(int status, String code, String message, Optional<String> param, Optional<String> operationId,
            OptionalLong retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.param = param;
        this.operationId = operationId;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static PosError of(int status, String code, String message, String param) {
        return new PosError(status, code, message, Optional.ofNullable(param), Optional.empty(), OptionalLong.empty());
    }

    /** 400: the request cannot be understood (malformed JSON, wrong type, unknown field, bad header). */
    public static PosError invalidRequest(String param, String message) {
        return of(400, "invalid_request", message, param);
    }

    /** 422: well-formed, but a value is not acceptable. */
    public static PosError validation(String param, String message) {
        return of(422, "validation_error", message, param);
    }

    public static PosError unauthorized() {
        return of(401, "unauthorized", "The credential is missing or invalid.", null);
    }

    public static PosError forbidden(String message) {
        return of(403, "forbidden", message, null);
    }

    public static PosError notFound(String message) {
        return of(404, "not_found", message, null);
    }

    public static PosError conflict(String code, String message) {
        return of(409, code, message, null);
    }

    public static PosError conflict(String code, String message, String param) {
        return of(409, code, message, param);
    }

    public static PosError retryLater(int status, String code, String message, long seconds) {
        return new PosError(status, code, message, Optional.empty(), Optional.empty(), OptionalLong.of(seconds));
    }

    /** 502: the TSE layer failed; nothing was signed by this step, which can be retried (§7.2). */
    public static PosError fiscalDevice(String message, String operationId) {
        return new PosError(502, "fiscal_device_error", message, Optional.empty(), Optional.ofNullable(operationId),
                OptionalLong.empty());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<String> param() {
        return param;
    }

    public Optional<String> operationId() {
        return operationId;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
