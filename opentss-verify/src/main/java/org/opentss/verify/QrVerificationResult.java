package org.opentss.verify;

import java.util.List;
import java.util.Optional;

/**
 * The result of verifying one receipt QR code.
 *
 * @param qrCode   the QR code split into its fields; empty when it does not have twelve fields
 * @param curve    the curve on which field 11 verified with field 12's key; empty if it did not
 * @param findings every finding, errors and warnings
 */
public record QrVerificationResult(Optional<ReceiptQrCode> qrCode, Optional<EcCurve> curve, List<Finding> findings)
        implements VerificationResult {

    public QrVerificationResult {
        findings = List.copyOf(findings);
    }
}
