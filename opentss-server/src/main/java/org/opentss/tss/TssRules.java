package org.opentss.tss;

import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;

/** The state checks that several TSS operations share, with their codes and messages (sign-de-v2.md §1.9 step 7). */
public final class TssRules {

    private TssRules() {
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
}
