package org.opentss.crypto;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Seals small secrets of one purpose (token signing keys, the data keys of key envelopes, …) under a key
 * derived from the instance's master key: under the active key of the {@link MasterKeyRing}, and opens
 * them under any key of it. A rotation reseals each value under the current key.
 */
public final class MasterKeySealer {

    private final MasterKeyRing ring;
    private final String purpose;

    MasterKeySealer(MasterKeyRing ring, String purpose) {
        this.ring = ring;
        this.purpose = purpose;
    }

    public byte[] seal(byte[] plaintext, String associatedData) {
        return under(ring.active()).seal(plaintext, associatedData);
    }

    /** @throws IllegalStateException if no key of the ring opens the value */
    public byte[] open(byte[] sealed, String associatedData) {
        IllegalStateException failure = null;
        for (MasterKey key : ring.keys()) {
            try {
                return under(key).open(sealed, associatedData);
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    /** Whether the value is sealed under the current master key, so that a rotation leaves it as it is. */
    public boolean isUnderCurrentKey(byte[] sealed, String associatedData) {
        try {
            under(ring.current()).open(sealed, associatedData);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * The value sealed under the current master key.
     *
     * @throws IllegalStateException if no key of the ring opens it
     */
    public byte[] resealedUnderCurrentKey(byte[] sealed, String associatedData) {
        byte[] plaintext = open(sealed, associatedData);
        try {
            return under(ring.current()).seal(plaintext, associatedData);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** How a column of values sealed this way is resealed; {@code label} gives a row's associated data. */
    public SealedColumn.Resealer resealer(Function<String, String> label) {
        return new SealedColumn.Resealer() {
            @Override
            public boolean applies(byte[] value) {
                return true;
            }

            @Override
            public boolean isUnderCurrentKey(String rowKey, byte[] value) {
                return MasterKeySealer.this.isUnderCurrentKey(value, label.apply(rowKey));
            }

            @Override
            public byte[] resealedUnderCurrentKey(String rowKey, byte[] value) {
                return MasterKeySealer.this.resealedUnderCurrentKey(value, label.apply(rowKey));
            }
        };
    }

    private Sealer under(MasterKey key) {
        return new Sealer(key.derive(purpose));
    }
}
