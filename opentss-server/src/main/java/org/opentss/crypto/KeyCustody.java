package org.opentss.crypto;

/**
 * Where private keys live. Implementations keep keys away from the rest of the server: the database
 * stores only an opaque handle, and only the custody can turn a handle back into a {@link SigningKey}.
 * Implementations: {@link EnvelopeKeyCustody} (AES-256-GCM envelope under the master key) and
 * {@link Pkcs11KeyCustody} (an HSM); {@link ConfiguredKeyCustody} picks one for new keys and opens the
 * handles of both.
 */
public interface KeyCustody {

    /**
     * Creates a key pair.
     *
     * @param keyId a stable name for the key (e.g. {@code tss:<id>}); the handle only opens under this name
     * @return the key and the handle to store
     */
    CustodyKey generate(String keyId, EcCurve curve);

    /** The key behind a stored handle. */
    SigningKey open(String keyId, byte[] handle);

    /** Whether the handle is of this custody's format (its first byte). */
    boolean isOwnHandle(byte[] handle);

    /** A new key and the opaque handle under which the custody will find it again. */
    record CustodyKey(SigningKey key, byte[] handle) {
    }
}
