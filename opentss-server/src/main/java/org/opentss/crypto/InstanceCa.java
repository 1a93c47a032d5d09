package org.opentss.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.jdbi.v3.core.Jdbi;
import org.opentss.store.Database;

/**
 * The installation's own certificate authority (sign-de-v2.md §4.4): a self-signed P-384 root and an
 * issuing CA under it, created once on first start and kept in the database (their keys in the key
 * custody), which issue the certificate of every TSS key.
 */
public final class InstanceCa {

    static final String ROOT = "root";
    static final String ISSUING = "issuing";
    private static final String CERT_SIGNATURE = "SHA384withECDSA";
    private static final int ROOT_YEARS = 30;
    private static final int ISSUING_YEARS = 20;
    private static final int TSS_YEARS = 8;

    /** A certificate authority: its certificate, the key that signs with it and that key's custody handle. */
    private record Authority(X509Certificate certificate, SigningKey key, byte[] handle) {
    }

    private final Jdbi jdbi;
    private final KeyCustody custody;
    private final String instanceName;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Authority root;
    private volatile Authority issuing;

    public InstanceCa(Database database, KeyCustody custody, String instanceName, Clock clock) {
        this.jdbi = database.jdbi();
        this.custody = custody;
        this.instanceName = instanceName;
        this.clock = clock;
    }

    /** Loads the CA, creating root and issuing CA if this installation has none yet. */
    public synchronized void ensureCreated() {
        root = load(ROOT).orElseGet(() -> store(ROOT, createRoot()));
        issuing = load(ISSUING).orElseGet(() -> store(ISSUING, createIssuing(root)));
    }

    /** The chain above a TSS certificate: issuing CA first, then the root (DER). */
    public byte[][] chain() {
        return new byte[][] {encoded(issuing.certificate()), encoded(root.certificate())};
    }

    /**
     * Issues the certificate of a TSS key: subject {@code CN=<serial>, serialNumber=<serial>, O=…, C=DE},
     * valid for 8 years from {@code notBefore}.
     */
    public byte[] issueTssCertificate(ECPublicKey tssKey, String serialHex, Instant notBefore) {
        Authority ca = issuing;
        Instant notAfter = plusYears(notBefore, TSS_YEARS);
        if (ca.certificate().getNotAfter().toInstant().isBefore(notAfter)) {
            throw new IllegalStateException("the issuing CA expires before a new TSS certificate would; "
                    + "create a new issuing CA");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, serialHex)
                .addRDN(BCStyle.SERIALNUMBER, serialHex)
                .addRDN(BCStyle.O, instanceName)
                .addRDN(BCStyle.C, "DE")
                .build();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            var builder = new JcaX509v3CertificateBuilder(ca.certificate(), serialNumber(), Date.from(notBefore),
                    Date.from(notAfter), subject, tssKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(tssKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(ca.certificate()));
            return builder.build(contentSigner(ca.key())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a TSS certificate", e);
        }
    }

    private Authority createRoot() {
        KeyCustody.CustodyKey key = custody.generate(keyId(ROOT), EcCurve.P384);
        X500Name name = caName("OpenTSS Root CA");
        Instant now = now();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            var builder = new JcaX509v3CertificateBuilder(name, serialNumber(), Date.from(now),
                    Date.from(plusYears(now, ROOT_YEARS)), name, key.key().publicKey());
            addCaExtensions(builder, new BasicConstraints(true));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(key.key().publicKey()));
            return new Authority(certificate(builder.build(contentSigner(key.key()))), key.key(), key.handle());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the root CA", e);
        }
    }

    private Authority createIssuing(Authority parent) {
        KeyCustody.CustodyKey key = custody.generate(keyId(ISSUING), EcCurve.P384);
        Instant now = now();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            var builder = new JcaX509v3CertificateBuilder(parent.certificate(), serialNumber(), Date.from(now),
                    Date.from(plusYears(now, ISSUING_YEARS)), caName("OpenTSS Issuing CA"), key.key().publicKey());
            addCaExtensions(builder, new BasicConstraints(0));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(key.key().publicKey()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(parent.certificate()));
            return new Authority(certificate(builder.build(contentSigner(parent.key()))), key.key(), key.handle());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the issuing CA", e);
        }
    }

    private static void addCaExtensions(JcaX509v3CertificateBuilder builder, BasicConstraints constraints)
            throws CertIOException {
        builder.addExtension(Extension.basicConstraints, true, constraints)
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    /** Stores a new authority unless another node stored one first; either way returns the stored one. */
    private Authority store(String kind, Authority created) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO ca_certificate (kind, certificate, key_handle, not_after, "
                        + "created_at) VALUES (:kind, :certificate, :handle, :notAfter, :createdAt) "
                        + "ON CONFLICT (kind) DO NOTHING")
                .bind("kind", kind)
                .bind("certificate", encoded(created.certificate()))
                .bind("handle", created.handle())
                .bind("notAfter", created.certificate().getNotAfter().toInstant().getEpochSecond())
                .bind("createdAt", now().getEpochSecond())
                .execute());
        return load(kind).orElseThrow();
    }

    private Optional<Authority> load(String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT certificate, key_handle FROM ca_certificate WHERE kind = :kind")
                .bind("kind", kind)
                .map((rs, ctx) -> {
                    byte[] handle = rs.getBytes("key_handle");
                    return new Authority(parse(rs.getBytes("certificate")), custody.open(keyId(kind), handle), handle);
                })
                .findOne());
    }

    private X500Name caName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.O, instanceName)
                .addRDN(BCStyle.C, "DE")
                .build();
    }

    /** 16 random bytes, positive, with the top byte non-zero so the serial keeps its full length. */
    private BigInteger serialNumber() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x7F) | 0x40);
        return new BigInteger(1, bytes);
    }

    /** The key custody's name for the key of a CA ({@code root} or {@code issuing}). */
    public static String keyId(String kind) {
        return "ca:" + kind;
    }

    /** Lets BouncyCastle's certificate builder sign through the key custody. */
    private static ContentSigner contentSigner(SigningKey key) {
        AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(CERT_SIGNATURE);
        ByteArrayOutputStream tbs = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return tbs;
            }

            @Override
            public byte[] getSignature() {
                return key.sign(CERT_SIGNATURE, tbs.toByteArray());
            }
        };
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return certificate(new X509CertificateHolder(der));
        } catch (IOException e) {
            throw new IllegalStateException("stored CA certificate is not DER", e);
        }
    }

    private static X509Certificate certificate(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException("invalid CA certificate", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().atOffset(ZoneOffset.UTC).withNano(0).toInstant();
    }

    private static Instant plusYears(Instant from, int years) {
        return from.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }
}
