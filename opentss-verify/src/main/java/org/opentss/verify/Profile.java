package org.opentss.verify;

/**
 * Which rules apply beyond the standard (tse-formats.md §11.1). Checks marked "profile" in §11.2
 * are warnings for data of any TSE and errors for data OpenTSS itself wrote.
 */
public enum Profile {
    /** Data of any certified TSE: deviations from OpenTSS's own choices are warnings. */
    GENERIC,
    /** Data written by OpenTSS: deviations from its own choices (§0.4) are errors. */
    OPENTSS;

    Finding deviation(String check, String message) {
        return new Finding(check, this == OPENTSS ? Severity.ERROR : Severity.WARNING, message);
    }
}
