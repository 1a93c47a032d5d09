package org.opentss.http;

import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.opentss.config.ConfigException;
import org.opentss.config.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of the listener: the private key and certificate chain from the configured files, checked to belong
 * together, offered with TLS 1.3 and 1.2 only (pos-api.md §3.1: production runs on TLS 1.2 or newer).
 *
 * <p>PEM files are read with Bouncy Castle rather than Helidon's reader, which refuses traditional EC keys
 * ({@code BEGIN EC PRIVATE KEY}, as {@code openssl ecparam -genkey} writes them) and encrypted traditional keys.
 * A file that cannot serve is a {@link ConfigException} naming the setting, never showing a password.
 */
final class ServerTls {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private ServerTls() {
    }

    static Tls create(TlsSettings settings) {
        Credentials credentials = switch (settings) {
            case TlsSettings.Pem pem -> fromPem(pem);
            case TlsSettings.Pkcs12 pkcs12 -> fromPkcs12(pkcs12);
        };
        X509Certificate certificate = credentials.chain().getFirst();
        LOG.info("TLS with the certificate of {}, issued by {}, valid until {}", certificate.getSubjectX500Principal(),
                certificate.getIssuerX500Principal(), certificate.getNotAfter().toInstant());
        if (certificate.getNotAfter().toInstant().isBefore(Instant.now())) {
            LOG.warn("the TLS certificate has expired: clients will refuse it until a new one is installed");
        }
        return Tls.builder()
                .privateKey(credentials.key())
                .privateKeyCertChain(credentials.chain())
                .enabledProtocols(PROTOCOLS)
                .build();
    }

    /** A private key and its certificate chain, the key's own certificate first. */
    private record Credentials(PrivateKey key, List<X509Certificate> chain) {
    }

