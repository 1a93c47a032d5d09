package org.opentss.verify;

import java.util.List;

/** What a verification found. The data is valid when no finding is an {@link Severity#ERROR}. */
public interface VerificationResult {

    /** Every finding, in the order the checks ran. */
    List<Finding> findings();

    default boolean isValid() {
        return errors().isEmpty();
    }

    default List<Finding> errors() {
        return findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    default List<Finding> warnings() {
        return findings().stream().filter(f -> f.severity() == Severity.WARNING).toList();
    }

    /** The findings of one check id, e.g. {@code "F2"}. */
    default List<Finding> findings(String check) {
        return findings().stream().filter(f -> f.check().equals(check)).toList();
    }

    /** Whether check {@code check} (e.g. {@code "E5"}) reported an error. */
    default boolean hasError(String check) {
        return errors().stream().anyMatch(f -> f.check().equals(check));
    }
}
