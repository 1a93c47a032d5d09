package org.opentss.crypto;

/**
 * Values that a feature keeps sealed under the master key. A master key rotation finds each of them and
 * reseals those still under the previous key ({@code opentss master-key rotate}, {@code status}).
 */
public interface MasterKeySealed {

    /**
     * Goes through every value.
     *
     * @param reseal whether to reseal the values that are not under the current key, or only to count them
     */
    Tally sweep(boolean reseal);

    /**
     * @param what            what the values are, e.g. "TSS key envelopes"
     * @param underCurrentKey values that were under the current key already
     * @param resealed        values resealed under it by this sweep
     * @param left            values still not under it: the sweep only counted, or no key of the ring opens them
     */
    record Tally(String what, int underCurrentKey, int resealed, int left) {
    }
}
