package org.opentss.verify;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies a receipt QR code on its own (tse-formats.md §11.3, Q1–Q8): rebuilds the Finish log's
 * signed bytes from the fields (§7.3) and verifies field 11 with the key of field 12 on each curve
 * that key may lie on. With a TAR export, Q9 also checks that the export holds the Finish log the
 * QR code was made from, and its Start log.
 */
public final class QrCodeVerifier {

    private static final String VERSION = "V0";
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,20}");

    private QrCodeVerifier() {
    }

    /** A logTime encoding to try, and the warning to report if it is the one that verifies. */
    private record TimeCandidate(byte[] tlv, Finding warningIfUsed) {
    }

    public static QrVerificationResult verify(String qr) {
        List<Finding> findings = new ArrayList<>();
        ReceiptQrCode code;
        try {
            code = ReceiptQrCode.parse(qr);
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error("Q1", e.getMessage()));
            return new QrVerificationResult(Optional.empty(), Optional.empty(), findings);
        }
        Optional<EcCurve> curve = verify(code, findings);
        return new QrVerificationResult(Optional.of(code), curve, findings);
    }

    /**
     * Q1–Q8, and Q9 against the TAR export in file {@code exportTar}: the archive holds a Finish log
     * with this serial and counter (field 6) whose DTBS is the one rebuilt from the QR code and whose
     * signatureValue is field 11, and a Start log of the same transaction whose logTime is field 7.
     *
     * @throws IOException if the file cannot be read
     */
    public static QrVerificationResult verify(String qr, Path exportTar) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(exportTar), 1 << 16)) {
            return verify(qr, in);
        }
    }

    /** {@link #verify(String, Path)} with the archive read from a stream (read to its end, not closed). */
    public static QrVerificationResult verify(String qr, InputStream exportTar) throws IOException {
        QrVerificationResult alone = verify(qr);
        if (alone.qrCode().isEmpty()) {
            return alone;
        }
        ReceiptQrCode code = alone.qrCode().get();
        List<Finding> findings = new ArrayList<>(alone.findings());
        crossCheck(code, exportTar, findings);
        return new QrVerificationResult(alone.qrCode(), alone.curve(), findings);
    }

    /** Q9: the QR code against the logs of an export, read as a stream; only the two matching logs are kept. */
    private static void crossCheck(ReceiptQrCode code, InputStream exportTar, List<Finding> findings)
            throws IOException {
        byte[] point;
        try {
            point = EcPublicKey.ofPoint(decodePoint(code.publicKey())).point();
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error("Q9", "not checked against the export: field 12 is no usable public key"));
            return;
        }
        if (!DECIMAL.matcher(code.signatureCounter()).matches() || !DECIMAL.matcher(code.transactionNumber()).matches()) {
            findings.add(Finding.error("Q9", "not checked against the export: fields 5 and 6 are not decimal"));
            return;
        }
        byte[] serial = HashFunction.SHA_256.hash(point);
        String counter = code.signatureCounter();
        String number = code.transactionNumber();
        List<LogMessage> finishes = new ArrayList<>();
        List<LogMessage> starts = new ArrayList<>();
        TarReader reader = new TarReader(exportTar, new ExportFindings());
        TarReader.Entry entry;
        while ((entry = reader.next()) != null) {
            if (entry.data() == null || !entry.name().endsWith(".log")) {
                continue;
            }
            LogMessage log = LogMessageParser.parse(entry.data()).log().orElse(null);
            if (log == null || log.certifiedDataType() != CertifiedDataType.TRANSACTION
                    || !Arrays.equals(log.serialNumber(), serial)) {
                continue;
            }
            if (log.operationType().equals("FinishTransaction")
                    && Long.toString(log.signatureCounter()).equals(stripZeros(counter))) {
                finishes.add(log);
            } else if (log.operationType().equals("StartTransaction")
                    && Long.toString(log.transactionNumber()).equals(stripZeros(number))) {
                starts.add(log);
            }
        }
        if (reader.notATar()) {
            findings.add(Finding.error("Q9", "the export is not a TAR archive"));
            return;
        }
        String serialHex = HexFormat.of().formatHex(serial);
        if (finishes.isEmpty()) {
            findings.add(Finding.error("Q9", "the export has no Finish log with serial " + serialHex
                    + " and signature counter " + counter));
        } else {
            checkFinish(code, serial, finishes, findings);
        }
        if (starts.isEmpty()) {
            findings.add(Finding.error("Q9", "the export has no Start log of transaction " + number
                    + " with serial " + serialHex));
        } else {
            try {
                Instant start = QrCodeDtbs.parseTime(code.startTime());
                if (starts.stream().noneMatch(s -> s.logTime().instant().equals(start))) {
                    findings.add(Finding.error("Q9", "field 7 " + code.startTime()
                            + " is not the logTime of the Start log of transaction " + number + " ("
                            + starts.getFirst().logTime().instant() + ")"));
                }
            } catch (IllegalArgumentException e) {
                findings.add(Finding.error("Q9", "field 7: " + e.getMessage()));
            }
        }
    }

    private static void checkFinish(ReceiptQrCode code, byte[] serial, List<LogMessage> finishes,
            List<Finding> findings) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.forQrName(code.signatureAlgorithm()).orElse(null);
        List<byte[]> rebuilt = new ArrayList<>();
        try {
            Instant logTime = QrCodeDtbs.parseTime(code.logTime());
            for (String format : code.logTimeFormat().equals("utcTime")
                    ? List.of("utcTime", "utcTimeWithSeconds") : List.of(code.logTimeFormat())) {
                byte[] time = QrCodeDtbs.logTimeTlv(logTime, format);
                if (algorithm != null && time != null) {
                    rebuilt.add(QrCodeDtbs.build(code, serial, algorithm, time));
                }
            }
        } catch (IllegalArgumentException e) {
            // Q5 has reported it; no DTBS can be rebuilt
        }
        LogMessage match = finishes.stream()
                .filter(log -> rebuilt.stream().anyMatch(dtbs -> Arrays.equals(dtbs, log.dtbs())))
                .findFirst().orElse(null);
        if (match == null) {
            findings.add(Finding.error("Q9", "the signed bytes rebuilt from the QR code differ from those of the Finish "
                    + "log with signature counter " + code.signatureCounter() + " in the export"));
            match = finishes.getFirst();
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(code.signature());
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        if (!Arrays.equals(signature, match.signatureValue())) {
            findings.add(Finding.error("Q9", "field 11 is not the signatureValue of the Finish log with signature "
                    + "counter " + code.signatureCounter() + " in the export"));
        }
    }

    private static byte[] decodePoint(String field) {
        byte[] decoded = Base64.getDecoder().decode(field);
        if (decoded.length > 0 && decoded[0] == 0x30) {
            return EcPublicKey.ofSubjectPublicKeyInfo(decoded).point();
        }
        return decoded;
    }

    private static String stripZeros(String decimal) {
        String stripped = decimal.replaceFirst("^0+(?=.)", "");
        return stripped;
    }

    /** Runs Q1–Q8 on the split fields; returns the curve the signature verified on. */
    private static Optional<EcCurve> verify(ReceiptQrCode code, List<Finding> findings) {
        if (!code.version().equals(VERSION)) {
            findings.add(Finding.error("Q1", "field 1 is '" + code.version() + "', expected V0"));
            return Optional.empty();
        }
        for (String[] field : new String[][] {{"5", code.transactionNumber()}, {"6", code.signatureCounter()}}) {
            if (!DECIMAL.matcher(field[1]).matches()) {
                findings.add(Finding.error("Q1", "field " + field[0] + " '" + field[1] + "' is not a decimal number"));
                return Optional.empty();
            }
        }
        EcPublicKey key = publicKey(code.publicKey(), findings);
        if (key == null) {
            return Optional.empty();
        }
        SignatureAlgorithm algorithm = SignatureAlgorithm.forQrName(code.signatureAlgorithm()).orElse(null);
        if (algorithm == null) {
            findings.add(Finding.error("Q4", "unknown signature algorithm '" + code.signatureAlgorithm() + "'"));
            return Optional.empty();
        }
        if (!algorithm.isEcdsa()) {
            findings.add(Finding.warning("Q4", "signature not checked: " + algorithm.qrName() + " is not implemented"));
            return Optional.empty();
        }
        List<TimeCandidate> times = logTimeCandidates(code, findings);
        if (times.isEmpty()) {
            return Optional.empty();
        }
        checkStartNotAfterFinish(code, findings);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(code.signature());
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error("Q7", "field 11 is not Base64: " + e.getMessage()));
            return Optional.empty();
        }
        return verifySignature(code, key, algorithm, times, signature, findings);
    }

    /** Q2: field 12 is Base64 of an uncompressed point, or, non-standard, of a SubjectPublicKeyInfo. */
    private static EcPublicKey publicKey(String field, List<Finding> findings) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(field);
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error("Q2", "field 12 is not Base64: " + e.getMessage()));
            return null;
        }
        try {
            if (decoded.length > 0 && decoded[0] == 0x30) {
                EcPublicKey key = EcPublicKey.ofSubjectPublicKeyInfo(decoded);
                findings.add(Finding.warning("Q2", "field 12 is a SubjectPublicKeyInfo, not the bare point 04‖X‖Y"));
                return key;
            }
            return EcPublicKey.ofPoint(decoded);
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error("Q2", "field 12: " + e.getMessage()));
            return null;
        }
    }

    /** Q5: field 8 as the logTime element that field 10 names. */
    private static List<TimeCandidate> logTimeCandidates(ReceiptQrCode code, List<Finding> findings) {
        Instant logTime;
        try {
            logTime = QrCodeDtbs.parseTime(code.logTime());
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error("Q5", "field 8: " + e.getMessage()));
            return List.of();
        }
        String format = code.logTimeFormat();
        if (format.equals("unixTime") && logTime.getNano() != 0) {
            findings.add(Finding.error("Q5", "field 8 '" + code.logTime() + "' has milliseconds, which unixTime cannot carry"));
            return List.of();
        }
        byte[] tlv = QrCodeDtbs.logTimeTlv(logTime, format);
        if (tlv == null) {
            findings.add(Finding.error("Q5", "unknown log-time-format '" + format + "' in field 10"));
            return List.of();
        }
        List<TimeCandidate> candidates = new ArrayList<>();
        candidates.add(new TimeCandidate(tlv, null));
        if (format.equals("utcTime")) {
            // Some TSEs print utcTime for a UTCTime that has seconds (§11.3 Q5).
            candidates.add(new TimeCandidate(QrCodeDtbs.logTimeTlv(logTime, "utcTimeWithSeconds"), Finding.warning("Q5",
                    "field 10 says utcTime, but the signed time has seconds (utcTimeWithSeconds)")));
        }
        return candidates;
    }

    /** Q8: the transaction cannot end before it started. */
    private static void checkStartNotAfterFinish(ReceiptQrCode code, List<Finding> findings) {
        try {
            Instant start = QrCodeDtbs.parseTime(code.startTime());
            if (start.isAfter(QrCodeDtbs.parseTime(code.logTime()))) {
                findings.add(Finding.warning("Q8", "start time " + code.startTime() + " is after the log time "
                        + code.logTime()));
            }
        } catch (IllegalArgumentException e) {
            findings.add(Finding.warning("Q8", "field 7: " + e.getMessage()));
        }
    }

    /** Q6, Q7: rebuild the DTBS for each logTime candidate and verify on each candidate curve. */
    private static Optional<EcCurve> verifySignature(ReceiptQrCode code, EcPublicKey key, SignatureAlgorithm algorithm,
            List<TimeCandidate> times, byte[] signature, List<Finding> findings) {
        PlainEcdsaVerifier.Outcome outcome = null;
        for (TimeCandidate time : times) {
            byte[] dtbs = QrCodeDtbs.build(code, key.serialNumber(), algorithm, time.tlv());
            outcome = PlainEcdsaVerifier.verify(key, algorithm.hash(), dtbs, signature);
            if (outcome instanceof PlainEcdsaVerifier.Verified verified) {
                if (time.warningIfUsed() != null) {
                    findings.add(time.warningIfUsed());
                }
                return Optional.of(verified.curve());
            }
        }
        findings.add(switch (outcome) {
            case PlainEcdsaVerifier.WrongLength wrong -> Finding.error("Q7", "field 11 has " + signature.length
                    + " bytes; plain r‖s on " + key.candidateCurves() + " has " + wrong.expectedLength());
            case PlainEcdsaVerifier.NotOnCurve notOnCurve -> Finding.error("Q2",
                    "field 12 is not a point on " + key.candidateCurves());
            case PlainEcdsaVerifier.OutOfRange outOfRange -> Finding.error("Q7", "r or s of field 11 is outside [1, n−1]");
            case PlainEcdsaVerifier.Invalid invalid -> Finding.error("Q7", "QR SIGNATURE INVALID: field 11 does not verify "
                    + "over the Finish log rebuilt from the QR code, with field 12's key on " + key.candidateCurves());
            case PlainEcdsaVerifier.Verified verified -> throw new IllegalStateException("handled above");
        });
        return Optional.empty();
    }
}
