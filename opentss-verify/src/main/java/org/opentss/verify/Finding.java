package org.opentss.verify;

import java.util.Objects;

/**
 * One result of one check: the check id of tse-formats.md §11 ({@code "C1"}, {@code "E5"},
 * {@code "Q7"}, …), its severity and a message for humans.
 *
 * <p>Check ids are the spec's, so that a test, a log line and the spec table point at the same rule.
 */
public record Finding(String check, Severity severity, String message) {

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(String check, String message) {
        return new Finding(check, Severity.ERROR, message);
    }

    public static Finding warning(String check, String message) {
        return new Finding(check, Severity.WARNING, message);
    }

    @Override
    public String toString() {
        return severity + " " + check + ": " + message;
    }
}
