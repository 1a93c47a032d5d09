package org.opentss.identity;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.opentss.store.Database;

/**
 * Login chains and their refresh tokens (sign-de-v2.md §3.4). Only a refresh token's id is stored,
 * never the token; its signature proves the rest.
 */
public final class TokenChainRepository {

    /** Whether the tokens of a chain may still be used, as far as the database knows now. */
    public record ChainStatus(boolean chainRevoked, boolean keyUsable) {
        public boolean usable() {
            return !chainRevoked && keyUsable;
        }
    }

    /** What happened when a refresh token was presented for exchange. */
    public enum Consumption { CONSUMED, ALREADY_USED, UNKNOWN }

    private final Jdbi jdbi;

    public TokenChainRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    public void insertChain(Handle h, String chainId, String apiKeyId, long now) {
        h.createUpdate("INSERT INTO token_chain (id, api_key_id, created_at) VALUES (:id, :apiKeyId, :now)")
                .bind("id", chainId).bind("apiKeyId", apiKeyId).bind("now", now).execute();
    }

    public void insertRefreshToken(Handle h, String jti, String chainId, long expiresAt) {
        h.createUpdate("INSERT INTO refresh_token (jti, chain_id, expires_at) VALUES (:jti, :chainId, :expiresAt)")
                .bind("jti", jti).bind("chainId", chainId).bind("expiresAt", expiresAt).execute();
    }

    /** Marks the refresh token used, once; a second attempt reports {@link Consumption#ALREADY_USED}. */
    public Consumption consume(Handle h, String jti, String chainId, long now) {
        int updated = h.createUpdate("UPDATE refresh_token SET used_at = :now WHERE jti = :jti AND chain_id = :chainId "
                        + "AND used_at IS NULL")
                .bind("jti", jti).bind("chainId", chainId).bind("now", now).execute();
        if (updated == 1) {
            return Consumption.CONSUMED;
        }
        boolean exists = h.createQuery("SELECT 1 FROM refresh_token WHERE jti = :jti AND chain_id = :chainId")
                .bind("jti", jti).bind("chainId", chainId).mapTo(Integer.class).findOne().isPresent();
        return exists ? Consumption.ALREADY_USED : Consumption.UNKNOWN;
    }

    public void revoke(Handle h, String chainId, long now) {
        h.createUpdate("UPDATE token_chain SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("id", chainId).bind("now", now).execute();
    }

    public Optional<ChainStatus> status(String chainId) {
        return jdbi.withHandle(h -> status(h, chainId));
    }

    public Optional<ChainStatus> status(Handle h, String chainId) {
        return h.createQuery("SELECT c.revoked_at, k.status, k.deleted_at FROM token_chain c "
                        + "JOIN api_key k ON k.id = c.api_key_id WHERE c.id = :id")
                .bind("id", chainId)
                .map((rs, ctx) -> {
                    rs.getLong("revoked_at");
                    boolean revoked = !rs.wasNull();
                    rs.getLong("deleted_at");
                    boolean deleted = !rs.wasNull();
                    return new ChainStatus(revoked, !deleted && "enabled".equals(rs.getString("status")));
                })
                .findOne();
    }
}
