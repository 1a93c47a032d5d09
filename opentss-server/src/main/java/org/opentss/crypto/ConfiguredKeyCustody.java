package org.opentss.crypto;

import java.util.List;
import java.util.Optional;
import org.opentss.config.AppConfig;

/**
 * The key custody of an instance: new keys go where the configuration says ({@code OPENTSS_KEY_CUSTODY}),
 * and every stored handle opens with the custody that made it. An instance that moves to an HSM thus keeps
 * using its earlier keys (the instance CA, existing TSSs) from their envelopes; only new keys are made on
 * the token.
 */
public final class ConfiguredKeyCustody implements KeyCustody {

    private final KeyCustody forNewKeys;
    private final EnvelopeKeyCustody envelope;
    private final List<KeyCustody> all;

    private ConfiguredKeyCustody(KeyCustody forNewKeys, EnvelopeKeyCustody envelope, List<KeyCustody> all) {
        this.forNewKeys = forNewKeys;
        this.envelope = envelope;
        this.all = all;
    }

    /** Connects to the PKCS#11 token when one is configured; the envelope custody is always there. */
    public static ConfiguredKeyCustody of(AppConfig config, MasterKeyRing masterKeys) {
        EnvelopeKeyCustody envelope = new EnvelopeKeyCustody(masterKeys);
        Optional<Pkcs11KeyCustody> token = config.pkcs11().map(Pkcs11KeyCustody::connect);
        return token.map(t -> new ConfiguredKeyCustody(t, envelope, List.of(t, envelope)))
                .orElseGet(() -> new ConfiguredKeyCustody(envelope, envelope, List.of(envelope)));
    }

    /** The envelope custody, which opens the keys kept in the database (a master key rotation rewraps them). */
    public EnvelopeKeyCustody envelope() {
        return envelope;
    }

    @Override
    public CustodyKey generate(String keyId, EcCurve curve) {
        return forNewKeys.generate(keyId, curve);
    }

    @Override
    public SigningKey open(String keyId, byte[] handle) {
        for (KeyCustody custody : all) {
            if (custody.isOwnHandle(handle)) {
                return custody.open(keyId, handle);
            }
        }
        throw new IllegalStateException("no configured key custody opens the key of " + keyId
                + (handle.length > 0 && handle[0] == Pkcs11KeyCustody.HANDLE_FORMAT
                        ? ": it is on a PKCS#11 token; set OPENTSS_KEY_CUSTODY=pkcs11 and the token's settings"
                        : ": its handle has an unknown format"));
    }

    @Override
    public boolean isOwnHandle(byte[] handle) {
        return all.stream().anyMatch(custody -> custody.isOwnHandle(handle));
    }
}
