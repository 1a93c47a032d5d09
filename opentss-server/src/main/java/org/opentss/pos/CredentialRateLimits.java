package org.opentss.pos;

import java.util.OptionalInt;
import org.opentss.http.PosIds;
import org.opentss.store.Database;

/**
 * The administrator's request limits for single POS API credentials (pos-api.md §7.3): a platform key by its
 * {@code key_} id, or the register key of a register by the register's {@code reg_} id. They take effect with
 * the credential's next request, on every node.
 */
public final class CredentialRateLimits {

    private final Database database;

    public CredentialRateLimits(Database database) {
        this.database = database;
    }

    /**
     * @param perSecond requests per second (0: unlimited); empty: the installation's default again
     * @throws IllegalArgumentException if no such active platform key or register exists
     */
    public void set(String credentialId, OptionalInt perSecond) {
        String table;
        if (PosIds.isWellFormed("key", credentialId)) {
            table = "platform_api_key";
        } else if (PosIds.isWellFormed("reg", credentialId)) {
            table = "pos_register";
        } else {
            throw new IllegalArgumentException("a credential is named by its platform key id (key_…) or its "
                    + "register id (reg_…), not '" + credentialId + "'");
        }
        int changed = database.inTransaction(h -> h.createUpdate("UPDATE " + table
                        + " SET rate_limit_per_second = :limit WHERE id = :id")
                .bind("limit", perSecond.isPresent() ? perSecond.getAsInt() : null).bind("id", credentialId)
                .execute());
        if (changed == 0) {
            throw new IllegalArgumentException(credentialId + " does not exist");
        }
    }
}
