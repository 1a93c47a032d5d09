package org.opentss.pos;

import java.util.Optional;
import java.util.OptionalInt;
import org.opentss.http.PosError;
import org.opentss.identity.Environment;

/**
 * Who makes a POS API request (pos-api.md §4): a platform API key or a register API key, its environment,
 * the key's home organization and the acting organization the request works for. Organizations are
 * named by their internal id (the TSS API's UUID); the API shows them as {@code org_} ids.
 *
 * @param credentialId the {@code key_} id of a platform key, the {@code reg_} id for a register key
 * @param registerId the register of a register key
 * @param rateLimitPerSecond the administrator's limit for this credential, if one is set (§7.3)
 */
public record PosCaller(Kind kind, String credentialId, String homeOrganization, String actingOrganization,
        Environment env, Optional<String> registerId, OptionalInt rateLimitPerSecond) {

    public enum Kind {
        PLATFORM, REGISTER
    }

    public boolean isRegister() {
        return kind == Kind.REGISTER;
    }

    /** Platform-only endpoints refuse register keys with 403 (§4.3, §4.6). */
    public void requirePlatform() {
        if (isRegister()) {
            throw PosError.forbidden("A register API key cannot call this endpoint.");
        }
    }

    /** A register key may only name its own register in the path (§4.3). */
    public void requireOwnRegister(String pathRegisterId) {
        if (isRegister() && !registerId.orElseThrow().equals(pathRegisterId)) {
            throw PosError.forbidden("A register API key can only act on its own register.");
        }
    }
}
