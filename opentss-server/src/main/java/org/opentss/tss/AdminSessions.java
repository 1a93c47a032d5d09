package org.opentss.tss;

import org.jdbi.v3.core.Handle;
import org.opentss.identity.Caller;

/**
 * Admin logins, stored server-side so every node honours them (sign-de-v2.md §5.5). A session belongs
 * to one access token on one TSS and ends at logout, at the token's expiry, when the token is revoked
 * (the bearer check refuses it first) and when the TSS is disabled.
 */
public final class AdminSessions {

    public boolean isActive(Handle h, String tssId, Caller caller, long now) {
        return h.createQuery("SELECT 1 FROM admin_session WHERE tss_id = :tss AND token_id = :token "
                        + "AND expires_at > :now")
                .bind("tss", tssId).bind("token", caller.tokenId()).bind("now", now)
                .mapTo(Integer.class).findOne().isPresent();
    }

    /** Creates the session of this token on this TSS; a repeated login keeps it (it ends with the token anyway). */
    public void open(Handle h, String tssId, Caller caller) {
        h.createUpdate("INSERT INTO admin_session (tss_id, token_id, chain_id, expires_at) "
                        + "VALUES (:tss, :token, :chain, :expires) ON CONFLICT (tss_id, token_id) DO NOTHING")
                .bind("tss", tssId).bind("token", caller.tokenId()).bind("chain", caller.chainId())
                .bind("expires", caller.tokenExpiresAt())
                .execute();
    }

    /** Ends this token's session on the TSS; whether there was one that had not expired. */
    public boolean close(Handle h, String tssId, Caller caller, long now) {
        boolean active = isActive(h, tssId, caller, now);
        h.createUpdate("DELETE FROM admin_session WHERE tss_id = :tss AND token_id = :token")
                .bind("tss", tssId).bind("token", caller.tokenId()).execute();
        return active;
    }

    /** Disabling a TSS ends every admin session on it (§4.2). */
    public void closeAll(Handle h, String tssId) {
        h.createUpdate("DELETE FROM admin_session WHERE tss_id = :tss").bind("tss", tssId).execute();
    }
}
