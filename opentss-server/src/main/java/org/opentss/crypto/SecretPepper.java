package org.opentss.crypto;

import java.util.Base64;
import org.opentss.store.InstanceSettings;

/**
 * The pepper of the keyed hashes of API secrets, register and platform keys, setup tokens and HUB sessions
 * ({@link SecretHasher}). The hashes cannot be computed again without the secrets, so the pepper must never
 * change: it was derived from the master key the instance started with, and is kept in the database sealed
 * under the master key, where a master key rotation reseals it like every other sealed value.
 */
public final class SecretPepper implements MasterKeySealed {

    private static final String SETTING = "api_secret_pepper";
    private static final String LABEL = "api-secret-pepper";

    private final MasterKeyRing masterKeys;
    private final MasterKeySealer sealer;
    private final InstanceSettings settings;

    public SecretPepper(MasterKeyRing masterKeys, InstanceSettings settings) {
        this.masterKeys = masterKeys;
        this.sealer = masterKeys.sealer("api-secret-pepper-seal/v1");
        this.settings = settings;
    }

    /** The pepper; the first start of a node of this version stores it sealed. */
    public byte[] value() {
        String stored = settings.get(SETTING).orElseGet(() -> {
            // the pepper the hashes of earlier versions were made with, derived from the key the database names
            byte[] derived = masterKeys.active().derive("api-secret-pepper/v1");
            return settings.putIfAbsent(SETTING, Base64.getEncoder().encodeToString(sealer.seal(derived, LABEL)));
        });
        return sealer.open(Base64.getDecoder().decode(stored), LABEL);
    }

    @Override
    public Tally sweep(boolean reseal) {
        byte[] sealed = Base64.getDecoder().decode(settings.get(SETTING).orElseThrow(() ->
                new IllegalStateException("the database holds no API secret pepper yet; start a node first")));
        if (sealer.isUnderCurrentKey(sealed, LABEL)) {
            return new Tally("API secret pepper", 1, 0, 0);
        }
        if (!reseal) {
            return new Tally("API secret pepper", 0, 0, 1);
        }
        settings.put(SETTING, Base64.getEncoder().encodeToString(sealer.resealedUnderCurrentKey(sealed, LABEL)));
        return new Tally("API secret pepper", 0, 1, 0);
    }
}
