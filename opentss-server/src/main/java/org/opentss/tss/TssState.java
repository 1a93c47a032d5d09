package org.opentss.tss;

/** The states of a TSS (sign-de-v2.md §4.1). OpenTSS never enters DELETED or EVICTED; they exist for list filters. */
public enum TssState {
    CREATED, UNINITIALIZED, INITIALIZED, DISABLED, DEFECTIVE, DELETED, EVICTED;

    /** Whether the TSS signs: time synchronisation and transactions happen only then (§6.3). */
    public boolean isPersonalized() {
        return this == UNINITIALIZED || this == INITIALIZED;
    }
}
