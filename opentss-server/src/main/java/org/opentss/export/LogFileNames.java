package org.opentss.export;

import org.opentss.journal.StoredLog;

import java.util.HashMap;
import java.util.Map;
import org.opentss.journal.LogFileName;

/**
 * Names the log files of one archive in order, adding the file counter {@code _Fc-n} to the n-th repeat
 * of a name (tse-formats.md §8.6), and holds the archive to ascending signature counters (§8.3).
 *
 * <p>A log file name contains its signature counter, so two logs can share a name only if they share a
 * counter; in counter order those are neighbours. Remembering the names of the current counter alone
 * therefore applies the rule to the whole archive in constant memory. OpenTSS never stores a counter
 * twice, so its exports never need the counter; §8.6 still asks the writer to implement the rule.
 */
final class LogFileNames {

    private final Map<String, Integer> namesOfCounter = new HashMap<>();
    private long counter = Long.MIN_VALUE;

    /** The name of the next log of the archive. */
    String next(StoredLog log) {
        if (log.signatureCounter() < counter) {
            throw new IllegalArgumentException("logs must come in ascending signature counter order: "
                    + log.signatureCounter() + " after " + counter);
        }
        if (log.signatureCounter() > counter) {
            counter = log.signatureCounter();
            namesOfCounter.clear();
        }
        String name = log.fileName();
        int sameNamesBefore = namesOfCounter.merge(name, 1, Integer::sum) - 1;
        return LogFileName.withFileCounter(name, sameNamesBefore);
    }
}
