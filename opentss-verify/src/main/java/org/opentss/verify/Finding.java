package org.opentss.verify;

import java.util.Objects;

/**
 * One result of one check: the check id of tse-formats.md §11 ({@code "C1"}, {@code "E5"},
 * {@code "Q7"}, …), its severity, a message for humans and, for findings about a TAR export, the
 * archive entry it is about.
 *
 * <p>Check ids are the spec's, so that a test, a log line and the spec table point at the same rule.
 *
 * @param file the effective file name of the archive entry the finding is about ({@code info.csv},
 *             a certificate or log file name); {@code null} for a finding about a single log or QR code,
 *             or about the archive as a whole ({@link #ARCHIVE})
 */
public record Finding(String check, Severity severity, String message, String file) {

    /** The {@link #file()} of findings about the archive as a whole (end-of-archive, gaps, …). */
    public static final String ARCHIVE = "(archive)";

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** A finding about a single log message or QR code, not tied to a file. */
    public Finding(String check, Severity severity, String message) {
        this(check, severity, message, null);
    }

    public static Finding error(String check, String message) {
        return new Finding(check, severity(true), message);
    }

    public static Finding warning(String check, String message) {
        return new Finding(check, severity(false), message);
    }

    private static Severity severity(boolean error) {
        return error ? Severity.ERROR : Severity.WARNING;
    }

    /** This finding, attributed to archive entry {@code fileName}. */
    public Finding inFile(String fileName) {
        return new Finding(check, severity, message, fileName);
    }

    /** The report line: {@code ERROR <check> <file>: <message>}, or without the file if there is none. */
    @Override
    public String toString() {
        return severity + " " + check + (file == null ? "" : " " + file) + ": " + message;
    }
}
