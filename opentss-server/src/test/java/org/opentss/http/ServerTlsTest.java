package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentss.config.ConfigException;
import org.opentss.config.TlsSettings;
import org.opentss.testing.TlsCertificate;
import org.opentss.testing.TlsCertificate.KeyFormat;

/** Reading the listener's key and certificates: the forms openssl writes, and files that cannot serve. */
class ServerTlsTest {

    private static final String PASSWORD = "Key-Secret-4711";
    private static final TlsCertificate EC = TlsCertificate.selfSigned("EC");
    private static final TlsCertificate RSA = TlsCertificate.selfSigned("RSA");

    @TempDir
    Path dir;

    private TlsSettings.Pem pem(TlsCertificate certificate, KeyFormat format, Optional<String> password) {
        return new TlsSettings.Pem(certificate.writeCertificate(dir.resolve("server.crt")),
                certificate.writeKey(dir.resolve("server.key"), format, PASSWORD), password);
    }

    @ParameterizedTest
    @CsvSource({"EC, PKCS8", "EC, TRADITIONAL", "EC, ENCRYPTED_PKCS8", "EC, ENCRYPTED_TRADITIONAL",
        "RSA, PKCS8", "RSA, TRADITIONAL", "RSA, ENCRYPTED_PKCS8", "RSA, ENCRYPTED_TRADITIONAL"})
    void pemKeysInEveryFormOpensslWrites(String algorithm, KeyFormat format) {
        TlsCertificate certificate = algorithm.equals("EC") ? EC : RSA;
        Tls tls = ServerTls.create(pem(certificate, format, Optional.of(PASSWORD))); // checks the key fits
        assertThat(tls.prototype().privateKey()).map(PrivateKey::getAlgorithm).hasValue(algorithm);
        assertThat(tls.prototype().privateKeyCertChain()).containsExactly(certificate.certificate());
        assertThat(tls.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void aChainFileWithTheServerCertificateFirstAndTheKeyInTheSameFile() throws IOException {
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, "Bag Attributes: as openssl pkcs12 writes them\n"
                + Files.readString(EC.writeCertificate(dir.resolve("a.crt")))
                + Files.readString(RSA.writeCertificate(dir.resolve("b.crt")))
                + Files.readString(EC.writeKey(dir.resolve("a.key"), KeyFormat.PKCS8, null)));
        Tls tls = ServerTls.create(new TlsSettings.Pem(combined, combined, Optional.empty()));
        assertThat(tls.prototype().privateKeyCertChain()).containsExactly(EC.certificate(), RSA.certificate());
    }

    @Test
    void anEncryptedKeyNeedsTheRightPassword() {
        assertThat(problem(pem(EC, KeyFormat.ENCRYPTED_PKCS8, Optional.empty())))
                .isEqualTo("OPENTSS_TLS_KEY: the key in '" + dir.resolve("server.key") + "' is encrypted: set "
                        + "OPENTSS_TLS_KEY_PASSWORD or OPENTSS_TLS_KEY_PASSWORD_FILE");
        for (KeyFormat format : new KeyFormat[] {KeyFormat.ENCRYPTED_PKCS8, KeyFormat.ENCRYPTED_TRADITIONAL}) {
            assertThat(problem(pem(RSA, format, Optional.of("Wrong-Password-0815"))))
                    .startsWith("OPENTSS_TLS_KEY: cannot decrypt the key in")
                    .contains("OPENTSS_TLS_KEY_PASSWORD").doesNotContain("Wrong-Password-0815", PASSWORD);
        }
    }

    @Test
    void theKeyMustBelongToTheFirstCertificate() {
        TlsSettings.Pem mismatched = new TlsSettings.Pem(EC.writeCertificate(dir.resolve("ec.crt")),
                TlsCertificate.selfSigned("EC").writeKey(dir.resolve("other.key"), KeyFormat.PKCS8, null), Optional.empty());
        assertThat(problem(mismatched)).startsWith("OPENTSS_TLS_KEY: the key does not belong to the first certificate "
                + "in OPENTSS_TLS_CERT");
        TlsSettings.Pem otherType = new TlsSettings.Pem(EC.writeCertificate(dir.resolve("ec.crt")),
                RSA.writeKey(dir.resolve("rsa.key"), KeyFormat.PKCS8, null), Optional.empty());
        assertThat(problem(otherType)).startsWith("OPENTSS_TLS_KEY: the key does not belong");
    }

    @Test
    void filesWithoutWhatTheirSettingPromises() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        Path key = EC.writeKey(dir.resolve("server.key"), KeyFormat.PKCS8, null);
        Path certificate = EC.writeCertificate(dir.resolve("server.crt"));
        assertThat(problem(new TlsSettings.Pem(empty, key, Optional.empty())))
                .isEqualTo("OPENTSS_TLS_CERT: no certificate in '" + empty + "'");
        assertThat(problem(new TlsSettings.Pem(certificate, certificate, Optional.empty())))
                .isEqualTo("OPENTSS_TLS_KEY: no private key in '" + certificate + "'");
    }

    @Test
    void aPkcs12FileWithItsPassword() {
        Path file = RSA.writePkcs12(dir.resolve("server.p12"), PASSWORD);
        Tls tls = ServerTls.create(new TlsSettings.Pkcs12(file, PASSWORD));
        assertThat(tls.prototype().privateKeyCertChain()).containsExactly(RSA.certificate());
        assertThat(tls.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");

        assertThat(problem(new TlsSettings.Pkcs12(file, "Wrong-Password-0815")))
                .isEqualTo("OPENTSS_TLS_PKCS12: cannot open '" + file + "' (a wrong OPENTSS_TLS_PKCS12_PASSWORD or "
                        + "OPENTSS_TLS_PKCS12_PASSWORD_FILE?)");
        Path pemFile = EC.writeCertificate(dir.resolve("not.p12"));
        assertThat(problem(new TlsSettings.Pkcs12(pemFile, PASSWORD)))
                .startsWith("OPENTSS_TLS_PKCS12: cannot read '" + pemFile + "' as PKCS#12");
    }

    /** The one problem for which the settings are refused. */
    private static String problem(TlsSettings settings) {
        try {
            ServerTls.create(settings);
        } catch (ConfigException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().getFirst();
        }
        throw new AssertionError("expected " + settings + " to be refused");
    }
}
