package org.opentss.http;

/**
 * Translates the errors that the shared HTTP machinery raises in the fiskaly vocabulary (unknown route,
 * body too large, rate limit, unavailable database) into the POS API's codes (pos-api.md §7.2).
 */
final class PosErrors {

    static final String PREFIX = "/v1";

    private PosErrors() {
    }

    static PosError translate(ApiError error) {
        String message = error.getMessage();
        return switch (error.code()) {
            case E_ROUTE_NOT_FOUND -> PosError.notFound("Unknown path.");
            case E_PAYLOAD_TOO_LARGE -> PosError.of(413, "payload_too_large", "The request body is larger than 1 MiB.",
                    null);
            case E_UNSUPPORTED_MEDIA_TYPE -> PosError.invalidRequest("Content-Type", message);
            case E_FAILED_SCHEMA_VALIDATION -> PosError.invalidRequest(null, message);
            case E_UNAUTHORIZED -> PosError.unauthorized();
            case E_TOO_MANY_REQUESTS -> PosError.retryLater(429, "rate_limited", "Too many requests for this "
                    + "credential.", error.retryAfterSeconds().orElse(1));
            case E_SERVICE_UNAVAILABLE, E_TSS_LOCKED -> PosError.retryLater(503, "service_unavailable", message,
                    error.retryAfterSeconds().orElse(1));
            case E_INTERNAL -> PosError.of(500, "internal_error", message, null);
            // any other refusal comes from the TSS layer beneath a fiscal step
            default -> PosError.fiscalDevice("The TSE layer refused the step: " + message, null);
        };
    }
}
