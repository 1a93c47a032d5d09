package org.opentss.crypto;

import java.util.List;
import java.util.Map;
import org.opentss.store.Database;

/**
 * A table column whose values are sealed under the master key, one per row, with the row's key as (part
 * of) their associated data. A sweep reseals a value with an optimistic update, so a row that a node
 * changed meanwhile is left to the next sweep instead of being overwritten.
 *
 * @param what      what the values are, for the rotation's report
 * @param keyColumn the column that names the row, e.g. {@code kid}
 */
public record SealedColumn(String what, Database database, String table, String keyColumn, String valueColumn,
        Resealer resealer) implements MasterKeySealed {

    /** How the values of a column are sealed. */
    public interface Resealer {

        /** Whether the value is sealed this way at all (a PKCS#11 key handle is not). */
        boolean applies(byte[] value);

        boolean isUnderCurrentKey(String rowKey, byte[] value);

        /** @throws IllegalStateException if no key of the ring opens the value */
        byte[] resealedUnderCurrentKey(String rowKey, byte[] value);
    }

    @Override
    public Tally sweep(boolean reseal) {
        List<Map.Entry<String, byte[]>> rows = database.jdbi().withHandle(h -> h.createQuery("SELECT " + keyColumn
                        + " AS k, " + valueColumn + " AS v FROM " + table)
                .map((rs, ctx) -> Map.entry(rs.getString("k"), rs.getBytes("v"))).list());
        int underCurrentKey = 0;
        int resealed = 0;
        int left = 0;
        for (Map.Entry<String, byte[]> row : rows) {
            if (!resealer.applies(row.getValue())) {
                continue;
            }
            if (resealer.isUnderCurrentKey(row.getKey(), row.getValue())) {
                underCurrentKey++;
            } else if (reseal && reseal(row.getKey(), row.getValue())) {
                resealed++;
            } else {
                left++;
            }
        }
        return new Tally(what, underCurrentKey, resealed, left);
    }

    private boolean reseal(String rowKey, byte[] value) {
        byte[] resealedValue;
        try {
            resealedValue = resealer.resealedUnderCurrentKey(rowKey, value);
        } catch (IllegalStateException e) {
            return false; // under neither key: reported as left
        }
        return database.jdbi().withHandle(h -> h.createUpdate("UPDATE " + table + " SET " + valueColumn
                        + " = :resealed WHERE " + keyColumn + " = :key AND " + valueColumn + " = :value")
                .bind("resealed", resealedValue).bind("key", rowKey).bind("value", value).execute()) == 1;
    }
}