    private static Credentials fromPem(TlsSettings.Pem settings) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object object : pemObjects(settings.certificates(), "OPENTSS_TLS_CERT")) {
            if (object instanceof X509CertificateHolder holder) {
                chain.add(certificate(holder));
            }
        }
        if (chain.isEmpty()) {
            throw problem("OPENTSS_TLS_CERT", "no certificate in '" + settings.certificates() + "'");
        }
        PrivateKey key = pemObjects(settings.key(), "OPENTSS_TLS_KEY").stream()
                .map(object -> privateKey(object, settings))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> problem("OPENTSS_TLS_KEY", "no private key in '" + settings.key() + "'"));
        requireKeyOfCertificate(key, chain.getFirst(), "OPENTSS_TLS_KEY",
                "the key does not belong to the first certificate in OPENTSS_TLS_CERT (the server's own "
                        + "certificate must come first, then the intermediates)");
        return new Credentials(key, chain);
    }

    /** Every object of a PEM file; other text around them (as {@code openssl} leaves it) is skipped. */
    private static List<Object> pemObjects(Path file, String setting) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
                PEMParser parser = new PEMParser(reader)) {
            List<Object> objects = new ArrayList<>();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
            return objects;
        } catch (IOException e) {
            throw problem(setting, "cannot read '" + file + "' as PEM (" + e.getMessage() + ")");
        }
    }

    /** The private key a PEM object is, in any of the forms openssl writes; empty for other objects. */
    private static Optional<PrivateKey> privateKey(Object object, TlsSettings.Pem settings) {
        boolean encrypted = object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair;
        char[] password = encrypted ? keyPassword(settings) : null;
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            return switch (object) {
                case PrivateKeyInfo pkcs8 -> Optional.of(converter.getPrivateKey(pkcs8));
                // the private key alone: SEC1 leaves the public key out of EC PRIVATE KEY as an option
                case PEMKeyPair traditional -> Optional.of(converter.getPrivateKey(traditional.getPrivateKeyInfo()));
                // the JDK lacks the ciphers and key derivations of encrypted PEM: Bouncy Castle's, unregistered
                case PKCS8EncryptedPrivateKeyInfo pkcs8 -> Optional.of(converter.getPrivateKey(pkcs8.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(new BouncyCastleProvider()).build(password))));
                case PEMEncryptedKeyPair traditional -> Optional.of(converter.getPrivateKey(traditional.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(new BouncyCastleProvider()).build(password))
                        .getPrivateKeyInfo()));
                default -> Optional.empty();
            };
        } catch (Exception e) {
            // a wrong password shows as bad padding or as a garbled key, depending on the cipher
            throw problem("OPENTSS_TLS_KEY", encrypted
                    ? "cannot decrypt the key in '" + settings.key() + "' (a wrong OPENTSS_TLS_KEY_PASSWORD or "
                            + "OPENTSS_TLS_KEY_PASSWORD_FILE?)"
                    : "cannot decode the key in '" + settings.key() + "' (" + e.getMessage() + ")");
        }
    }

    private static char[] keyPassword(TlsSettings.Pem settings) {
        return settings.keyPassword().map(String::toCharArray).orElseThrow(() -> problem("OPENTSS_TLS_KEY",
                "the key in '" + settings.key() + "' is encrypted: set OPENTSS_TLS_KEY_PASSWORD or "
                        + "OPENTSS_TLS_KEY_PASSWORD_FILE"));
    }

    private static Credentials fromPkcs12(TlsSettings.Pkcs12 settings) {
        char[] password = settings.password().toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(settings.file())) {
                store.load(in, password);
            }
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw problem("OPENTSS_TLS_PKCS12", "'" + settings.file() + "' holds " + keyAliases.size()
                        + " private keys; it must hold exactly one, the server's");
            }
            Key key = store.getKey(keyAliases.getFirst(), password);
            Certificate[] chain = store.getCertificateChain(keyAliases.getFirst());
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                throw problem("OPENTSS_TLS_PKCS12", "'" + settings.file() + "' holds no private key with its certificate");
            }
            List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            requireKeyOfCertificate(privateKey, certificates.getFirst(), "OPENTSS_TLS_PKCS12",
                    "the private key does not belong to the certificate stored with it");
            return new Credentials(privateKey, certificates);
        } catch (UnrecoverableKeyException e) {
            throw wrongPkcs12Password(settings);
        } catch (IOException e) {
            // KeyStore.load reports a wrong password as an IOException caused by UnrecoverableKeyException
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw wrongPkcs12Password(settings);
            }
            throw problem("OPENTSS_TLS_PKCS12", "cannot read '" + settings.file() + "' as PKCS#12 (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw problem("OPENTSS_TLS_PKCS12", "cannot read '" + settings.file() + "' as PKCS#12 (" + e.getMessage() + ")");
        }
    }

    private static ConfigException wrongPkcs12Password(TlsSettings.Pkcs12 settings) {
        return problem("OPENTSS_TLS_PKCS12", "cannot open '" + settings.file() + "' (a wrong "
                + "OPENTSS_TLS_PKCS12_PASSWORD or OPENTSS_TLS_PKCS12_PASSWORD_FILE?)");
    }

    /**
     * Refuses a key that does not belong to the certificate, which TLS clients would only notice at the first
     * handshake; a signature the certificate's public key verifies shows that they belong together.
     */
    private static void requireKeyOfCertificate(PrivateKey key, X509Certificate certificate, String setting,
            String mismatch) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> throw problem(setting, "the private key must be RSA, EC or EdDSA (it is " + key.getAlgorithm() + ")");
        };
        byte[] probe = "opentss-tls-key-check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signer.sign())) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a public key of another type cannot verify: the same mismatch
        }
        throw problem(setting, mismatch);
    }

    private static X509Certificate certificate(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw problem("OPENTSS_TLS_CERT", "a certificate cannot be decoded (" + e.getMessage() + ")");
        }
    }

    private static ConfigException problem(String setting, String message) {
        return new ConfigException(List.of(setting + ": " + message));
    }
}
