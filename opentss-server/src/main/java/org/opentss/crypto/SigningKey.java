package org.opentss.crypto;

import java.security.interfaces.ECPublicKey;

/** A private key held by a {@link KeyCustody}, usable for signing but never exported. */
public interface SigningKey {

    ECPublicKey publicKey();

    /**
     * Signs {@code data} with a JCA signature algorithm, e.g. {@code SHA256withECDSAinP1363Format} for the
     * plain r‖s of TR-03111, or {@code SHA384withECDSA} for X.509 certificates.
     */
    byte[] sign(String jcaAlgorithm, byte[] data);

    /**
     * Whether the private key held in custody belongs to {@link #publicKey()}: the key-pair consistency
     * check of the self test (tse-formats.md §5.2), done without making a signature.
     */
    boolean isConsistent();
}
