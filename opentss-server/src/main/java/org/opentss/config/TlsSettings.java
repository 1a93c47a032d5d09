package org.opentss.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The certificate and private key {@code serve} listens with on HTTPS: PEM files or one PKCS#12 file. The
 * files are only known to exist here; the server reads and checks them when it starts.
 */
public sealed interface TlsSettings {

    /**
     * @param certificates the certificate chain ({@code OPENTSS_TLS_CERT}), the server's own certificate first
     * @param key          its private key ({@code OPENTSS_TLS_KEY}), PKCS#8 or traditional, perhaps encrypted
     * @param keyPassword  the key's password ({@code OPENTSS_TLS_KEY_PASSWORD} or the file
     *                     {@code OPENTSS_TLS_KEY_PASSWORD_FILE}); empty for a key that is not encrypted
     */
    record Pem(Path certificates, Path key, Optional<String> keyPassword) implements TlsSettings {

        /** The password is left out so that the configuration can be logged. */
        @Override
        public String toString() {
            return "Pem[certificates=" + certificates + ", key=" + key
                    + ", keyPassword=" + (keyPassword.isPresent() ? "***" : "(none)") + "]";
        }
    }

    /**
     * @param file     the key store ({@code OPENTSS_TLS_PKCS12}) with one private key and its certificate chain
     * @param password its password ({@code OPENTSS_TLS_PKCS12_PASSWORD} or the file
     *                 {@code OPENTSS_TLS_PKCS12_PASSWORD_FILE}), for the store and the key alike
     */
    record Pkcs12(Path file, String password) implements TlsSettings {

        /** The password is left out so that the configuration can be logged. */
        @Override
        public String toString() {
            return "Pkcs12[file=" + file + ", password=***]";
        }
    }
}
