package org.opentss.verify;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * The named curves TR-03116-5 allows for TSE keys (tse-formats.md §2.2), with BouncyCastle's
 * lightweight domain parameters.
 */
public enum EcCurve {
    P_256("P-256", "secp256r1", "1.2.840.10045.3.1.7"),
    BRAINPOOL_P256R1("brainpoolP256r1", "brainpoolP256r1", "1.3.36.3.3.2.8.1.1.7"),
    P_384("P-384", "secp384r1", "1.3.132.0.34"),
    BRAINPOOL_P384R1("brainpoolP384r1", "brainpoolP384r1", "1.3.36.3.3.2.8.1.1.11"),
    BRAINPOOL_P512R1("brainpoolP512r1", "brainpoolP512r1", "1.3.36.3.3.2.8.1.1.13"),
    P_521("P-521", "secp521r1", "1.3.132.0.35");

    private final String displayName;
    private final String oid;
    private final ECDomainParameters domain;

    EcCurve(String displayName, String bouncyCastleName, String oid) {
        this.displayName = displayName;
        this.oid = oid;
        // CustomNamedCurves has BouncyCastle's faster implementations of the NIST curves;
        // brainpool curves are only in the general table.
        X9ECParameters params = CustomNamedCurves.getByName(bouncyCastleName);
        if (params == null) {
            params = ECNamedCurveTable.getByName(bouncyCastleName);
        }
        this.domain = new ECDomainParameters(params);
    }

    /** The dotted OID of the named curve, as in an X.509 SubjectPublicKeyInfo. */
    public String oid() {
        return oid;
    }

    /** Octets of one coordinate, and of r and s in a plain signature (TR-03111 §5.2.1). */
    public int orderLength() {
        return (domain.getN().bitLength() + 7) / 8;
    }

    /** Octets of the uncompressed point {@code 04‖X‖Y}. */
    public int pointLength() {
        return 1 + 2 * ((domain.getCurve().getFieldSize() + 7) / 8);
    }

    BigInteger order() {
        return domain.getN();
    }

    ECDomainParameters domain() {
        return domain;
    }

    /** The curves an uncompressed point of this length may lie on (tse-formats.md §7.3, §11.3 Q7). */
    static List<EcCurve> forPointLength(int length) {
        return Arrays.stream(values()).filter(c -> c.pointLength() == length).toList();
    }

    static Optional<EcCurve> forOid(String oid) {
        return Arrays.stream(values()).filter(c -> c.oid.equals(oid)).findFirst();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
