package org.opentss.export;

import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.opentss.crypto.EcPoints;
import org.opentss.journal.SerialNumber;

/**
 * The export file name of a certificate (tse-formats.md §8.5): {@code <serial>_X509.der}, where the serial
 * is the lowercase hex SHA-256 of that certificate's own uncompressed public point — for the TSS
 * certificate the TSS serial number, for a CA certificate the hash of the CA's key.
 */
final class CertificateFileName {

    private CertificateFileName() {
    }

    static String of(X509Certificate certificate) {
        if (!(certificate.getPublicKey() instanceof ECPublicKey key)) {
            throw new IllegalArgumentException("certificate of " + certificate.getSubjectX500Principal()
                    + " has no EC public key the JDK can read");
        }
        return HexFormat.of().formatHex(SerialNumber.of(EcPoints.uncompressed(key))) + "_X509.der";
    }
}
