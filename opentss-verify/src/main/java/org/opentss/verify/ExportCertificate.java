package org.opentss.verify;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * A certificate file of a TAR export (tse-formats.md §8.5), parsed with BouncyCastle's ASN.1
 * structures; its signature is checked over the TBS bytes exactly as stored, with the lightweight
 * {@link ECDSASigner} (§11.2 B1–B4).
 */
final class ExportCertificate {

    private static final String PEM_BEGIN = "-----BEGIN";

    final String fileName;
    final int entry;
    final byte[] der;
    final boolean pem;
    final Certificate certificate;
    final byte[] rawTbs;
    final X500Name subject;
    final X500Name issuer;
    final byte[] subjectKeyId;
    final byte[] authorityKeyId;
    final boolean ca;
    final Instant notBefore;
    final Instant notAfter;
    /** The subject key; {@code null} if it is not an EC key on a supported named curve (B2). */
    EcPublicKey key;
    /** SHA-256 of the point, lowercase hex; {@code null} without a key. */
    String serialHex;
    /** Whether a chain of an exported log (or, in an archive without logs, of a presumed leaf) contains it. */
    boolean inChain;

    private ExportCertificate(String fileName, int entry, byte[] der, boolean pem) throws IllegalArgumentException {
        this.fileName = fileName;
        this.entry = entry;
        this.der = der;
        this.pem = pem;
        try {
            DerReader outer = new DerReader(der);
            Tlv certificateTlv = outer.read();
            if (certificateTlv.tag() != 0x30 || outer.hasMore()) {
                throw new IllegalArgumentException("not one DER SEQUENCE");
            }
            Tlv tbs = outer.contentOf(certificateTlv).read();
            this.rawTbs = tbs.encoding(der);
        } catch (DerFormatException e) {
            throw new IllegalArgumentException("not DER: " + e.getMessage(), e);
        }
        try {
            this.certificate = Certificate.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (Exception e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
        this.subject = certificate.getSubject();
        this.issuer = certificate.getIssuer();
        Extensions extensions = certificate.getTBSCertificate().getExtensions();
        SubjectKeyIdentifier ski = extensions == null ? null : SubjectKeyIdentifier.fromExtensions(extensions);
        AuthorityKeyIdentifier aki = extensions == null ? null : AuthorityKeyIdentifier.fromExtensions(extensions);
        this.subjectKeyId = ski == null ? null : ski.getKeyIdentifier();
        this.authorityKeyId = aki == null ? null : aki.getKeyIdentifierOctets();
        BasicConstraints constraints = extensions == null ? null
                : BasicConstraints.fromExtensions(extensions);
        this.ca = constraints != null && constraints.isCA();
        this.notBefore = certificate.getStartDate().getDate().toInstant();
        this.notAfter = certificate.getEndDate().getDate().toInstant();
    }

    /**
     * Reads a certificate file: DER, or PEM if the content starts with {@code -----BEGIN} (B1).
     *
     * @throws IllegalArgumentException with the reason if it cannot be read
     */
    static ExportCertificate read(String fileName, int entry, byte[] content) {
        byte[] der = content;
        boolean pem = false;
        if (startsWith(content, PEM_BEGIN)) {
            der = decodePem(content);
            pem = true;
        }
        return new ExportCertificate(fileName, entry, der, pem);
    }

    /** A trust anchor given as DER or PEM, as DER. */
    static byte[] anchorDer(byte[] content) {
        return startsWith(content, PEM_BEGIN) ? decodePem(content) : content.clone();
    }

    private static boolean startsWith(byte[] content, String prefix) {
        String head = new String(content, 0, Math.min(content.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
        return head.startsWith(prefix);
    }

    private static byte[] decodePem(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
        int end = text.indexOf("-----END CERTIFICATE-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("PEM without a CERTIFICATE block");
        }
        String base64 = text.substring(begin + "-----BEGIN CERTIFICATE-----".length(), end).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM with invalid Base64: " + e.getMessage(), e);
        }
    }

    /** B2: the subject key as an EC key on a named curve; the reason if it is not one. */
    Optional<String> readKey() {
        try {
            byte[] spki = certificate.getSubjectPublicKeyInfo().getEncoded("DER");
            key = EcPublicKey.ofSubjectPublicKeyInfo(spki);
            serialHex = HexFormat.of().formatHex(key.serialNumber());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        } catch (java.io.IOException e) {
            return Optional.of("unreadable SubjectPublicKeyInfo: " + e.getMessage());
        }
    }

    boolean selfIssued() {
        return subject.equals(issuer);
    }

    /** Whether {@code candidate} may have issued this certificate: names, and key identifiers where present. */
    boolean mayBeIssuedBy(ExportCertificate candidate) {
        if (!issuer.equals(candidate.subject)) {
            return false;
        }
        return authorityKeyId == null || candidate.subjectKeyId == null
                || Arrays.equals(authorityKeyId, candidate.subjectKeyId);
    }

    /** Whether this certificate's signature verifies with {@code signer}'s key (ECDSA with SHA-2). */
    boolean signatureVerifiesWith(ExportCertificate signer) {
        if (signer.key == null) {
            return false;
        }
        HashFunction hash = switch (certificate.getSignatureAlgorithm().getAlgorithm().getId()) {
            case "1.2.840.10045.4.3.1" -> HashFunction.SHA_224;
            case "1.2.840.10045.4.3.2" -> HashFunction.SHA_256;
            case "1.2.840.10045.4.3.3" -> HashFunction.SHA_384;
            case "1.2.840.10045.4.3.4" -> HashFunction.SHA_512;
            default -> null;
        };
        if (hash == null) {
            return false;
        }
        BigInteger r;
        BigInteger s;
        try {
            ASN1Sequence rs = ASN1Sequence.getInstance(certificate.getSignature().getOctets());
            if (rs.size() != 2) {
                return false;
            }
            r = ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
            s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
        } catch (RuntimeException e) {
            return false;
        }
        byte[] digest = hash.hash(rawTbs);
        for (EcCurve curve : signer.key.candidateCurves()) {
            try {
                ECPublicKeyParameters publicKey = new ECPublicKeyParameters(
                        curve.domain().getCurve().decodePoint(signer.key.point()), curve.domain());
                ECDSASigner verifier = new ECDSASigner();
                verifier.init(false, publicKey);
                if (r.signum() > 0 && s.signum() > 0 && verifier.verifySignature(digest, r, s)) {
                    return true;
                }
            } catch (IllegalArgumentException notOnCurve) {
                // try the next curve
            }
        }
        return false;
    }

    String signatureAlgorithmOid() {
        return certificate.getSignatureAlgorithm().getAlgorithm().getId();
    }

    @Override
    public String toString() {
        return fileName;
    }
}
