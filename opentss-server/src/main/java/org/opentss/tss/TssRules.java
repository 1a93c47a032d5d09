package org.opentss.tss;

import java.util.Optional;
import java.util.regex.Pattern;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;

/** The state checks that several TSS operations share, with their codes and messages (sign-de-v2.md §1.9 step 7). */
public final class TssRules {

    /** What a client serial number may hold (§7.1), for error messages. */
    public static final String CLIENT_SERIAL_RULE = "must have 1 to 70 characters of A-Z a-z 0-9 space ' ( ) + , - . : = ? "
            + "and no leading or trailing space";
    private static final Pattern CLIENT_SERIAL = Pattern.compile("^(?! )[A-Za-z0-9 '()+,\\-.:=?]{1,70}(?<! )$");
    private static final int PIN_MIN = 6;
    private static final int PIN_MAX = 64;

    private TssRules() {
    }

    public static boolean isClientSerial(String serial) {
        return CLIENT_SERIAL.matcher(serial).matches();
    }

    public static ApiError defective() {
        return ApiError.of(ErrorCode.E_TSS_DEFECTIVE, "the TSS is DEFECTIVE");
    }

    public static ApiError adminRequired() {
        return ApiError.of(ErrorCode.E_UNAUTHORIZED, "admin authentication required");
    }

    /** Admin endpoints work in UNINITIALIZED and INITIALIZED (§5.2, §5.3). */
    public static void requireAdminState(Tss tss) {
        switch (tss.state()) {
            case DEFECTIVE -> throw defective();
            case CREATED -> throw ApiError.of(ErrorCode.E_TSS_NOT_INITIALIZED, "TSS must be UNINITIALIZED or INITIALIZED");
            case DISABLED -> throw disabled();
            default -> {
            }
        }
    }

    /** Clients and transactions need an INITIALIZED TSS with a valid certificate (§7.2, §8.2). */
    public static void requireInService(Tss tss, long now) {
        switch (tss.state()) {
            case DEFECTIVE -> throw defective();
            case DISABLED -> throw disabled();
            case INITIALIZED -> {
            }
            default -> throw ApiError.of(ErrorCode.E_TSS_NOT_INITIALIZED, "TSS must be INITIALIZED");
        }
        if (now >= tss.certificateNotAfter()) {
            throw ApiError.of(ErrorCode.E_CERTIFICATE_EXPIRED, "the TSS certificate has expired");
        }
    }

    private static ApiError disabled() {
        return ApiError.of(ErrorCode.E_TSS_DISABLED, "the TSS is DISABLED");
    }

    /** The PIN rules of §5.1: 6–64 code points, no control characters. */
    public static Optional<String> adminPinViolation(String pin) {
        int length = pin.codePointCount(0, pin.length());
        if (length < PIN_MIN) {
            return Optional.of("must NOT have fewer than " + PIN_MIN + " characters");
        }
        if (length > PIN_MAX) {
            return Optional.of("must NOT have more than " + PIN_MAX + " characters");
        }
        if (pin.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }
}
