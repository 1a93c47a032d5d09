package org.opentss.isolation;

/**
 * What a caller gets for another tenant's resource (sign-de-v2.md §1.7): its not-found code, as if it did not
 * exist; a conflict, as with a resource of the caller's own; a failed login; or a list without it.
 */
enum OutsiderAnswer {
    TSS_NOT_FOUND(404, "E_TSS_NOT_FOUND", Twin.MADE_UP),
    CLIENT_NOT_FOUND(404, "E_CLIENT_NOT_FOUND", Twin.MADE_UP),
    TX_NOT_FOUND(404, "E_TX_NOT_FOUND", Twin.MADE_UP),
    EXPORT_NOT_FOUND(404, "E_EXPORT_NOT_FOUND", Twin.MADE_UP),
    TSS_CONFLICT(409, "E_TSS_CONFLICT", Twin.OWN),
    CLIENT_CONFLICT(409, "E_CLIENT_CONFLICT", Twin.OWN),
    DUPLICATE_EXPORT(400, "E_DUPLICATE_EXPORT", Twin.OWN),
    /** The fixed 401 body of §2.1, which has no code. */
    LOGIN_FAILED(401, "", Twin.MADE_UP),
    LIST_WITHOUT_THEM(200, "", Twin.NONE);

    /** The request whose answer this one must equal, up to the ids each names. */
    enum Twin {
        /** the same request with made-up ids in place of the other tenant's */
        MADE_UP,
        /** the same request with the caller's own ids: a conflict is worded as for a visible resource */
        OWN,
        /** a list: it must not name the other tenant's resources */
        NONE
    }

    private final int status;
    private final String code;
    private final Twin twin;

    OutsiderAnswer(int status, String code, Twin twin) {
        this.status = status;
        this.code = code;
        this.twin = twin;
    }

    int status() {
        return status;
    }

    /** The error body's {@code code}; empty where the body has none. */
    String code() {
        return code;
    }

    Twin twin() {
        return twin;
    }
}
