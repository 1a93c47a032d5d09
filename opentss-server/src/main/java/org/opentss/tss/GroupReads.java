package org.opentss.tss;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Reads that the requests of a group commit announce ({@link TssTransactions#inGroupCommit(Caller, String,
 * GroupReads, Object, java.util.function.BiFunction)}), so that the group makes them for all its requests at
 * once, in one statement per table instead of one per request, before the first request runs. It keeps
 * what it read for the group's transaction; the requests then find it there.
 *
 * @param <K> what one request announces it will read
 */
@FunctionalInterface
public interface GroupReads<K> {

    /**
     * Reads what {@code announced} names, inside the group's transaction, which by now holds the locks of
     * every TSS of the group: nobody else changes those rows until it ends.
     */
    void readAhead(Handle h, List<K> announced);
}
