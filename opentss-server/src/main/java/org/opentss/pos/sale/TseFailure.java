package org.opentss.pos.sale;

import java.util.Map;
import java.util.Optional;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.journal.JournalException;

/**
 * A failure of the TSS layer beneath a sale step (pos-api.md §7.2 {@code fiscal_device_error}). Some make
 * signing impossible for the fiscal unit until it is recovered (§13.1, active → error); the others are
 * temporary and only fail the request.
 *
 * @param unusableReason why the fiscal unit cannot sign any more, for conditions that last
 */
record TseFailure(String detail, Optional<String> unusableReason) {

    /** The conditions of §13.1 that put a fiscal unit into {@code error}, with the reason the unit shows. */
    private static final Map<ErrorCode, String> UNUSABLE = Map.of(
            ErrorCode.E_TSS_DISABLED, "The TSS is disabled.",
            ErrorCode.E_TSS_DEFECTIVE, "The TSS is defective.",
            ErrorCode.E_TSS_NOT_INITIALIZED, "The TSS is not initialized.",
            ErrorCode.E_CERTIFICATE_EXPIRED, "The TSS certificate has expired.",
            ErrorCode.E_CLIENT_DEREGISTERED, "The TSE client of the register is no longer registered.",
            ErrorCode.E_CLIENT_NOT_FOUND, "The TSE client of the register is no longer registered.");

    /**
     * The TSE failure behind {@code failure}; empty for what is not one: a busy TSS or database and internal
     * errors are answered as they are (503, 500), and the request may simply be sent again.
     */
    static Optional<TseFailure> of(RuntimeException failure) {
        if (failure instanceof JournalException refused) {
            return Optional.of(new TseFailure(refused.getMessage(), Optional.empty()));
        }
        if (failure instanceof ApiError error && switch (error.code()) {
            case E_TSS_LOCKED, E_SERVICE_UNAVAILABLE, E_INTERNAL -> false;
            default -> true;
        }) {
            return Optional.of(new TseFailure(error.getMessage(), Optional.ofNullable(UNUSABLE.get(error.code()))));
        }
        return Optional.empty();
    }
}
