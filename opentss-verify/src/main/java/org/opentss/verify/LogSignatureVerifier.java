package org.opentss.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a parsed log message against a TSS public key (tse-formats.md §11.2 E1–E5, and C11 against
 * the key's curve): the serialNumber is SHA-256 of the key, and the plain r‖s signature verifies
 * over the stored DTBS. An empty list means the signature is good.
 */
public final class LogSignatureVerifier {

    private LogSignatureVerifier() {
    }

    /**
     * Verifies with a bare uncompressed point {@code 04‖X‖Y}. A 65-byte point is tried on P-256 and
     * brainpoolP256r1, a 97-byte point on P-384 and brainpoolP384r1.
     */
    public static List<Finding> verify(LogMessage log, byte[] publicPoint) {
        EcPublicKey key;
        try {
            key = EcPublicKey.ofPoint(publicPoint);
        } catch (IllegalArgumentException e) {
            return List.of(Finding.error("B2", "public key: " + e.getMessage()));
        }
        return verify(log, key);
    }

    /** Verifies with the subject key of a DER X.509 certificate, on the curve the certificate names. */
    public static List<Finding> verifyWithCertificate(LogMessage log, byte[] certificate) {
        EcPublicKey key;
        try {
            key = EcPublicKey.ofCertificate(certificate);
        } catch (IllegalArgumentException e) {
            return List.of(Finding.error("B2", "certificate: " + e.getMessage()));
        }
        return verify(log, key);
    }

    public static List<Finding> verify(LogMessage log, EcPublicKey key) {
        List<Finding> findings = new ArrayList<>();
        byte[] keySerial = key.serialNumber();
        if (!Arrays.equals(keySerial, log.serialNumber())) {
            findings.add(Finding.error("E1", "serialNumber " + log.serialNumberHex()
                    + " is not SHA-256 of this public key (" + HexFormat.of().formatHex(keySerial) + ")"));
        }
        SignatureAlgorithm algorithm = log.signatureAlgorithm().orElse(null);
        if (algorithm == null) {
            findings.add(Finding.error("E2", "signature not checked: unknown algorithm " + log.signatureAlgorithmOid()));
            return findings;
        }
        if (!algorithm.isEcdsa()) {
            findings.add(Finding.warning("E2", "signature not checked: " + algorithm.qrName() + " is not implemented"));
            return findings;
        }
        if (algorithm.hash() == HashFunction.SHA_224 || algorithm.hash() == HashFunction.SHA3_224) {
            findings.add(Finding.warning("E2", algorithm.qrName() + " hashes below the 256-bit minimum of TR-03116-5"));
        }
        switch (PlainEcdsaVerifier.verify(key, algorithm.hash(), log.dtbs(), log.signatureValue())) {
            case PlainEcdsaVerifier.Verified verified -> { }
            case PlainEcdsaVerifier.WrongLength wrong -> findings.add(Finding.error("C11", "signatureValue has "
                    + log.signatureValue().length + " bytes; plain r‖s on " + key.candidateCurves() + " has "
                    + wrong.expectedLength()));
            case PlainEcdsaVerifier.NotOnCurve notOnCurve -> findings.add(Finding.error("B2",
                    "the public key is not a point on " + key.candidateCurves()));
            case PlainEcdsaVerifier.OutOfRange outOfRange -> findings.add(Finding.error("E3",
                    "r or s of the signatureValue is outside [1, n−1]"));
            case PlainEcdsaVerifier.Invalid invalid -> findings.add(Finding.error("E5", "SIGNATURE INVALID: "
                    + algorithm.qrName() + " over the " + log.dtbsLength() + " signed bytes does not verify on "
                    + key.candidateCurves()));
        }
        return findings;
    }
}
