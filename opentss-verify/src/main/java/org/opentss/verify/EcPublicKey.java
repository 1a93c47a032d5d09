package org.opentss.verify;

import java.util.Arrays;
import java.util.List;

/**
 * A TSS public key as an uncompressed point {@code 04‖X‖Y}, with the curves it may lie on: the one
 * named in its certificate or SubjectPublicKeyInfo, or, for a bare point, every curve with that
 * point length (tse-formats.md §7.3: "a 65-byte key is tried on P-256 and brainpoolP256r1").
 */
public final class EcPublicKey {

    private static final String ID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    private static final int UNCOMPRESSED = 0x04;

    private final byte[] point;
    private final List<EcCurve> candidateCurves;

    private EcPublicKey(byte[] point, List<EcCurve> candidateCurves) {
        this.point = point.clone();
        this.candidateCurves = List.copyOf(candidateCurves);
    }

    /**
     * A bare uncompressed point: 65, 97, 129 or 133 bytes starting with {@code 04}.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static EcPublicKey ofPoint(byte[] point) {
        List<EcCurve> curves = EcCurve.forPointLength(point.length);
        if (point.length == 0 || (point[0] & 0xFF) != UNCOMPRESSED || curves.isEmpty()) {
            throw new IllegalArgumentException("not an uncompressed EC point (04‖X‖Y of 65, 97, 129 or 133 bytes): "
                    + point.length + " bytes" + (point.length > 0 ? String.format(", first byte %02X", point[0]) : ""));
        }
        return new EcPublicKey(point, curves);
    }

    /**
     * The key of a DER SubjectPublicKeyInfo: {@code id-ecPublicKey} on a named curve.
     *
     * @throws IllegalArgumentException if it is malformed or not such a key
     */
    public static EcPublicKey ofSubjectPublicKeyInfo(byte[] der) {
        try {
            DerReader outer = new DerReader(der);
            Tlv spki = expect(outer, 0x30, "SubjectPublicKeyInfo");
            if (outer.hasMore()) {
                throw new IllegalArgumentException("trailing bytes after the SubjectPublicKeyInfo");
            }
            return fromSubjectPublicKeyInfo(outer.contentOf(spki));
        } catch (DerFormatException e) {
            throw new IllegalArgumentException("malformed SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
    }

    /**
     * The subject key of a DER X.509 certificate. Only the key is read; the certificate's own
     * signature and chain are not checked here.
     *
     * @throws IllegalArgumentException if it is malformed or its key is not an EC key on a named curve
     */
    public static EcPublicKey ofCertificate(byte[] der) {
        try {
            DerReader outer = new DerReader(der);
            Tlv certificate = expect(outer, 0x30, "Certificate");
            if (outer.hasMore()) {
                throw new IllegalArgumentException("trailing bytes after the certificate");
            }
            DerReader tbs = outer.contentOf(expect(outer.contentOf(certificate), 0x30, "tbsCertificate"));
            if (tbs.peekTag() == 0xA0) {
                tbs.read(); // [0] EXPLICIT version
            }
            expect(tbs, 0x02, "serialNumber");
            expect(tbs, 0x30, "signature");
            expect(tbs, 0x30, "issuer");
            expect(tbs, 0x30, "validity");
            expect(tbs, 0x30, "subject");
            return fromSubjectPublicKeyInfo(tbs.contentOf(expect(tbs, 0x30, "subjectPublicKeyInfo")));
        } catch (DerFormatException e) {
            throw new IllegalArgumentException("malformed certificate: " + e.getMessage(), e);
        }
    }

    private static EcPublicKey fromSubjectPublicKeyInfo(DerReader spki) throws DerFormatException {
        DerReader algorithm = spki.contentOf(expect(spki, 0x30, "algorithm"));
        String keyType = DerReader.objectIdentifier(expect(algorithm, 0x06, "algorithm OID").value());
        if (!keyType.equals(ID_EC_PUBLIC_KEY)) {
            throw new IllegalArgumentException("public key algorithm " + keyType + " is not id-ecPublicKey");
        }
        if (!algorithm.hasMore() || algorithm.peekTag() != 0x06) {
            throw new IllegalArgumentException("EC key without a named curve");
        }
        String curveOid = DerReader.objectIdentifier(algorithm.read().value());
        EcCurve curve = EcCurve.forOid(curveOid)
                .orElseThrow(() -> new IllegalArgumentException("unsupported named curve " + curveOid));
        byte[] bitString = expect(spki, 0x03, "subjectPublicKey").value();
        if (bitString.length < 2 || bitString[0] != 0) {
            throw new IllegalArgumentException("subjectPublicKey BIT STRING has unused bits or is empty");
        }
        byte[] point = Arrays.copyOfRange(bitString, 1, bitString.length);
        EcPublicKey key = ofPoint(point);
        if (!key.candidateCurves.contains(curve)) {
            throw new IllegalArgumentException("a " + point.length + "-byte point cannot lie on " + curve);
        }
        return new EcPublicKey(point, List.of(curve));
    }

    private static Tlv expect(DerReader reader, int tag, String element) throws DerFormatException {
        Tlv tlv = reader.read();
        if (tlv.tag() != tag) {
            throw new DerFormatException(String.format("%s has tag %02X, expected %02X", element, tlv.tag(), tag));
        }
        return tlv;
    }

    /** The uncompressed point {@code 04‖X‖Y}. */
    public byte[] point() {
        return point.clone();
    }

    /** The curves to try: one if the key came with a named curve, else all of this point length. */
    public List<EcCurve> candidateCurves() {
        return candidateCurves;
    }

    /** The TSS serial number of this key: SHA-256 of the uncompressed point (tse-formats.md §3). */
    public byte[] serialNumber() {
        return HashFunction.SHA_256.hash(point);
    }
}
