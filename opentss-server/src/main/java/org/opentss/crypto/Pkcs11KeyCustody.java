package org.opentss.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.opentss.config.Pkcs11Settings;

/**
 * Keys generated and kept on a PKCS#11 token (an HSM; SoftHSM2 in the tests) through the JDK's SunPKCS11
 * provider. The private keys are token objects that are sensitive and not extractable: they never leave the
 * token, and every signature is made by it.
 *
 * <p>A token finds a private key again through the certificate stored next to it (the JCA key store of a
 * token lists only keys with a certificate), so each key gets a self-signed certificate made by the token
 * with that key. Its alias on the token is the key id plus a random suffix: two generations for the same key
 * id (a retried TSS creation, two nodes creating the instance CA at once) never overwrite each other.
 * Handle: format byte {@link #HANDLE_FORMAT}, the alias's length (1 byte), the alias (ASCII), the X.509
 * public key. A handle opens only under the key id its alias starts with; whether the token's key belongs
 * to the handle's public key is the self test's question ({@link SigningKey#isConsistent}).
 */
public final class Pkcs11KeyCustody implements KeyCustody {

    static final byte HANDLE_FORMAT = 0x11;
    private static final String PROVIDER_NAME = "opentss";
    /** The certificate only lets the token find the key again; it is never shown to anyone. */
    private static final String CERTIFICATE_SIGNATURE = "SHA256withECDSA";

    private final Provider provider;
    private final KeyStore token;
    /** To read the token's list of keys again: another node may have made a key since this one logged in. */
    private final char[] pin;
    private final SecureRandom random = new SecureRandom();
    /** Keys by alias: looking a key up on the token lists the token's objects, so each is looked up once. */
    private final Map<String, TokenEntry> entries = new ConcurrentHashMap<>();

    private Pkcs11KeyCustody(Provider provider, KeyStore token, char[] pin) {
        this.provider = provider;
        this.token = token;
        this.pin = pin;
    }

