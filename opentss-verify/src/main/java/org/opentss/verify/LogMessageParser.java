package org.opentss.verify;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a version-2 log message (tse-formats.md §1) with strict DER and applies checks C1–C13 of
 * §11.2. Structural errors that leave nothing sensible to read (a broken outer TLV, a missing
 * element, an unknown log type) end the reading with an empty {@link LogVerificationResult#log()};
 * every other finding is reported alongside the parsed {@link LogMessage}.
 *
 * <p>Parsing does not verify the signature; {@link LogSignatureVerifier} does, given a key.
 */
public final class LogMessageParser {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int PROCESS_DATA_INDEFINITE = 0xA2;

    private static final int SUPPORTED_VERSION = 2;
    private static final int SERIAL_NUMBER_LENGTH = 32;
    /** Counters and transaction numbers are unsigned 32-bit (§4.1, §4.2). */
    private static final BigInteger MAX_COUNTER = BigInteger.valueOf(4_294_967_295L);
    private static final Set<String> TRANSACTION_OPERATIONS =
            Set.of("StartTransaction", "UpdateTransaction", "FinishTransaction");
    /** X.680 §41.4: the PrintableString characters (tse-formats.md §1.4). */
    private static final String PRINTABLE_PUNCTUATION = " '()+,-./:=?";

    private LogMessageParser() {
    }

    /** Parses with the {@link Profile#GENERIC} profile: a log of any TSE. */
    public static LogVerificationResult parse(byte[] logMessage) {
        return parse(logMessage, Profile.GENERIC);
    }

    /** Parses, reporting deviations from OpenTSS's own format choices as the profile says. */
    public static LogVerificationResult parse(byte[] logMessage, Profile profile) {
        Reading reading = new Reading(logMessage.clone(), profile);
        try {
            return new LogVerificationResult(Optional.of(reading.logMessage()), reading.findings);
        } catch (Unreadable e) {
            return new LogVerificationResult(Optional.empty(), reading.findings);
        }
    }

    /** Thrown after recording the ERROR finding that makes the rest of the log unreadable. */
    private static final class Unreadable extends Exception {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    /** The state of reading one log message. */
    private static final class Reading {
        private final byte[] bytes;
        private final Profile profile;
        private final List<Finding> findings = new ArrayList<>();
        private final LogMessage.Builder log = new LogMessage.Builder();

        Reading(byte[] bytes, Profile profile) {
            this.bytes = bytes;
            this.profile = profile;
            log.encoded = bytes;
        }

        LogMessage logMessage() throws Unreadable {
            DerReader file = new DerReader(bytes);
            Tlv outer = next(file, "C1", "log message");
            if (outer.tag() != SEQUENCE) {
                throw unreadable("C1", String.format("the file starts with tag %02X, not a SEQUENCE (30)", outer.tag()));
            }
            if (file.hasMore()) {
                error("C1", (bytes.length - outer.end()) + " trailing bytes after the log message");
            }
            DerReader body = file.contentOf(outer);
            log.dtbsOffset = outer.contentOffset();
            readVersion(body);
            switch (readCertifiedDataType(body)) {
                case TRANSACTION -> readTransactionData(body);
                case SYSTEM -> readSystemData(body);
                case AUDIT -> { } // an audit log has no certifiedData (§1.7)
            }
            if (body.hasMore() && isContextSpecific(body)) {
                Tlv extra = next(body, "C4", "certifiedData element");
                throw unreadable("C4", String.format("unexpected certifiedData element %02X at offset %d for a %s log",
                        extra.tag(), extra.offset(), log.certifiedDataType));
            }
            readSerialNumber(body);
            readSignatureAlgorithm(body);
            readCounterTimeAndSignature(body);
            return log.build();
        }

        private void readVersion(DerReader body) throws Unreadable {
            Tlv version = expect(body, INTEGER, "C2", "version");
            if (!DerReader.isMinimalInteger(version.value()) || version.value().length > 4) {
                throw unreadable("C2", "version is not a small minimal INTEGER: " + hex(version.value()));
            }
            log.version = new BigInteger(version.value()).intValueExact();
            if (log.version == 3) {
                error("C2", "unsupported format version 3 (TR-03151-1); only version 2 is read");
            } else if (log.version != SUPPORTED_VERSION) {
                error("C2", "version is " + log.version + ", expected 2");
            }
        }

        private CertifiedDataType readCertifiedDataType(DerReader body) throws Unreadable {
            Tlv oid = expect(body, OBJECT_IDENTIFIER, "C3", "certifiedDataType");
            log.certifiedDataType = CertifiedDataType.forOidContent(oid.value())
                    .orElseThrow(() -> unreadable("C3", "unknown certifiedDataType OID " + describeOid(oid.value())));
            return log.certifiedDataType;
        }

        /** {@code 80 81 (82|A2) [83] [84] 85 [86]} (§1.5.1). */
        private void readTransactionData(DerReader body) throws Unreadable {
            log.operationType = printableString(expect(body, 0x80, "C4", "operationType"), "operationType");
            if (!TRANSACTION_OPERATIONS.contains(log.operationType)) {
                error("C12", "operationType '" + log.operationType
                        + "' is not StartTransaction, UpdateTransaction or FinishTransaction");
            }
            log.clientId = printableString(expect(body, 0x81, "C4", "clientId"), "clientId");
            readProcessData(body);
            if (nextTagIs(body, 0x83)) {
                log.processType = printableString(next(body, "C1", "processType"), "processType");
            }
            if (nextTagIs(body, 0x84)) {
                log.additionalExternalData = next(body, "C1", "additionalExternalData").value();
            }
            log.transactionNumber = counter(expect(body, 0x85, "C4", "transactionNumber"), "transactionNumber");
            if (nextTagIs(body, 0x86)) {
                log.additionalInternalData = next(body, "C1", "additionalInternalData").value();
            }
        }

        private void readProcessData(DerReader body) throws Unreadable {
            if (nextTagIs(body, PROCESS_DATA_INDEFINITE)) {
                try {
                    log.processData = body.readIndefiniteOctetString().value();
                    log.processDataIndefinite = true;
                } catch (DerFormatException e) {
                    throw unreadable("C5", "processData: " + e.getMessage());
                }
            } else {
                log.processData = expect(body, 0x82, "C4", "processData (82 or A2)").value();
            }
        }

        /** {@code 80 81 [82]} (§1.6). */
        private void readSystemData(DerReader body) throws Unreadable {
            log.operationType = printableString(expect(body, 0x80, "C4", "operationType"), "operationType");
            log.systemOperationData = expect(body, 0x81, "C4", "systemOperationData").value();
            checkSystemOperationData(log.systemOperationData);
            if (nextTagIs(body, 0x82)) {
                log.additionalInternalData = next(body, "C1", "additionalInternalData").value();
            }
        }

        /** C13: the content is a concatenation of context-specific TLVs without universal tags (§1.6). */
        private void checkSystemOperationData(byte[] content) {
            try {
                for (Tlv element : new DerReader(content).readAll()) {
                    if (!element.isContextSpecific()) {
                        findings.add(Finding.warning("C13", String.format(
                                "systemOperationData element at offset %d has tag %02X, not a context-specific tag",
                                element.offset(), element.tag())));
                    }
                }
            } catch (DerFormatException e) {
                findings.add(Finding.warning("C13",
                        "systemOperationData is not a sequence of context-specific TLVs: " + e.getMessage()));
            }
        }

        private void readSerialNumber(DerReader body) throws Unreadable {
            log.serialNumber = expect(body, OCTET_STRING, "C6", "serialNumber").value();
            if (log.serialNumber.length != SERIAL_NUMBER_LENGTH) {
                error("C6", "serialNumber has " + log.serialNumber.length + " bytes, expected 32 (SHA-256 of the key)");
            }
        }

        private void readSignatureAlgorithm(DerReader body) throws Unreadable {
            Tlv algorithmIdentifier = expect(body, SEQUENCE, "C7", "signatureAlgorithm");
            DerReader inner = body.contentOf(algorithmIdentifier);
            byte[] oid = expect(inner, OBJECT_IDENTIFIER, "C7", "signatureAlgorithm OID").value();
            log.signatureAlgorithmOid = describeOid(oid);
            log.signatureAlgorithm = SignatureAlgorithm.forOidContent(oid).orElse(null);
            if (log.signatureAlgorithm == null) {
                error("C7", "unknown signature algorithm OID " + log.signatureAlgorithmOid);
            }
            if (inner.hasMore()) {
                Tlv parameters = next(inner, "C1", "signatureAlgorithm parameters");
                findings.add(profile.deviation("C7", "signatureAlgorithm has parameters "
                        + hex(parameters.encoding(bytes)) + "; TR-03153-1 §9.6 and OpenTSS write none"));
                if (inner.hasMore()) {
                    error("C7", "signatureAlgorithm has elements after its parameters");
                }
            }
        }

        /** {@code [seAuditData] signatureCounter logTime signatureValue}: told apart from the end. */
        private void readCounterTimeAndSignature(DerReader body) throws Unreadable {
            List<Tlv> rest = new ArrayList<>();
            while (body.hasMore()) {
                rest.add(next(body, "C1", "element"));
            }
            if (rest.isEmpty() || rest.getLast().tag() != OCTET_STRING) {
                throw unreadable("C11", "signatureValue (OCTET STRING 04) missing at the end of the log message");
            }
            Tlv signature = rest.removeLast();
            if (rest.isEmpty()) {
                throw unreadable("C10", "logTime missing before signatureValue");
            }
            Tlv time = rest.removeLast();
            int index = 0;
            if (index < rest.size() && rest.get(index).tag() == OCTET_STRING) {
                log.seAuditData = rest.get(index++).value();
            }
            if (index < rest.size() && rest.get(index).tag() == INTEGER) {
                log.signatureCounter = counter(rest.get(index++), "signatureCounter");
            } else {
                throw unreadable("C9", "signatureCounter missing (TR-03151 Table 3: it must always be present)");
            }
            if (index < rest.size()) {
                Tlv extra = rest.get(index);
                throw unreadable("C1", String.format("unexpected element %02X at offset %d before logTime",
                        extra.tag(), extra.offset()));
            }
            checkSeAuditDataPresence();
            readLogTime(time);
            log.dtbsEnd = signature.offset();
            log.signatureValue = signature.value();
            checkSignatureLength(log.signatureValue);
        }

        /** C8: seAuditData is there exactly in audit logs (§1.1). */
        private void checkSeAuditDataPresence() {
            boolean audit = log.certifiedDataType == CertifiedDataType.AUDIT;
            if (audit && log.seAuditData == null) {
                error("C8", "audit log without seAuditData");
            } else if (!audit && log.seAuditData != null) {
                error("C8", "seAuditData in a " + log.certifiedDataType + " log");
            }
        }

        private void readLogTime(Tlv time) throws Unreadable {
            try {
                log.logTime = LogTime.decode(time.tag(), time.value());
            } catch (DerFormatException e) {
                throw unreadable("C10", e.getMessage());
            }
            if (log.logTime.kind() != LogTime.Kind.UNIX_TIME) {
                findings.add(profile.deviation("C10", "logTime is " + log.logTime.kind() + " '" + log.logTime.text()
                        + "'; OpenTSS writes unixTime"));
            }
        }

        /**
         * C11 without the key: the length must be twice the order length of some supported curve.
         * {@link LogSignatureVerifier} checks it against the key's curve.
         */
        private void checkSignatureLength(byte[] signature) {
            boolean plainLength = Arrays.stream(EcCurve.values())
                    .anyMatch(curve -> signature.length == 2 * curve.orderLength());
            if (!plainLength) {
                error("C11", "signatureValue has " + signature.length + " bytes, not plain r‖s of a supported curve"
                        + (looksLikeDerSignature(signature) ? "; it is a DER SEQUENCE { r, s }, which TSEs never use" : ""));
            }
        }

        private static boolean looksLikeDerSignature(byte[] signature) {
            try {
                DerReader outer = new DerReader(signature);
                Tlv sequence = outer.read();
                List<Tlv> integers = outer.contentOf(sequence).readAll();
                return sequence.tag() == SEQUENCE && !outer.hasMore() && integers.size() == 2
                        && integers.stream().allMatch(i -> i.tag() == INTEGER);
            } catch (DerFormatException e) {
                return false;
            }
        }

        /** C9: an unsigned 32-bit counter from 1, minimally encoded. */
        private long counter(Tlv tlv, String element) throws Unreadable {
            byte[] content = tlv.value();
            if (content.length == 0 || content.length > 8) {
                throw unreadable("C9", element + " has " + content.length + " content bytes");
            }
            if (!DerReader.isMinimalInteger(content)) {
                error("C9", element + " is not a minimal INTEGER encoding: " + hex(content));
            }
            BigInteger value = new BigInteger(content);
            if (value.signum() <= 0 || value.compareTo(MAX_COUNTER) > 0) {
                error("C9", element + " " + value + " is outside 1 … 4294967295");
            }
            return value.longValue();
        }

        /** C12: the PrintableString character set (§1.4); a profile rule, since other TSEs stray from it. */
        private String printableString(Tlv tlv, String element) {
            String text = new String(tlv.value(), StandardCharsets.ISO_8859_1);
            String offending = text.chars().filter(c -> !isPrintable(c)).distinct()
                    .mapToObj(c -> String.format("%02X", c)).reduce((a, b) -> a + " " + b).orElse(null);
            if (offending != null) {
                findings.add(profile.deviation("C12", element + " '" + text
                        + "' contains bytes outside the PrintableString character set: " + offending));
            }
            return text;
        }

        private static boolean isPrintable(int c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || PRINTABLE_PUNCTUATION.indexOf(c) >= 0;
        }

        private static boolean isContextSpecific(DerReader reader) {
            try {
                return (reader.peekTag() & 0xC0) == 0x80;
            } catch (DerFormatException e) {
                return false;
            }
        }

        private static boolean nextTagIs(DerReader reader, int tag) {
            try {
                return reader.hasMore() && reader.peekTag() == tag;
            } catch (DerFormatException e) {
                return false;
            }
        }

        /** Reads the next element; malformed DER is a C1 error that ends the reading. */
        private Tlv next(DerReader reader, String checkIfMissing, String element) throws Unreadable {
            if (!reader.hasMore()) {
                throw unreadable(checkIfMissing, element + " missing");
            }
            try {
                return reader.read();
            } catch (DerFormatException e) {
                throw unreadable("C1", element + ": " + e.getMessage());
            }
        }

        private Tlv expect(DerReader reader, int tag, String check, String element) throws Unreadable {
            Tlv tlv = next(reader, check, element);
            if (tlv.tag() != tag) {
                throw unreadable(check, String.format("%s expected with tag %02X at offset %d, found tag %02X",
                        element, tag, tlv.offset(), tlv.tag()));
            }
            return tlv;
        }

        private void error(String check, String message) {
            findings.add(Finding.error(check, message));
        }

        private Unreadable unreadable(String check, String message) {
            error(check, message);
            return new Unreadable();
        }

        private static String describeOid(byte[] content) {
            try {
                return DerReader.objectIdentifier(content);
            } catch (DerFormatException e) {
                return "(malformed: " + hex(content) + ")";
            }
        }

        private static String hex(byte[] bytes) {
            return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
        }
    }
}
