package org.opentss.verify;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of verifying a TAR export (tse-formats.md §11.2): every finding, each naming its file
 * ({@link Finding#file()}) and check id, and what the archive contains.
 *
 * @param findings          every finding, errors and warnings
 * @param profile           the profile applied: given, or from info.csv
 * @param readable          false if the input could not be read at all (I/O error, not a TAR): exit code 2
 * @param info              the info.csv fields, if there was a readable one
 * @param logCount          log message files
 * @param certificateCount  certificate files
 * @param firstCounter      the smallest signature counter among the readable logs
 * @param lastCounter       the largest signature counter among the readable logs
 * @param transactionCount  distinct transactions (per key and transaction number) with at least one log
 * @param startedCount      transactions whose Start log is in the archive
 * @param finishedCount     transactions whose Finish log is in the archive
 * @param serialNumbers     the keys (serialNumber hex, lowercase) the logs name, in order of appearance
 * @param bytesRead         length of the archive as read
 */
public record ExportVerificationResult(List<Finding> findings, Profile profile, boolean readable,
        Optional<InfoCsv> info, long logCount, int certificateCount, OptionalLong firstCounter,
        OptionalLong lastCounter, long transactionCount, long startedCount, long finishedCount,
        List<String> serialNumbers, long bytesRead) implements VerificationResult {

    /** Exit code of {@code opentss verify} (§11.2 H). */
    public static final int EXIT_VALID = 0;
    public static final int EXIT_INVALID = 1;
    public static final int EXIT_UNREADABLE = 2;

    public ExportVerificationResult {
        findings = List.copyOf(findings);
        serialNumbers = List.copyOf(serialNumbers);
    }

    /** Valid only if readable and without ERROR findings. */
    @Override
    public boolean isValid() {
        return readable && errors().isEmpty();
    }

    /** 0 = no ERROR, 1 = at least one ERROR, 2 = input unreadable (§11.2 H). */
    public int exitCode() {
        if (!readable) {
            return EXIT_UNREADABLE;
        }
        return errors().isEmpty() ? EXIT_VALID : EXIT_INVALID;
    }

    /** The one-line summary that starts the {@link #report()}. */
    public String summary() {
        StringBuilder s = new StringBuilder("TAR export: ");
        s.append(logCount).append(logCount == 1 ? " log" : " logs");
        if (firstCounter.isPresent()) {
            s.append(" (signature counters ").append(firstCounter.getAsLong()).append('–')
                    .append(lastCounter.getAsLong()).append(')');
        }
        s.append(", ").append(certificateCount).append(certificateCount == 1 ? " certificate" : " certificates");
        s.append(", ").append(transactionCount).append(transactionCount == 1 ? " transaction" : " transactions")
                .append(" (").append(startedCount).append(" started, ").append(finishedCount).append(" finished)");
        if (serialNumbers.size() == 1) {
            s.append(", serial ").append(serialNumbers.getFirst());
        } else if (serialNumbers.size() > 1) {
            s.append(", ").append(serialNumbers.size()).append(" keys");
        }
        info.ifPresent(i -> s.append(", manufacturer '").append(i.manufacturer()).append('\''));
        s.append(", profile ").append(profile.name().toLowerCase(java.util.Locale.ROOT));
        return s.toString();
    }

    /** The final line: the verdict and the exit code. */
    public String verdict() {
        long errors = errors().size();
        long warnings = warnings().size();
        String counts = errors + (errors == 1 ? " error, " : " errors, ") + warnings
                + (warnings == 1 ? " warning" : " warnings");
        return switch (exitCode()) {
            case EXIT_VALID -> "VALID: " + counts + " (exit code 0)";
            case EXIT_INVALID -> "INVALID: " + counts + " (exit code 1)";
            default -> "UNREADABLE: the input could not be read as a TAR export (exit code 2)";
        };
    }

    /**
     * The plain-text report {@code opentss verify} prints: the {@link #summary()}, one line per finding
     * ({@code ERROR <check> <file>: <message>}), and the {@link #verdict()}. Lines end with {@code \n}.
     */
    public String report() {
        StringBuilder report = new StringBuilder(summary()).append('\n');
        for (Finding finding : findings) {
            report.append(line(finding)).append('\n');
        }
        return report.append(verdict()).append('\n').toString();
    }

    static String line(Finding finding) {
        return finding.severity() + " " + finding.check() + " "
                + (finding.file() == null ? Finding.ARCHIVE : finding.file()) + ": " + finding.message();
    }

    /** The report as one JSON object ({@code opentss verify --json}). */
    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        json.append("\"valid\":").append(isValid());
        json.append(",\"exitCode\":").append(exitCode());
        json.append(",\"readable\":").append(readable);
        json.append(",\"profile\":").append(quote(profile.name().toLowerCase(java.util.Locale.ROOT)));
        json.append(",\"logs\":").append(logCount);
        json.append(",\"certificates\":").append(certificateCount);
        json.append(",\"firstCounter\":").append(firstCounter.isPresent() ? firstCounter.getAsLong() : "null");
        json.append(",\"lastCounter\":").append(lastCounter.isPresent() ? lastCounter.getAsLong() : "null");
        json.append(",\"transactions\":").append(transactionCount);
        json.append(",\"startedTransactions\":").append(startedCount);
        json.append(",\"finishedTransactions\":").append(finishedCount);
        json.append(",\"serialNumbers\":[");
        for (int i = 0; i < serialNumbers.size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(serialNumbers.get(i)));
        }
        json.append("],\"info\":");
        if (info.isPresent()) {
            json.append("{\"description\":").append(quote(info.get().description()))
                    .append(",\"manufacturer\":").append(quote(info.get().manufacturer()))
                    .append(",\"version\":").append(quote(info.get().version())).append('}');
        } else {
            json.append("null");
        }
        json.append(",\"errors\":").append(errors().size());
        json.append(",\"warnings\":").append(warnings().size());
        json.append(",\"findings\":[");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            json.append(i == 0 ? "" : ",").append("{\"severity\":").append(quote(f.severity().name()))
                    .append(",\"check\":").append(quote(f.check()))
                    .append(",\"file\":").append(f.file() == null ? "null" : quote(f.file()))
                    .append(",\"message\":").append(quote(f.message())).append('}');
        }
        return json.append("]}").toString();
    }

    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
