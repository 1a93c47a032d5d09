package org.opentss.export;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for export tests: the golden TSS key of tse-formats.md §3/§12.5, and CA keys to issue them. */
final class TestCertificates {

    /** The serial number of the golden key (§3), hence the file name of its certificate (§8.5). */
    static final String GOLDEN_SERIAL = "b18b86ce1389e46de87aa4a5131ce83c1160fa33c087ab15b863574d31d8ff3c";

    static final KeyPair GOLDEN_KEY = goldenKey();

    private static final Date NOT_BEFORE = Date.from(Instant.parse("2026-01-01T00:00:00Z"));
    private static final Date NOT_AFTER = Date.from(Instant.parse("2034-01-01T00:00:00Z"));

    private TestCertificates() {
    }

    static byte[] selfSigned(String commonName, KeyPair key) {
        return issued(commonName, key.getPublic(), commonName, key.getPrivate());
    }

    static byte[] issued(String commonName, PublicKey subjectKey, String issuerName, PrivateKey issuerKey) {
        try {
            return new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerName), BigInteger.ONE,
                    NOT_BEFORE, NOT_AFTER, new X500Name("CN=" + commonName), subjectKey)
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair newKey(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 6979 A.2.5's P-256 key; its public point is the one printed in tse-formats.md §3. */
    private static KeyPair goldenKey() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = parameters.getParameterSpec(ECParameterSpec.class);
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPoint point = new ECPoint(
                    new BigInteger("60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6", 16),
                    new BigInteger("7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299", 16));
            return new KeyPair(factory.generatePublic(new ECPublicKeySpec(point, p256)),
                    factory.generatePrivate(new ECPrivateKeySpec(
                            new BigInteger("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721", 16), p256)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
