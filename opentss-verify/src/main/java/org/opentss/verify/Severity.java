package org.opentss.verify;

/** How bad a {@link Finding} is (tse-formats.md §11.1). */
public enum Severity {
    /** The data is invalid or has been tampered with. */
    ERROR,
    /** The data is valid, but unusual or outside OpenTSS's own profile in a tolerated way. */
    WARNING
}