    /**
     * Loads the PKCS#11 module and logs in to the token.
     *
     * @throws IllegalStateException with what went wrong (module, slot, PIN), never with the PIN
     */
    public static Pkcs11KeyCustody connect(Pkcs11Settings settings) {
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure(providerConfig(settings));
        } catch (ProviderException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the PKCS#11 module " + settings.library() + " with slot "
                    + slotText(settings) + ": " + rootMessage(e), e);
        }
        try {
            KeyStore token = KeyStore.getInstance("PKCS11", provider);
            char[] pin = settings.pin().toCharArray();
            token.load(null, pin);
            return new Pkcs11KeyCustody(provider, token, pin);
        } catch (GeneralSecurityException | IOException | ProviderException e) {
            throw new IllegalStateException("cannot log in to the PKCS#11 token in slot " + slotText(settings)
                    + " (check OPENTSS_PKCS11_SLOT and the PIN): " + rootMessage(e), e);
        }
    }

    /**
     * SunPKCS11's configuration: new private keys are token objects (they outlive the session), private
     * (only a logged-in user sees them), sensitive and not extractable; the public keys stay session
     * objects, since the certificate and the handle hold them.
     */
    private static String providerConfig(Pkcs11Settings settings) {
        StringBuilder config = new StringBuilder("--name=").append(PROVIDER_NAME).append('\n')
                .append("library=").append(settings.library().toAbsolutePath()).append('\n');
        settings.slot().ifPresent(slot -> config.append("slot=").append(slot).append('\n'));
        return config.append("""
                attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {
                  CKA_TOKEN = true
                  CKA_PRIVATE = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_SIGN = true
                }
                attributes(generate, CKO_PUBLIC_KEY, CKK_EC) = {
                  CKA_TOKEN = false
                }
                """).toString();
    }

    @Override
    public CustodyKey generate(String keyId, EcCurve curve) {
        String alias = keyId + "#" + HexFormat.of().formatHex(randomBytes(8));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec(curve.jcaName()));
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(alias, pair);
            synchronized (token) { // a KeyStore is not safe for concurrent use
                token.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {certificate});
            }
            ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
            entries.put(alias, new TokenEntry(pair.getPrivate(), certificate));
            return new CustodyKey(new TokenKey(pair.getPrivate(), publicKey, certificate, provider),
                    handle(alias, publicKey));
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IllegalStateException("the PKCS#11 token could not create the key " + keyId + ": "
                    + rootMessage(e), e);
        }
    }

    @Override
    public SigningKey open(String keyId, byte[] handle) {
        ByteBuffer in = ByteBuffer.wrap(handle);
        if (!isOwnHandle(handle) || in.get() != HANDLE_FORMAT) {
            throw new IllegalStateException("key handle of " + keyId + " was not made by the PKCS#11 key custody");
        }
        byte[] aliasBytes = new byte[Byte.toUnsignedInt(in.get())];
        in.get(aliasBytes);
        String alias = new String(aliasBytes, StandardCharsets.US_ASCII);
        if (!alias.startsWith(keyId + "#")) {
            throw new IllegalStateException("key handle of " + keyId + " belongs to another key");
        }
        byte[] publicKey = new byte[in.remaining()];
        in.get(publicKey);
        TokenEntry entry = entries.computeIfAbsent(alias, this::lookUp);
        return new TokenKey(entry.privateKey(), decodePublicKey(keyId, publicKey), entry.certificate(), provider);
    }

    @Override
    public boolean isOwnHandle(byte[] handle) {
        return handle.length > 0 && handle[0] == HANDLE_FORMAT;
    }

    private TokenEntry lookUp(String alias) {
        try {
            synchronized (token) {
                if (!token.containsAlias(alias)) {
                    token.load(null, pin); // the key store lists the token's keys as they were at the last load
                }
                if (token.getKey(alias, null) instanceof PrivateKey key
                        && token.getCertificate(alias) instanceof X509Certificate certificate) {
                    return new TokenEntry(key, certificate);
                }
            }
            throw new IllegalStateException("the PKCS#11 token holds no key " + alias
                    + " (another token, or the key was deleted from it)");
        } catch (GeneralSecurityException | IOException | ProviderException e) {
            throw new IllegalStateException("the PKCS#11 token could not find the key " + alias + ": "
                    + rootMessage(e), e);
        }
    }

    private static ECPublicKey decodePublicKey(String keyId, byte[] encoded) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("key handle of " + keyId + " holds an invalid public key", e);
        }
    }

    private X509Certificate selfSigned(String alias, KeyPair pair) throws GeneralSecurityException {
        var name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "OpenTSS key").build();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, randomBytes(16)), Date.from(now),
                Date.from(now.plus(365L * 100, ChronoUnit.DAYS)), name, pair.getPublic());
        try {
            var signer = new JcaContentSignerBuilder(CERTIFICATE_SIGNATURE).setProvider(provider)
                    .build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with the new key", e);
        }
    }

    private static byte[] handle(String alias, ECPublicKey publicKey) {
        byte[] aliasBytes = alias.getBytes(StandardCharsets.US_ASCII);
        byte[] encoded = publicKey.getEncoded();
        return ByteBuffer.allocate(2 + aliasBytes.length + encoded.length)
                .put(HANDLE_FORMAT).put((byte) aliasBytes.length).put(aliasBytes).put(encoded).array();
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String slotText(Pkcs11Settings settings) {
        return settings.slot().isPresent() ? Long.toString(settings.slot().getAsLong()) : "(first)";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** A private key on the token and the certificate stored with it. */
    private record TokenEntry(PrivateKey privateKey, X509Certificate certificate) {
    }

    /** A private key on the token, with the public key of the handle; the token signs. */
    private record TokenKey(PrivateKey privateKey, ECPublicKey publicKey, X509Certificate certificate,
            Provider provider) implements SigningKey {

        @Override
        public byte[] sign(String jcaAlgorithm, byte[] data) {
            try {
                Signature signature = Signature.getInstance(jcaAlgorithm, provider);
                signature.initSign(privateKey);
                signature.update(data);
                return signature.sign();
            } catch (GeneralSecurityException | ProviderException e) {
                throw new IllegalStateException("the PKCS#11 token could not sign with " + jcaAlgorithm, e);
            }
        }

        /**
         * The public point the token keeps with the key (its certificate) is the key's public key, and the
         * certificate's signature, made by the token with the private key when the key was created, verifies
         * with it. No test signature is made (tse-formats.md §5.2).
         */
        @Override
        public boolean isConsistent() {
            try {
                if (!(certificate.getPublicKey() instanceof ECPublicKey held) || !held.getW().equals(publicKey.getW())) {
                    return false;
                }
                certificate.verify(publicKey);
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "SigningKey[PKCS#11 token, private ***]";
        }
    }
}
