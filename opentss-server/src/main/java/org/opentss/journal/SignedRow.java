package org.opentss.journal;

import java.util.Map;
import java.util.Objects;

/**
 * A row that holds a log's signature ({@link SignedLog#signature()}), to be inserted once the signature is
 * made: an {@code INSERT} with named parameters and their values. In a group commit the rows of one
 * statement are inserted as one batch, one round trip on PostgreSQL.
 *
 * @param values by parameter name; none is null, so that a batch needs no type for a null
 */
public record SignedRow(String sql, Map<String, Object> values) {

    public SignedRow {
        values.values().forEach(Objects::requireNonNull);
    }
}
