package org.opentss.http;

/**
 * The error codes OpenTSS emits, each with its HTTP status (sign-de-v2.md §2.2). Codes that fiskaly
 * defines but OpenTSS never produces are deliberately absent.
 */
public enum ErrorCode {
    E_FAILED_SCHEMA_VALIDATION(400),
    E_TX_UPSERT(400),
    E_TX_REVISION_NOT_FOUND(400),
    E_TSS_NOT_INITIALIZED(400),
    E_TSS_DISABLED(400),
    E_ILLEGAL_TSS_STATE_CHANGE(400),
    E_ILLEGAL_CLIENT_SERIAL(400),
    E_CLIENT_DEREGISTERED(400),
    E_TX_LIMIT_REACHED(400),
    E_CHANGE_ADMIN_PIN_FAILED(400),
    E_PARAMETER_MISMATCH(400),
    E_DUPLICATE_EXPORT(400),
    E_CANCEL_EXPORT(400),
    E_UNAUTHORIZED(401),
    E_ADMIN_LOGIN_FAILED(401),
    E_TSS_LIMIT_REACHED(403),
    E_TSS_LIMIT_PER_DAY_REACHED(403),
    E_CLIENT_LIMIT_REACHED(403),
    E_ACCESS_DENIED(403),
    E_ROUTE_NOT_FOUND(404),
    E_TSS_NOT_FOUND(404),
    /** 404 for a client in the path; 400 for a {@code client_id} in a body or export filter (§2.2). */
    E_CLIENT_NOT_FOUND(404),
    /** 404 for a transaction in the path; 400 for a {@code transaction_number} export filter. */
    E_TX_NOT_FOUND(404),
    E_EXPORT_NOT_FOUND(404),
    E_EXPORT_NOT_COMPLETED(404),
    E_ORGANIZATION_NOT_FOUND(404),
    E_API_KEY_NOT_FOUND(404),
    E_TSS_CONFLICT(409),
    E_CLIENT_CONFLICT(409),
    E_TX_ILLEGAL_TYPE_CHANGE(409),
    E_TX_NO_TYPE_DEFINED(409),
    E_TSS_ILLEGAL_STATE_TO_PERFORM_EXPORT(409),
    E_EXPORT_DUPLICATE_RATE_LIMITED(409),
    E_TOO_MANY_EXPORTS(409),
    E_PAYLOAD_TOO_LARGE(413),
    E_UNSUPPORTED_MEDIA_TYPE(415),
    E_ADMIN_PIN_BLOCKED(423),
    E_ADMIN_PUK_BLOCKED(423),
    E_TSS_DEFECTIVE(423),
    E_CERTIFICATE_EXPIRED(423),
    E_TOO_MANY_REQUESTS(429),
    E_INTERNAL(500),
    E_TSS_LOCKED(503),
    E_SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
