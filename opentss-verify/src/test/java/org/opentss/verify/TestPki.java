package org.opentss.verify;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test PKI made with BouncyCastle's certificate builder and JCA keys: a P-384 root, a P-384
 * issuing CA and a leaf for the golden test key of tse-formats.md §12.5 (valid 2025–2035, so that
 * the golden logTimes of 2026 lie inside).
 */
final class TestPki {

    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2035-01-01T00:00:00Z");

    /** Made once per test JVM: key generation is the slow part. */
    static final TestPki GOLDEN = new TestPki(TestVectors.GOLDEN_PUBLIC_KEY, NOT_BEFORE, NOT_AFTER);

    final byte[] root;
    final byte[] issuingCa;
    final byte[] leaf;
    final KeyPair rootKey;
    final KeyPair caKey;

    TestPki(byte[] leafPoint, Instant leafNotBefore, Instant leafNotAfter) {
        try {
            rootKey = p384();
            caKey = p384();
            X500Name rootName = new X500Name("CN=OpenTSS test root,O=OpenTSS");
            X500Name caName = new X500Name("CN=OpenTSS test issuing CA,O=OpenTSS");
            SubjectPublicKeyInfo rootSpki = SubjectPublicKeyInfo.getInstance(rootKey.getPublic().getEncoded());
            SubjectPublicKeyInfo caSpki = SubjectPublicKeyInfo.getInstance(caKey.getPublic().getEncoded());
            SubjectPublicKeyInfo leafSpki = Certificate.getInstance(
                    TestVectors.resource("vectors/certificates/golden-tss-p256.der")).getSubjectPublicKeyInfo();
            if (!java.util.Arrays.equals(leafSpki.getPublicKeyData().getOctets(), leafPoint)) {
                leafSpki = spkiOf(leafPoint, leafSpki);
            }
            root = certificate(rootName, rootSpki, rootName, rootSpki, rootKey, true, NOT_BEFORE, NOT_AFTER, 1);
            issuingCa = certificate(caName, caSpki, rootName, rootSpki, rootKey, true, NOT_BEFORE, NOT_AFTER, 2);
            leaf = certificate(new X500Name("CN=" + HexFormat.of().formatHex(HashFunction.SHA_256.hash(leafPoint))),
                    leafSpki, caName, caSpki, caKey, false, leafNotBefore, leafNotAfter, 3);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SubjectPublicKeyInfo spkiOf(byte[] point, SubjectPublicKeyInfo template) {
        return new SubjectPublicKeyInfo(template.getAlgorithm(), point);
    }

    private static KeyPair p384() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        return generator.generateKeyPair();
    }

    private static byte[] certificate(X500Name subject, SubjectPublicKeyInfo subjectKey, X500Name issuer,
            SubjectPublicKeyInfo issuerKey, KeyPair signer, boolean ca, Instant from, Instant to, long serial)
            throws Exception {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
                Date.from(from), Date.from(to), subject, subjectKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKey))
                .addExtension(Extension.keyUsage, true, new KeyUsage(ca
                        ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        ContentSigner contentSigner = new JcaContentSignerBuilder("SHA384withECDSA").build(signer.getPrivate());
        return builder.build(contentSigner).getEncoded();
    }

    static String fileName(byte[] certificate) {
        return HexFormat.of().formatHex(EcPublicKey.ofCertificate(certificate).serialNumber()) + "_X509.der";
    }
}
