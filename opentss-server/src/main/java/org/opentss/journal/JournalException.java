package org.opentss.journal;

/**
 * The journal cannot sign for this TSS now (clock behind the last log, counter exhausted, failed self
 * test). Nothing was signed or stored; the request must fail.
 */
public final class JournalException extends RuntimeException {

    public JournalException(String message) {
        super(message);
    }
}
