package org.opentss.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opentss.testing.HttpResult;
import tools.jackson.databind.JsonNode;

/**
 * The documented body of a 4xx, taken from the specs rather than from the server: fiskaly's
 * {@code status_code, error, code, message} under {@code /api} (sign-de-v2.md §2.1, §2.2, §12.6) with the
 * fixed 67-byte body of a refused login, and the POS error object under {@code /v1} (pos-api.md §7.1, §7.2).
 * Codes must belong to the status they come with.
 */
final class ErrorShape {

    /** §2.1: what {@code /auth} answers wrong credentials with, byte for byte. */
    static final String FIXED_UNAUTHORIZED = "{\"message\":\"Unauthorized\",\"status_code\":401,\"error\":\"Unauthorized\"}";

    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized",
            403, "Forbidden", 404, "Not Found", 409, "Conflict", 413, "Payload Too Large",
            415, "Unsupported Media Type", 423, "Locked", 429, "Too Many Requests");

    /** §2.2, the 4xx codes OpenTSS emits, by status. */
    private static final Map<String, Set<Integer>> SIGN_DE_CODES = codes(Map.of(
            400, List.of("E_FAILED_SCHEMA_VALIDATION", "E_TX_UPSERT", "E_TX_REVISION_NOT_FOUND",
                    "E_TSS_NOT_INITIALIZED", "E_TSS_DISABLED", "E_ILLEGAL_TSS_STATE_CHANGE", "E_ILLEGAL_CLIENT_SERIAL",
                    "E_CLIENT_NOT_FOUND", "E_CLIENT_DEREGISTERED", "E_TX_NOT_FOUND", "E_TX_LIMIT_REACHED",
                    "E_DUPLICATE_EXPORT", "E_CANCEL_EXPORT", "E_PARAMETER_MISMATCH", "E_CHANGE_ADMIN_PIN_FAILED"),
            401, List.of("E_UNAUTHORIZED", "E_ADMIN_LOGIN_FAILED"),
            403, List.of("E_TSS_LIMIT_REACHED", "E_TSS_LIMIT_PER_DAY_REACHED", "E_CLIENT_LIMIT_REACHED",
                    "E_ACCESS_DENIED"),
            404, List.of("E_ROUTE_NOT_FOUND", "E_TSS_NOT_FOUND", "E_CLIENT_NOT_FOUND", "E_TX_NOT_FOUND",
                    "E_EXPORT_NOT_FOUND", "E_EXPORT_NOT_COMPLETED", "E_ORGANIZATION_NOT_FOUND", "E_API_KEY_NOT_FOUND"),
            409, List.of("E_TSS_CONFLICT", "E_CLIENT_CONFLICT", "E_TX_ILLEGAL_TYPE_CHANGE", "E_TX_NO_TYPE_DEFINED",
                    "E_TSS_ILLEGAL_STATE_TO_PERFORM_EXPORT", "E_EXPORT_DUPLICATE_RATE_LIMITED", "E_TOO_MANY_EXPORTS"),
            413, List.of("E_PAYLOAD_TOO_LARGE"),
            415, List.of("E_UNSUPPORTED_MEDIA_TYPE"),
            423, List.of("E_ADMIN_PIN_BLOCKED", "E_ADMIN_PUK_BLOCKED", "E_TSS_DEFECTIVE", "E_CERTIFICATE_EXPIRED"),
            429, List.of("E_TOO_MANY_REQUESTS")));

    /** pos-api.md §7.2, the 4xx codes, by status. */
    private static final Map<String, Set<Integer>> POS_CODES = codes(Map.of(
            400, List.of("invalid_request"),
            401, List.of("unauthorized"),
            403, List.of("forbidden"),
            404, List.of("not_found"),
            409, List.of("operation_not_open", "fiscal_unit_not_active", "fiscal_unit_already_active",
                    "open_operations_exist", "open_operation_limit_reached", "register_archived",
                    "serial_number_in_use", "idempotency_key_conflict", "idempotency_key_in_use"),
            412, List.of("precondition_failed"),
            413, List.of("payload_too_large"),
            422, List.of("validation_error", "payment_mismatch", "jurisdiction_not_supported"),
            429, List.of("rate_limited")));

    private static final List<String> SIGN_DE_KEYS = List.of("status_code", "error", "code", "message");
    private static final Set<String> POS_KEYS = Set.of("object", "code", "message", "param", "request_id");

    private ErrorShape() {
    }

    /** Why {@code result} is not a documented 4xx answer to a request for {@code path}; empty if it is one. */
    static Optional<String> violation(String path, HttpResult result) {
        return violation(path, result.status(), result::header, result.bytes());
    }

    /**
     * Why an answer is not a documented 4xx to a request for {@code path}; empty if it is one.
     *
     * @param header the first value of a response header
     */
    static Optional<String> violation(String path, int status, Function<String, Optional<String>> header,
            byte[] body) {
        if (status < 400 || status > 499) {
            return Optional.of("status " + status + " is not a 4xx");
        }
        if (!header.apply("Content-Type").orElse("").startsWith("application/json")) {
            return Optional.of("Content-Type " + header.apply("Content-Type").orElse("(none)"));
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            return Optional.of("body is not JSON");
        }
        boolean pos = path.equals("/v1") || path.startsWith("/v1/");
        return pos ? posViolation(status, header, json) : signDeViolation(path, status, header, body, json);
    }

    private static Optional<String> signDeViolation(String path, int status, Function<String, Optional<String>> header,
            byte[] bytes, JsonNode body) {
        Optional<String> requestId = header.apply("X-Request-Id");
        if (requestId.isEmpty() || !requestId.equals(header.apply("Request-Id"))) {
            return Optional.of("X-Request-Id and Request-Id are not both there and equal (§1.6)");
        }
        boolean login = path.equals("/api/v2/auth") || path.equals("/api/v0/auth");
        if (login && status == 401) {
            return new String(bytes, StandardCharsets.UTF_8).equals(FIXED_UNAUTHORIZED) ? Optional.empty()
                    : Optional.of("a refused login must have the fixed body of §2.1");
        }
        if (!body.isObject() || !List.copyOf(body.propertyNames()).equals(SIGN_DE_KEYS)) {
            return Optional.of("keys are not " + SIGN_DE_KEYS + " in this order");
        }
        if (!body.get("status_code").isInt() || body.get("status_code").intValue() != status) {
            return Optional.of("status_code differs from the HTTP status");
        }
        if (!body.get("error").isString() || !body.get("error").stringValue().equals(REASONS.get(status))) {
            return Optional.of("error is not the reason phrase of " + status);
        }
        if (!body.get("message").isString()) {
            return Optional.of("message is not a string");
        }
        return codeViolation(SIGN_DE_CODES, body.get("code"), status);
    }

    private static Optional<String> posViolation(int status, Function<String, Optional<String>> header,
            JsonNode body) {
        if (!body.isObject() || !Set.copyOf(body.propertyNames()).equals(POS_KEYS)) {
            return Optional.of("keys are not " + POS_KEYS);
        }
        if (!body.get("object").isString() || !body.get("object").stringValue().equals("error")) {
            return Optional.of("object is not \"error\"");
        }
        if (!body.get("message").isString()) {
            return Optional.of("message is not a string");
        }
        if (!body.get("param").isString() && !body.get("param").isNull()) {
            return Optional.of("param is neither a string nor null");
        }
        Optional<String> requestId = header.apply("X-Request-Id");
        if (requestId.isEmpty() || !body.get("request_id").isString()
                || !body.get("request_id").stringValue().equals(requestId.get())) {
            return Optional.of("request_id differs from the X-Request-Id header");
        }
        return codeViolation(POS_CODES, body.get("code"), status);
    }

    private static Optional<String> codeViolation(Map<String, Set<Integer>> catalogue, JsonNode code, int status) {
        if (!code.isString()) {
            return Optional.of("code is not a string");
        }
        if (!catalogue.getOrDefault(code.stringValue(), Set.of()).contains(status)) {
            return Optional.of("code " + code.stringValue() + " is not documented for status " + status);
        }
        return Optional.empty();
    }

    /** Code → the statuses it is documented with (a few codes have two, e.g. E_CLIENT_NOT_FOUND). */
    private static Map<String, Set<Integer>> codes(Map<Integer, List<String>> byStatus) {
        return byStatus.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(code -> Map.entry(code, e.getKey())))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toUnmodifiableSet())));
    }
}
