package org.opentss.tx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A transaction of a TSS: its number, state, latest revision and type (the processType of its first
 * revision with data), and the caller's metadata, which belongs to the transaction, not a revision.
 */
public record Transaction(
        String tssId,
        String id,
        long number,
        TxState state,
        int latestRevision,
        String clientId,
        Optional<String> processType,
        long timeStart,
        OptionalLong timeEnd,
        Map<String, String> metadata) {

    public Transaction {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
