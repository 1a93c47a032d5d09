package org.opentss.identity;

/**
 * A login or refresh was refused. The caller is told no more than the fixed 401 body of
 * sign-de-v2.md §2.1; the reason is for the server's log and metrics only.
 */
public final class AuthenticationFailed extends RuntimeException {

    public AuthenticationFailed(String reason) {
        super(reason, null, false, false);
    }
}
