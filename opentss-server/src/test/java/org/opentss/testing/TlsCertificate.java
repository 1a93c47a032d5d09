package org.opentss.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate for {@code localhost} and {@code 127.0.0.1} with a fresh key, made at test
 * time, and the files an operator would configure it with: PEM (the key in the forms openssl writes) or PKCS#12.
 */
public record TlsCertificate(KeyPair key, X509Certificate certificate) {

    /** How a PEM private key file is written. */
    public enum KeyFormat {
        /** {@code BEGIN PRIVATE KEY} */
        PKCS8,
        /** {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY} */
        TRADITIONAL,
        /** {@code BEGIN ENCRYPTED PRIVATE KEY} (PBES2, AES-256-CBC) */
        ENCRYPTED_PKCS8,
        /** {@code BEGIN EC PRIVATE KEY} with {@code Proc-Type: 4,ENCRYPTED} (AES-256-CBC) */
        ENCRYPTED_TRADITIONAL
    }

    /** @param algorithm {@code EC} (P-256) or {@code RSA} (2048 bits) */
    public static TlsCertificate selfSigned(String algorithm) {
        try {
            // Bouncy Castle's keys: written as a traditional EC PRIVATE KEY they name their curve, as openssl's
            // do; the JDK's own would leave it out and be unreadable
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, new BouncyCastleProvider());
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            KeyPair key = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), name,
                    key.getPublic());
            // the JDK's HTTPS client checks the address it connects to against these names
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            String signature = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signature).build(key.getPrivate())));
            return new TlsCertificate(key, certificate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    /** Writes the certificate as PEM. */
    public Path writeCertificate(Path file) {
        return writePem(file, certificate);
    }

    /** Writes the private key as PEM; {@code password} only for the encrypted formats. */
    public Path writeKey(Path file, KeyFormat format, String password) {
        try {
            BouncyCastleProvider bc = new BouncyCastleProvider();
            Object pem = switch (format) {
                case PKCS8 -> new JcaPKCS8Generator(key.getPrivate(), null);
                case TRADITIONAL -> key.getPrivate(); // JcaPEMWriter's own choice for a key
                case ENCRYPTED_PKCS8 -> new JcaPKCS8Generator(key.getPrivate(),
                        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(bc)
                                .setPassword(password.toCharArray()).build());
                case ENCRYPTED_TRADITIONAL -> new JcaMiscPEMGenerator(key.getPrivate(),
                        new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(bc).build(password.toCharArray()));
            };
            return writePem(file, pem);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot write the test key", e);
        }
    }

    /** Writes key and certificate as one PKCS#12 file, as {@code openssl pkcs12 -export} makes it. */
    public Path writePkcs12(Path file, String password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
            store.store(out, password.toCharArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the test key store", e);
        }
    }

    /** A client's TLS context that trusts this certificate, and nothing else. */
    public SSLContext trustingIt() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the client's trust", e);
        }
    }

    /** @param object a certificate, a key or a generator of PEM, as {@link JcaPEMWriter#writeObject} takes them */
    private static Path writePem(Path file, Object object) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
