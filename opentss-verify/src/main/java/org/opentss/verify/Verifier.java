package org.opentss.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point for checking what OpenTSS signed, independently of the code that signed it.
 *
 * <pre>{@code
 * LogVerificationResult result = Verifier.verifyLog(logBytes, publicPoint);
 * assertThat(result.isValid()).as(result.findings().toString()).isTrue();
 * LogMessage log = result.log().orElseThrow();
 * assertThat(log.signatureCounter()).isEqualTo(9);
 *
 * assertThat(Verifier.verifyQr(qrCodeData).isValid()).isTrue();
 * }</pre>
 *
 * <ul>
 *   <li>{@link #parseLog} reads a log message and applies the structural checks C1–C13 of
 *       tse-formats.md §11.2, without a key.</li>
 *   <li>{@link #verifyLog} and {@link #verifyLogWithCertificate} add the key checks E1–E5: the
 *       serialNumber is SHA-256 of the key and the plain r‖s signature verifies over the stored DTBS.</li>
 *   <li>{@link #verifyQr(String)} verifies a receipt QR code on its own (§11.3 Q1–Q8);
 *       {@link #verifyQr(String, Path)} also cross-checks it against a TAR export (Q9).</li>
 *   <li>{@link #verifyExport} verifies a whole TAR export (§11.2 A–G); see {@link ExportVerifier}.</li>
 * </ul>
 *
 * A result is valid when no finding is an {@link Severity#ERROR}; warnings do not invalidate it.
 * The two-argument methods apply the {@link Profile#GENERIC} profile (logs of any TSE); pass
 * {@link Profile#OPENTSS} to hold a log to OpenTSS's own format choices, as tests of the server should.
 */
public final class Verifier {

    private Verifier() {
    }

    /** Reads a log message and applies C1–C13; does not check the signature. */
    public static LogVerificationResult parseLog(byte[] logMessage, Profile profile) {
        return LogMessageParser.parse(logMessage, profile);
    }

    /** {@link #verifyLog(byte[], byte[], Profile)} with the {@link Profile#GENERIC} profile. */
    public static LogVerificationResult verifyLog(byte[] logMessage, byte[] publicPoint) {
        return verifyLog(logMessage, publicPoint, Profile.GENERIC);
    }

    /**
     * Reads a log message and verifies it with a TSS public key given as the uncompressed point
     * {@code 04‖X‖Y} (65 bytes: P-256 or brainpoolP256r1; 97 bytes: P-384 or brainpoolP384r1).
     */
    public static LogVerificationResult verifyLog(byte[] logMessage, byte[] publicPoint, Profile profile) {
        LogVerificationResult parsed = LogMessageParser.parse(logMessage, profile);
        return parsed.log()
                .map(log -> withFindings(parsed, LogSignatureVerifier.verify(log, publicPoint)))
                .orElse(parsed);
    }

    /** Reads a log message and verifies it with the subject key of a DER X.509 certificate. */
    public static LogVerificationResult verifyLogWithCertificate(byte[] logMessage, byte[] certificate, Profile profile) {
        LogVerificationResult parsed = LogMessageParser.parse(logMessage, profile);
        return parsed.log()
                .map(log -> withFindings(parsed, LogSignatureVerifier.verifyWithCertificate(log, certificate)))
                .orElse(parsed);
    }

    /** Verifies a receipt QR code string (§7) from its fields alone. */
    public static QrVerificationResult verifyQr(String qrCode) {
        return QrCodeVerifier.verify(qrCode);
    }

    /**
     * Verifies a receipt QR code (Q1–Q8) and cross-checks it against the TAR export in {@code exportTar} (Q9).
     *
     * @throws IOException if the file cannot be read
     */
    public static QrVerificationResult verifyQr(String qrCode, Path exportTar) throws IOException {
        return QrCodeVerifier.verify(qrCode, exportTar);
    }

    /** Verifies a TAR export (§11.2); {@link ExportVerifier#verify(InputStream, ExportVerifierOptions)}. */
    public static ExportVerificationResult verifyExport(InputStream tar, ExportVerifierOptions options) {
        return ExportVerifier.verify(tar, options);
    }

    /** Verifies the TAR export in a file (§11.2); {@link ExportVerifier#verify(Path, ExportVerifierOptions)}. */
    public static ExportVerificationResult verifyExport(Path tar, ExportVerifierOptions options) {
        return ExportVerifier.verify(tar, options);
    }

    private static LogVerificationResult withFindings(LogVerificationResult parsed, List<Finding> more) {
        List<Finding> findings = new ArrayList<>(parsed.findings());
        findings.addAll(more);
        return new LogVerificationResult(parsed.log(), findings);
    }
}
