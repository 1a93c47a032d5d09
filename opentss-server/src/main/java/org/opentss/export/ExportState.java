package org.opentss.export;

/** The lifecycle of an export (sign-de-v2.md §10.3). PENDING and WORKING are open; the others final. */
public enum ExportState {
    PENDING, WORKING, COMPLETED, CANCELLED, ERROR;

    public boolean isOpen() {
        return this == PENDING || this == WORKING;
    }
}
