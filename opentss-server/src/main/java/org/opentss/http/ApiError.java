package org.opentss.http;

import java.util.Map;
import java.util.OptionalLong;

/**
 * A request failed for a reason the caller can act on. Domain code throws it; {@link ErrorResponses}
 * turns it into the wire format in one place.
 */
public final class ApiError extends RuntimeException {

    private final ErrorCode code;
    private final int status;
    private final OptionalLong retryAfterSeconds;
    private final Map<String, String> headers;

    private ApiError(int status, ErrorCode code, String message, OptionalLong retryAfterSeconds,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
        this.headers = headers;
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code.status(), code, message, OptionalLong.empty(), Map.of());
    }

    /** For the codes whose status depends on where the id came from (E_CLIENT_NOT_FOUND in a body is 400). */
    public static ApiError of(int status, ErrorCode code, String message) {
        return new ApiError(status, code, message, OptionalLong.empty(), Map.of());
    }

    /** A refusal the caller may retry after some seconds (429, 423 E_ADMIN_PUK_BLOCKED, 503). */
    public static ApiError retryLater(ErrorCode code, String message, long retryAfterSeconds) {
        return new ApiError(code.status(), code, message, OptionalLong.of(retryAfterSeconds), Map.of());
    }

    /** A 400 E_FAILED_SCHEMA_VALIDATION whose message names location and rule (§2.4). */
    public static ApiError schema(String message) {
        return of(ErrorCode.E_FAILED_SCHEMA_VALIDATION, message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, ErrorCode.E_UNAUTHORIZED, message, OptionalLong.empty(),
                Map.of("WWW-Authenticate", "Bearer realm=\"opentss\""));
    }

    public static ApiError tooManyRequests(String message, long retryAfterSeconds) {
        return retryLater(ErrorCode.E_TOO_MANY_REQUESTS, message, retryAfterSeconds);
    }

    public static ApiError serviceUnavailable(String message, long retryAfterSeconds) {
        return retryLater(ErrorCode.E_SERVICE_UNAVAILABLE, message, retryAfterSeconds);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
