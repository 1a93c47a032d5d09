package org.opentss.store;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Queries with an {@code IN} list of bound values. The list is padded to the next power of two by repeating
 * its last value, so that lists of any length make only a few distinct statements, each prepared once per
 * connection ({@link ReusingStatementBuilder}; on PostgreSQL, planned once).
 */
public final class InList {

    private InList() {
    }

    /**
     * @param sql a query with {@code <name>} where the list goes, as in {@code … WHERE id IN (<ids>)}
     * @param values at least one
     */
    public static Query query(Handle h, String sql, String name, List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        int size = values.size() == 1 ? 1 : Integer.highestOneBit(values.size() - 1) << 1;
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < size; i++) {
            list.append(i == 0 ? ":" : ", :").append(name).append(i);
        }
        Query query = h.createQuery(sql.replace("<" + name + ">", list));
        for (int i = 0; i < size; i++) {
            query.bind(name + i, values.get(Math.min(i, values.size() - 1)));
        }
        return query;
    }
}
