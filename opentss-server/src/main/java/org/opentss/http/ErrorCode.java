package org.opentss.http;

/**
 * The error codes OpenTSS emits, each with its HTTP status (sign-de-v2.md §2.2). Codes that fiskaly
 * defines but OpenTSS never produces are deliberately absent.
 */
public enum ErrorCode {
    E_FAILED_SCHEMA_VALIDATION(400),
    E_UNAUTHORIZED(401),
    E_ACCESS_DENIED(403),
    E_ROUTE_NOT_FOUND(404),
    E_ORGANIZATION_NOT_FOUND(404),
    E_API_KEY_NOT_FOUND(404),
    E_PAYLOAD_TOO_LARGE(413),
    E_UNSUPPORTED_MEDIA_TYPE(415),
    E_TOO_MANY_REQUESTS(429),
    E_INTERNAL(500),
    E_SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
