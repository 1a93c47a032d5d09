package org.opentss.crypto;

import org.junit.jupiter.api.Tag;
import org.opentss.testing.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.opentss.store.Database;
import org.opentss.testing.Databases;
import org.opentss.testing.TestDatabase;

/**
 * The instance CA and the TSS certificates it issues (sign-de-v2.md §4.4), checked with the JDK's own
 * parser. Names are encoded CN first, as in the spec's example certificate, so their RFC 2253 form
 * (last RDN first) starts with C.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class InstanceCaIT {

    private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");

    @Test
    void issuesTssCertificatesThatChainToTheRoot() throws Exception {
        TestDatabase db = Databases.sqlite();
        KeyCustody custody = new EnvelopeKeyCustody(MasterKeyRing.of(MasterKey.of(new byte[32])));
        try (Database database = db.open()) {
            InstanceCa ca = new InstanceCa(database, custody, "Bistro Operator", Clock.fixed(NOW, ZoneOffset.UTC));
            ca.ensureCreated();
            SigningKey tssKey = custody.generate("tss:x", EcCurve.P256).key();
            String serial = HexFormat.of().formatHex(new byte[32]).replace('0', 'a');
            X509Certificate leaf = parse(ca.issueTssCertificate(tssKey.publicKey(), serial, NOW));
            X509Certificate issuing = parse(ca.chain()[0]);
            X509Certificate root = parse(ca.chain()[1]);

            assertThat(new X500Principal(leaf.getSubjectX500Principal().getEncoded()).getName(X500Principal.RFC2253))
                    .isEqualTo("C=DE,O=Bistro Operator,2.5.4.5=#1340" + HexFormat.of().formatHex(serial.getBytes())
                            + ",CN=" + serial);
            assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW);
            assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(8).toInstant());
            assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
            assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
            assertThat(leaf.getSigAlgName()).isEqualTo("SHA384withECDSA");
            assertThat(leaf.getSerialNumber().bitLength()).isBetween(121, 127);
            assertThat(leaf.getPublicKey().getEncoded()).isEqualTo(tssKey.publicKey().getEncoded());

            assertThat(issuing.getSubjectX500Principal().getName()).isEqualTo("C=DE,O=Bistro Operator,CN=OpenTSS Issuing CA");
            assertThat(issuing.getBasicConstraints()).isZero();
            assertThat(root.getSubjectX500Principal().getName()).isEqualTo("C=DE,O=Bistro Operator,CN=OpenTSS Root CA");
            assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
            assertThat(root.getNotAfter().toInstant()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(30).toInstant());
            assertThat(issuing.getNotAfter().toInstant()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(20).toInstant());

            leaf.verify(issuing.getPublicKey());
            issuing.verify(root.getPublicKey());
            root.verify(root.getPublicKey());
            assertThat(List.of(root.getKeyUsage()[5], root.getKeyUsage()[6])).containsOnly(true);
        }
    }

    @Test
    void everyNodeFindsTheSameCa() throws Exception {
        TestDatabase db = Databases.sqlite();
        KeyCustody custody = new EnvelopeKeyCustody(MasterKeyRing.of(MasterKey.of(new byte[32])));
        try (Database first = db.open(); Database second = db.open()) {
            InstanceCa a = new InstanceCa(first, custody, "OpenTSS", Clock.systemUTC());
            a.ensureCreated();
            InstanceCa b = new InstanceCa(second, custody, "OpenTSS", Clock.systemUTC());
            b.ensureCreated();
            assertThat(b.chain()[0]).isEqualTo(a.chain()[0]);
            assertThat(b.chain()[1]).isEqualTo(a.chain()[1]);
        }
    }

    private static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
