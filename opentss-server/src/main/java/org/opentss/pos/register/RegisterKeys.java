package org.opentss.pos.register;

import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.opentss.crypto.SecretHasher;
import org.opentss.pos.PosKeys;

/**
 * Register API keys (pos-api.md §4.3, §14): at most one valid key per register, stored as its keyed hash;
 * issuing a new key replaces the previous one at once.
 */
public final class RegisterKeys {

    private final PosKeys keys;
    private final SecretHasher hasher;

    /** What the register object shows of its key (§12.1): never the key itself. */
    public record Credential(long issuedAt, OptionalLong lastUsedAt) {
    }

    public RegisterKeys(PosKeys keys, SecretHasher hasher) {
        this.keys = keys;
        this.hasher = hasher;
    }

    /** Issues a new key for the register, revoking any previous one; the key is returned once. */
    public String issue(Handle h, Register register, long now) {
        String key = keys.newRegisterKey(register.env());
        revoke(h, register.id());
        h.createUpdate("INSERT INTO register_api_key (register_id, key_hash, issued_at) VALUES (:register, :hash, :now)")
                .bind("register", register.id()).bind("hash", hasher.hash(key)).bind("now", now).execute();
        return key;
    }

    public void revoke(Handle h, String registerId) {
        h.createUpdate("DELETE FROM register_api_key WHERE register_id = :register").bind("register", registerId)
                .execute();
    }

    public Optional<Credential> credential(Handle h, String registerId) {
        return h.createQuery("SELECT issued_at, last_used_at FROM register_api_key WHERE register_id = :register")
                .bind("register", registerId)
                .map((rs, ctx) -> {
                    long issuedAt = rs.getLong("issued_at");
                    long lastUsed = rs.getLong("last_used_at");
                    return new Credential(issuedAt, rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(lastUsed));
                })
                .findOne();
    }
}
