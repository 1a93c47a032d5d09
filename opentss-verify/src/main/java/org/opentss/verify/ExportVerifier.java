package org.opentss.verify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies a TAR export (tse-formats.md §8, §11.2): the archive (A1–A7), the certificates (B1–B7),
 * every log message (C1–C13, D1–D6, E1–E5), the signature counters (F1–F4) and the transactions
 * (G1–G5).
 *
 * <pre>{@code
 * ExportVerificationResult result = ExportVerifier.verify(in, ExportVerifierOptions.defaults()
 *         .withExpectContiguous(true).withExpectFirstCounter(1));
 * System.out.print(result.report());
 * System.exit(result.exitCode());
 * }</pre>
 *
 * <p>The archive is read once, as a stream, with one entry in memory at a time. What the cross-log
 * checks need is kept per log as a few numbers (counter, time, name), per transaction as a small
 * summary, and the file names in a compact table; a 200 000-log export takes a few tens of MB of heap.
 * A log whose certificate comes later in the archive (never in OpenTSS's order) waits for it, in
 * memory up to {@value #DEFERRED_IN_MEMORY} bytes and in a temporary file beyond.
 */
public final class ExportVerifier {

    static final int DEFERRED_IN_MEMORY = 16 * 1024 * 1024;
    private static final long MAX_COUNTER = 0xFFFF_FFFFL;

    private static final Set<String> FINISH_PROCESS_TYPES = Set.of("Kassenbeleg-V1", "Bestellung-V1", "SonstigerVorgang");
    private static final String AMOUNT = "-?(?:0|[1-9][0-9]*)\\.[0-9]{2}";
    private static final Pattern KASSENBELEG = Pattern.compile(
            "(Beleg|AVTraining|AVTransfer|AVBestellung|AVBelegabbruch|AVSachbezug|AVRechnung|AVSonstige|AVBelegstorno)"
                    + "\\^(" + AMOUNT + "(?:_" + AMOUNT + "){4})\\^(.*)", Pattern.DOTALL);
    private static final Pattern PAYMENT = Pattern.compile("(" + AMOUNT + "):(Bar|Unbar)(?::([A-Z]{3}))?");

    private ExportVerifier() {
    }

    /**
     * Verifies a TAR export read from {@code tar}, which is read to its end but not closed. Malformed
     * content is reported as findings; an I/O error of the stream makes the result unreadable (exit code 2).
     */
    public static ExportVerificationResult verify(InputStream tar, ExportVerifierOptions options) {
        return new Run(options).execute(tar);
    }

    /** Verifies the TAR export in file {@code tar}; a file that cannot be opened is unreadable (exit code 2). */
    public static ExportVerificationResult verify(Path tar, ExportVerifierOptions options) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 1 << 16)) {
            return verify(in, options);
        } catch (IOException e) {
            Run run = new Run(options);
            run.findings.error(tar.toString(), "H", "input unreadable: " + e);
            return run.result(false, 0);
        }
    }

    /** A key's logs: per log its counter, time and name, in archive order; and its transactions. */
    private static final class KeyLogs {
        final String serialHex;
        long[] counters = new long[256];
        long[] times = new long[256];
        int[] names = new int[256];
        int size;
        final Map<Long, Transaction> transactions = new HashMap<>();

        KeyLogs(String serialHex) {
            this.serialHex = serialHex;
        }

        void add(long counter, long timeMillis, int name) {
            if (size == counters.length) {
                counters = Arrays.copyOf(counters, size * 2);
                times = Arrays.copyOf(times, size * 2);
                names = Arrays.copyOf(names, size * 2);
            }
            counters[size] = counter;
            times[size] = timeMillis;
            names[size] = name;
            size++;
        }
    }

    /** What G1–G4 need of one transaction. */
    private static final class Transaction {
        final long number;
        String clientId;
        int clientName;
        int starts;
        int finishes;
        long startCounter = -1;
        long finishCounter = -1;
        long startTime;
        long finishTime;
        int startName = -1;
        int finishName = -1;
        long minCounter = Long.MAX_VALUE;
        long maxCounter = Long.MIN_VALUE;
        int minName;
        int maxName;

        Transaction(long number) {
            this.number = number;
        }
    }

    /** Logs that wait for a certificate later in the archive; spilled to a temporary file when large. */
    private static final class DeferredLogs implements AutoCloseable {
        private final List<Object[]> inMemory = new ArrayList<>();
        private long bytesInMemory;
        private Path file;
        private DataOutputStream out;
        private int spilled;

        void add(int name, byte[] log) throws IOException {
            if (bytesInMemory + log.length <= DEFERRED_IN_MEMORY) {
                inMemory.add(new Object[] {name, log});
                bytesInMemory += log.length;
                return;
            }
            if (out == null) {
                file = Files.createTempFile("opentss-verify-", ".deferred");
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            }
            out.writeInt(name);
            out.writeInt(log.length);
            out.write(log);
            spilled++;
        }

        interface Consumer {
            void accept(int name, byte[] log);
        }

        void forEach(Consumer consumer) throws IOException {
            for (Object[] pair : inMemory) {
                consumer.accept((Integer) pair[0], (byte[]) pair[1]);
            }
            if (out == null) {
                return;
            }
            out.close();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (int i = 0; i < spilled; i++) {
                    int name = in.readInt();
                    byte[] log = new byte[in.readInt()];
                    in.readFully(log);
                    consumer.accept(name, log);
                }
            } catch (EOFException e) {
                throw new IOException("temporary file truncated", e);
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
                Files.deleteIfExists(file);
            }
        }
    }

    /** One verification: the state carried from entry to entry. */
    private static final class Run {
        final ExportVerifierOptions options;
        final ExportFindings findings = new ExportFindings();
        final NameTable names = new NameTable();
        Profile profile;
        int infoCount;
        Optional<InfoCsv> info = Optional.empty();
        final List<ExportCertificate> certificates = new ArrayList<>();
        final Map<String, ExportCertificate> certificatesBySerial = new HashMap<>();
        int certificateFiles;
        final Map<String, KeyLogs> keys = new LinkedHashMap<>();
        final Set<ExportCertificate> usedCertificates = new LinkedHashSet<>();
        final DeferredLogs deferred = new DeferredLogs();
        long logCount;
        /** 0 = nothing yet, 1 = info.csv, 2 = certificates, 3 = logs. */
        int stage;
        long lastLogCounter = Long.MIN_VALUE;
        String lastLogName;

        Run(ExportVerifierOptions options) {
            this.options = options;
            this.profile = options.profile().orElse(null);
        }

        ExportVerificationResult execute(InputStream in) {
            TarReader reader = new TarReader(in, findings);
            try (deferred) {
                TarReader.Entry entry;
                while ((entry = reader.next()) != null) {
                    entry(entry);
                }
                if (reader.notATar()) {
                    return result(false, reader.position());
                }
                deferred.forEach(this::verifyDeferred);
            } catch (IOException | UncheckedIOException e) {
                findings.error(Finding.ARCHIVE, "H", "input unreadable: " + e);
                return result(false, reader.position());
            }
            finish();
            return result(true, reader.position());
        }

        // ---------------------------------------------------------------- entries

        void entry(TarReader.Entry entry) throws IOException {
            String name = entry.name();
            int number = names.add(name);
            if (number < 0) {
                findings.error(name, "A3", "a second entry with the same name");
                number = -1 - number;
            }
            if (name.isEmpty()) {
                findings.error(name, "A3", "empty file name");
                return;
            }
            if (name.indexOf('/') >= 0) {
                findings.error(name, "A3", "the name contains '/'; an export is flat");
            }
            if (entry.data() == null) {
                findings.error(name, "A6", "an entry of " + entry.size() + " bytes is no log, certificate or info.csv");
                return;
            }
            if (name.equals(ExportFileNames.INFO_CSV)) {
                info(entry);
            } else if (ExportFileNames.CERTIFICATE.matcher(name).matches()) {
                certificate(entry, name);
            } else {
                ExportFileNames.LogName logName = ExportFileNames.parseLog(name);
                if (logName == null) {
                    findings.error(name, "A6", "unexpected file: neither info.csv, a certificate nor a log file name");
                } else {
                    log(entry, logName, number);
                }
            }
        }

        void info(TarReader.Entry entry) {
            infoCount++;
            if (entry.index() != 0) {
                findings.aggregate("A5 order info", entry.name(), "A5", true, "info.csv is not the first entry");
            }
            stage = Math.max(stage, 1);
            if (infoCount > 1) {
                findings.error(entry.name(), "A7", "a second info.csv");
                return;
            }
            InfoCsv.Reading reading = InfoCsv.read(entry.data());
            reading.errors().forEach(e -> findings.error(entry.name(), "A7", e));
            reading.deviations().forEach(d -> findings.deviation(entry.name(), "A7", d));
            info = reading.info();
            if (profile == null) {
                profile = info.filter(InfoCsv::isOpenTss).isPresent() ? Profile.OPENTSS : Profile.GENERIC;
            }
        }

        void certificate(TarReader.Entry entry, String name) {
            certificateFiles++;
            if (stage == 3) {
                findings.aggregate("A5 order certificate", name, "A5", true,
                        "certificate after a log file; certificates precede the logs");
            }
            stage = Math.max(stage, 2);
            Matcher m = ExportFileNames.CERTIFICATE.matcher(name);
            m.matches();
            if (m.group(2).equals("CVC")) {
                findings.warning(name, "B1", "CVC certificates are not checked");
                return;
            }
            ExportCertificate certificate;
            try {
                certificate = ExportCertificate.read(name, entry.index(), entry.data());
            } catch (IllegalArgumentException e) {
                findings.error(name, "B1", "cannot read the certificate: " + e.getMessage());
                return;
            }
            if (certificate.pem) {
                findings.deviation(name, "B1", "PEM certificate; OpenTSS writes DER");
            }
            if (!m.group(1).equals(m.group(1).toLowerCase(java.util.Locale.ROOT))
                    || !m.group(3).equals("der")) {
                findings.deviation(name, "B1", "the name is not '<lowercase hex>_X509.der'");
            }
            Optional<String> keyProblem = certificate.readKey();
            if (keyProblem.isPresent()) {
                findings.error(name, "B2", "the subject key is not an EC key on a supported named curve: "
                        + keyProblem.get());
                return;
            }
            if (!certificate.serialHex.equalsIgnoreCase(m.group(1))) {
                findings.error(name, "B3", "SHA-256 of the certificate's public point is " + certificate.serialHex
                        + ", not the hex of the file name");
            }
            certificates.add(certificate);
            certificatesBySerial.putIfAbsent(certificate.serialHex, certificate);
        }

        void log(TarReader.Entry entry, ExportFileNames.LogName logName, int nameNumber) throws IOException {
            logCount++;
            String name = entry.name();
            stage = 3;
            LogVerificationResult parsed;
            if (profile != null) {
                parsed = LogMessageParser.parse(entry.data(), profile);
                findings.addAll(name, parsed.findings());
            } else {
                parsed = LogMessageParser.parse(entry.data(), Profile.GENERIC);
                findings.addBoth(name, parsed.findings(),
                        LogMessageParser.parse(entry.data(), Profile.OPENTSS).findings());
            }
            if (parsed.log().isEmpty()) {
                return;
            }
            LogMessage log = parsed.log().get();
            long counter = log.signatureCounter();
            if (counter < lastLogCounter) {
                findings.aggregate("A5 order log", name, "A5", true, "log with signature counter " + counter
                        + " after " + lastLogName + "; logs are in ascending counter order");
            } else {
                lastLogCounter = counter;
                lastLogName = name;
            }
            fileName(name, logName, log);
            KeyLogs key = keys.computeIfAbsent(log.serialNumberHex(), KeyLogs::new);
            if (counter >= 1 && counter <= MAX_COUNTER) { // else a C9 error, and no place in F1–F4
                key.add(counter, log.logTime().instant().toEpochMilli(), nameNumber);
            }
            if (log.certifiedDataType() == CertifiedDataType.TRANSACTION) {
                transaction(name, nameNumber, log, key);
            }
            ExportCertificate certificate = certificatesBySerial.get(log.serialNumberHex());
            if (certificate != null) {
                signature(name, log, certificate);
            } else {
                deferred.add(nameNumber, entry.data());
            }
        }

        /** D1–D6: the file name against the content. */
        void fileName(String name, ExportFileNames.LogName n, LogMessage log) {
            LogTime time = log.logTime();
            String expectedFormat = switch (time.kind()) {
                case UNIX_TIME -> "Unixt";
                case UTC_TIME -> "Utc";
                case GENERALIZED_TIME -> "Gent";
            };
            if (!n.format().equals(expectedFormat)) {
                findings.error(name, "D1", "DATE-FORMAT " + n.format() + " does not match the logTime type "
                        + time.kind() + " (" + expectedFormat + ")");
            } else if (!n.date().equals(time.text())) {
                findings.error(name, "D1", "DATE " + n.date() + " is not the logTime " + time.text());
            }
            if (!n.sig().equals(Long.toString(log.signatureCounter()))) {
                findings.error(name, "D2", "Sig-" + n.sig() + " is not the signatureCounter " + log.signatureCounter());
            }
            if (n.type() != log.certifiedDataType()) {
                findings.error(name, "D3", "the name says a " + n.type() + " log, the content is a "
                        + log.certifiedDataType() + " log");
                return;
            }
            switch (log.certifiedDataType()) {
                case TRANSACTION -> {
                    if (!n.number().equals(Long.toString(log.transactionNumber()))) {
                        findings.error(name, "D4", "No-" + n.number() + " is not the transactionNumber "
                                + log.transactionNumber());
                    }
                    if (!(n.phase() + "Transaction").equals(log.operationType())) {
                        findings.error(name, "D4", n.phase() + " does not match the operationType "
                                + log.operationType());
                    }
                    if (!n.clientId().equals(log.clientId())) {
                        findings.error(name, "D4", "Client-" + n.clientId() + " is not the clientId '"
                                + log.clientId() + "'");
                    }
                }
                case SYSTEM -> {
                    if (!n.systemType().equals(log.operationType())) {
                        findings.error(name, "D5", "TYPE " + n.systemType() + " is not the operationType "
                                + log.operationType());
                    }
                }
                case AUDIT -> { }
            }
            if (n.fileCounter() != null) {
                long fc = Long.parseLong(n.fileCounter());
                boolean preceded = names.contains(n.withoutFileCounter());
                String base = n.withoutFileCounter().substring(0, n.withoutFileCounter().length() - ".log".length());
                for (long i = 1; i < fc && preceded && i < 1000; i++) {
                    preceded = names.contains(base + "_Fc-" + i + ".log");
                }
                if (!preceded) {
                    findings.warning(name, "D6", "_Fc-" + fc + " without " + fc
                            + " preceding files of the same name");
                }
            }
        }

        /** G1 as the logs arrive, G5, and the summary for G2–G4. */
        void transaction(String name, int nameNumber, LogMessage log, KeyLogs key) {
            long number = log.transactionNumber();
            Transaction t = key.transactions.computeIfAbsent(number, Transaction::new);
            String operation = log.operationType();
            long counter = log.signatureCounter();
            long time = log.logTime().instant().toEpochMilli();
            if (t.clientId == null) {
                t.clientId = log.clientId();
                t.clientName = nameNumber;
            } else if (!t.clientId.equals(log.clientId())) {
                // SIGN DE lets a later revision name another client (sign-de-v2.md §8.1), and each log records
                // its own revision's client: unusual, so reported, but not invalid
                findings.warning(name, "G1", "clientId '" + log.clientId() + "' differs from '" + t.clientId
                        + "' in " + names.get(t.clientName) + " of the same transaction " + number);
            }
            if (operation.equals("StartTransaction")) {
                if (t.starts++ > 0) {
                    findings.error(name, "G1", "a second Start log of transaction " + number + " (first: "
                            + names.get(t.startName) + ")");
                } else {
                    t.startCounter = counter;
                    t.startTime = time;
                    t.startName = nameNumber;
                }
            } else if (operation.equals("FinishTransaction")) {
                if (t.finishes++ > 0) {
                    findings.error(name, "G1", "a second Finish log of transaction " + number + " (first: "
                            + names.get(t.finishName) + ")");
                } else {
                    t.finishCounter = counter;
                    t.finishTime = time;
                    t.finishName = nameNumber;
                }
            }
            if (counter < t.minCounter) {
                t.minCounter = counter;
                t.minName = nameNumber;
            }
            if (counter > t.maxCounter) {
                t.maxCounter = counter;
                t.maxName = nameNumber;
            }
            profileOfTransactionLog(name, log);
        }

        /** G5: OpenTSS's own transaction-log content (§1.5.3–§1.5.5, §6.2). */
        void profileOfTransactionLog(String name, LogMessage log) {
            if (log.processDataIndefinite()) {
                findings.deviation(name, "G5", "processData uses the indefinite form; OpenTSS writes it primitive");
            }
            if (log.additionalExternalData().isPresent()) {
                findings.deviation(name, "G5", "additionalExternalData (84) present; OpenTSS never writes it");
            }
            if (log.additionalInternalData().isPresent()) {
                findings.deviation(name, "G5", "additionalInternalData (86) present; OpenTSS never writes it");
            }
            switch (log.operationType()) {
                case "StartTransaction" -> {
                    if (log.processData().length != 0 || !log.processType().equals(Optional.of(""))) {
                        findings.deviation(name, "G5", "the Start log does not carry exactly 82 00 and 83 00");
                    }
                }
                case "FinishTransaction" -> {
                    String processType = log.processType().orElse(null);
                    if (processType == null || !FINISH_PROCESS_TYPES.contains(processType)) {
                        findings.warning(name, "G5", "Finish processType '" + (processType == null ? "(absent)" : processType)
                                + "' is not Kassenbeleg-V1, Bestellung-V1 or SonstigerVorgang");
                    } else if (processType.equals("Kassenbeleg-V1")) {
                        String problem = kassenbelegProblem(log.processData());
                        if (problem != null) {
                            findings.deviation(name, "G5", "Kassenbeleg-V1 processData does not follow §6.2: " + problem);
                        }
                    }
                }
                default -> { }
            }
        }

        /** E1–E5 with the certificate whose point hashes to the serialNumber, and B6. */
        void signature(String name, LogMessage log, ExportCertificate certificate) {
            usedCertificates.add(certificate);
            findings.addAll(name, LogSignatureVerifier.verify(log, certificate.key));
            var time = log.logTime().instant();
            if (time.isBefore(certificate.notBefore) || time.isAfter(certificate.notAfter)) {
                findings.warning(name, "B6", "logTime " + time + " is outside the validity " + certificate.notBefore
                        + " … " + certificate.notAfter + " of " + certificate.fileName);
            }
        }

        void verifyDeferred(int nameNumber, byte[] bytes) {
            String name = names.get(nameNumber);
            LogMessage log = LogMessageParser.parse(bytes).log().orElseThrow();
            ExportCertificate certificate = certificatesBySerial.get(log.serialNumberHex());
            if (certificate == null) {
                findings.error(name, "E1", "no certificate in the archive whose public point hashes to the "
                        + "serialNumber " + log.serialNumberHex());
            } else {
                signature(name, log, certificate);
            }
        }

        // ---------------------------------------------------------------- after the last entry

        void finish() {
            if (infoCount == 0) {
                findings.error(Finding.ARCHIVE, "A7", "no info.csv");
            }
            chains();
            for (KeyLogs key : keys.values()) {
                counters(key);
                transactions(key);
            }
        }

        /** B4, B5, B7 and the certificate order of A5. */
        void chains() {
            List<ExportCertificate> leaves = new ArrayList<>(usedCertificates);
            if (logCount == 0) {
                for (ExportCertificate c : certificates) {
                    if (certificates.stream().noneMatch(other -> other != c && other.mayBeIssuedBy(c))) {
                        leaves.add(c);
                    }
                }
            }
            byte[] anchor = options.trustAnchor().map(ExportCertificate::anchorDer).orElse(null);
            Set<String> reported = new HashSet<>();
            Set<ExportCertificate> rootsReported = new HashSet<>();
            Map<ExportCertificate, ExportCertificate> issuers = new HashMap<>();
            for (ExportCertificate leaf : leaves) {
                List<ExportCertificate> path = chain(leaf, reported, issuers);
                if (path == null) {
                    continue;
                }
                ExportCertificate root = path.getLast();
                if (!rootsReported.add(root)) {
                    continue;
                }
                if (anchor != null) {
                    if (path.stream().noneMatch(c -> Arrays.equals(c.der, anchor))) {
                        findings.error(root.fileName, "B5", "the chain of " + leaf.fileName
                                + " does not reach the pinned trust anchor");
                    }
                } else {
                    findings.warning(root.fileName, "B5", "chain consistent, root not pinned (no --trust-anchor)");
                }
            }
            if (logCount > 0) {
                for (ExportCertificate c : certificates) {
                    if (!c.inChain) {
                        findings.warning(c.fileName, "B7", "the certificate belongs to no chain of an exported log");
                    }
                }
            }
            certificateOrder(issuers);
        }

        /** The chain from {@code leaf} to a self-signed root (B4); {@code null} if there is none. */
        List<ExportCertificate> chain(ExportCertificate leaf, Set<String> reported,
                Map<ExportCertificate, ExportCertificate> issuers) {
            List<ExportCertificate> path = new ArrayList<>();
            path.add(leaf);
            leaf.inChain = true;
            ExportCertificate current = leaf;
            boolean ok = true;
            while (true) {
                if (current.selfIssued() && current.signatureVerifiesWith(current)) {
                    return ok ? path : null;
                }
                ExportCertificate subject = current;
                List<ExportCertificate> candidates = certificates.stream()
                        .filter(c -> c != subject && subject.mayBeIssuedBy(c)).toList();
                if (candidates.isEmpty()) {
                    report(reported, current.fileName, current.selfIssued()
                            ? "bad certificate signature: the self-signed certificate's signature ("
                                    + current.signatureAlgorithmOid() + ") does not verify with its own key"
                            : "incomplete chain: the issuer '" + current.issuer + "' is not in the archive");
                    return null;
                }
                ExportCertificate issuer = candidates.stream()
                        .filter(subject::signatureVerifiesWith).findFirst().orElse(null);
                if (issuer == null) {
                    report(reported, current.fileName, "bad certificate signature: it does not verify with the key of "
                            + candidates.getFirst().fileName);
                    return null;
                }
                if (!issuer.ca) {
                    report(reported, issuer.fileName, "the issuer of " + current.fileName
                            + " is not a CA (basicConstraints CA:TRUE missing)");
                    ok = false;
                }
                if (path.contains(issuer)) {
                    report(reported, current.fileName, "incomplete chain: the issuers form a loop");
                    return null;
                }
                issuers.put(current, issuer);
                path.add(issuer);
                issuer.inChain = true;
                current = issuer;
            }
        }

        void report(Set<String> reported, String file, String message) {
            if (reported.add(file + "\n" + message)) {
                findings.error(file, "B4", message);
            }
        }

        /** A5: the certificates leaf → issuing CA → root, each followed by its issuer. */
        void certificateOrder(Map<ExportCertificate, ExportCertificate> issuers) {
            for (int i = 0; i < certificates.size(); i++) {
                ExportCertificate c = certificates.get(i);
                if (i == 0 && issuers.containsValue(c)) {
                    findings.deviation(c.fileName, "A5", "the first certificate is a root or CA, not the leaf");
                    return;
                }
                ExportCertificate issuer = issuers.get(c);
                if (issuer != null && (i + 1 >= certificates.size() || certificates.get(i + 1) != issuer)) {
                    findings.deviation(c.fileName, "A5", "the certificate is not directly followed by its issuer "
                            + issuer.fileName + " (order leaf → issuing CA → root)");
                    return;
                }
            }
        }

        /** F1–F4 for one key. */
        void counters(KeyLogs key) {
            int n = key.size;
            if (n == 0) {
                return;
            }
            long[] order = new long[n];
            for (int i = 0; i < n; i++) {
                order[i] = (key.counters[i] << 31) | i; // counters < 2^32, archive positions < 2^31
            }
            Arrays.sort(order);
            int first = (int) (order[0] & 0x7FFF_FFFF);
            if (options.expectFirstCounter().isPresent() && key.counters[first] != options.expectFirstCounter().getAsLong()) {
                findings.error(names.get(key.names[first]), "F3", "the smallest signature counter is "
                        + key.counters[first] + ", expected " + options.expectFirstCounter().getAsLong());
            }
            int previous = first;
            for (int k = 1; k < n; k++) {
                int i = (int) (order[k] & 0x7FFF_FFFF);
                long a = key.counters[previous];
                long b = key.counters[i];
                String file = names.get(key.names[i]);
                if (b == a) {
                    findings.error(file, "F1", "signature counter " + b + " occurs twice (also in "
                            + names.get(key.names[previous]) + ")");
                    continue;
                }
                if (b > a + 1) {
                    String missing = b == a + 2 ? "signature counter " + (a + 1) + " is missing"
                            : "signature counters " + (a + 1) + "–" + (b - 1) + " are missing (" + (b - a - 1) + ")";
                    findings.add(file, "F2", options.expectContiguous(), missing + " before this log");
                }
                if (key.times[i] < key.times[previous]) {
                    findings.deviation(file, "F4", "logTime goes back in counter order: earlier than that of "
                            + names.get(key.names[previous]));
                }
                previous = i;
            }
        }

        /** G2–G4 for one key. */
        void transactions(KeyLogs key) {
            List<Transaction> started = new ArrayList<>();
            for (Transaction t : key.transactions.values()) {
                if (t.startName >= 0) {
                    started.add(t);
                    if (t.startCounter != t.minCounter) {
                        findings.error(names.get(t.startName), "G2", "the Start log is not the first log of transaction "
                                + t.number + ": " + names.get(t.minName) + " has a smaller counter");
                    }
                }
                if (t.finishName >= 0 && t.finishCounter != t.maxCounter) {
                    findings.error(names.get(t.maxName), "G2", "a log of transaction " + t.number
                            + " after its Finish log " + names.get(t.finishName));
                }
                if (t.startName >= 0 && t.finishName >= 0 && t.startTime > t.finishTime) {
                    findings.error(names.get(t.finishName), "G2", "the Finish logTime is before the Start logTime of "
                            + names.get(t.startName));
                }
            }
            started.sort((x, y) -> Long.compare(x.number, y.number));
            for (int i = 1; i < started.size(); i++) {
                Transaction a = started.get(i - 1);
                Transaction b = started.get(i);
                if (b.startCounter <= a.startCounter) {
                    findings.error(names.get(b.startName), "G3", "transaction " + b.number + " started (counter "
                            + b.startCounter + ") before transaction " + a.number + " (counter " + a.startCounter + ")");
                }
                if (options.expectContiguous() && b.number > a.number + 1) {
                    findings.error(names.get(b.startName), "G4", (b.number == a.number + 2
                            ? "no Start log of transaction " + (a.number + 1)
                            : "no Start logs of transactions " + (a.number + 1) + "–" + (b.number - 1))
                            + " before this one");
                }
            }
            if (options.expectContiguous() && !started.isEmpty()) {
                long firstStarted = started.getFirst().number;
                for (Transaction t : key.transactions.values()) {
                    if (t.startName < 0 && t.number > firstStarted) {
                        findings.error(names.get(t.minName), "G4", "transaction " + t.number
                                + " has no Start log, but transaction " + firstStarted + " started in this archive");
                    }
                }
            }
        }

        ExportVerificationResult result(boolean readable, long bytesRead) {
            Profile applied = profile != null ? profile : Profile.GENERIC;
            OptionalLong min = OptionalLong.empty();
            OptionalLong max = OptionalLong.empty();
            long transactions = 0;
            long startedCount = 0;
            long finishedCount = 0;
            for (KeyLogs key : keys.values()) {
                for (int i = 0; i < key.size; i++) {
                    long c = key.counters[i];
                    if (min.isEmpty() || c < min.getAsLong()) {
                        min = OptionalLong.of(c);
                    }
                    if (max.isEmpty() || c > max.getAsLong()) {
                        max = OptionalLong.of(c);
                    }
                }
                transactions += key.transactions.size();
                for (Transaction t : key.transactions.values()) {
                    startedCount += t.startName >= 0 ? 1 : 0;
                    finishedCount += t.finishName >= 0 ? 1 : 0;
                }
            }
            return new ExportVerificationResult(findings.resolve(applied), applied, readable, info, logCount,
                    certificateFiles, min, max, transactions, startedCount, finishedCount,
                    new ArrayList<>(keys.keySet()), bytesRead);
        }
    }

    /** §6.2: the Kassenbeleg-V1 grammar, amount rules A1–A5 and payment rules P1–P7; {@code null} if it holds. */
    static String kassenbelegProblem(byte[] processData) {
        String text = new String(processData, StandardCharsets.ISO_8859_1);
        Matcher m = KASSENBELEG.matcher(text);
        if (!m.matches()) {
            return "not <Vorgangstyp>^<five amounts>^<payments>";
        }
        for (String amount : m.group(2).split("_")) {
            if (amount.equals("-0.00")) {
                return "amount -0.00";
            }
        }
        String payments = m.group(3);
        if (payments.isEmpty()) {
            return null;
        }
        String previousKey = null;
        for (String group : payments.split("_", -1)) {
            Matcher p = PAYMENT.matcher(group);
            if (!p.matches()) {
                return "payment '" + group + "' is not <amount>:<Bar|Unbar>[:<currency>]";
            }
            if (p.group(1).equals("0.00") || p.group(1).equals("-0.00")) {
                return "payment of 0.00";
            }
            if ("EUR".equals(p.group(3))) {
                return "currency EUR is written";
            }
            String key = (p.group(2).equals("Bar") ? "0" : "1") + (p.group(3) == null ? "" : p.group(3));
            if (previousKey != null && key.compareTo(previousKey) <= 0) {
                return "payments not in the order Bar before Unbar, EUR first, then by currency";
            }
            previousKey = key;
        }
        return null;
    }
}
