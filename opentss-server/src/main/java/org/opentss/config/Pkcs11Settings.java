package org.opentss.config;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where the PKCS#11 key custody keeps its keys: a token, reached through the vendor's PKCS#11 library, logged
 * in to with the user PIN.
 *
 * @param library the PKCS#11 module ({@code OPENTSS_PKCS11_LIBRARY}), e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param slot    the slot id of the token ({@code OPENTSS_PKCS11_SLOT}); empty: the first slot with a token
 * @param pin     the user PIN ({@code OPENTSS_PKCS11_PIN} or the file {@code OPENTSS_PKCS11_PIN_FILE})
 */
public record Pkcs11Settings(Path library, OptionalLong slot, String pin) {

    /** The PIN is left out so that the configuration can be logged. */
    @Override
    public String toString() {
        return "Pkcs11Settings[library=" + library + ", slot=" + (slot.isPresent() ? slot.getAsLong() : "(first)")
                + ", pin=***]";
    }
}
