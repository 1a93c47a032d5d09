package org.opentss.journal;

import org.jdbi.v3.core.Handle;

/**
 * Rows that a group-commit transaction writes late: kept in memory while the group's requests run and
 * stored with the group's logs ({@link Journal#storeSigned}), before the rows that hold signatures, so
 * that a group writes them in one batch per statement instead of one statement per request.
 */
public interface DeferredRows {

    /** Writes what is pending and forgets it: from now on the database holds it. */
    void store(Handle h);

    /**
     * The transaction was rolled back to a savepoint, at which everything pending had been stored: what is
     * pending now was written after it and is gone, and whatever is remembered of rows may be newer than
     * the database now is.
     */
    void forget();
}
