package org.opentss.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Every row of every table of a server's database, on either engine, for tests that assert that a request
 * changed nothing (sign-de-v2.md §1.9, pos-api.md §4.6). Comparing all of it, rather than a few counters,
 * also catches a refused request that changes something no test thought of.
 *
 * @param tables each table's rows, rendered and sorted, by table name
 */
public record DatabaseState(Map<String, List<String>> tables) {

    /** Times that authenticating a POS request updates, refused or not: they are left out. */
    private static final Set<String> TOUCHED_BY_AUTHENTICATION = Set.of("last_used_at");

    public static DatabaseState of(TestServer server) {
        return server.app().database().jdbi().withHandle(h -> {
            List<String> names = tableNames(h.getConnection());
            if (names.isEmpty()) {
                // an empty state would equal every other: the comparisons would prove nothing
                throw new IllegalStateException("found no tables in the database");
            }
            Map<String, List<String>> tables = new TreeMap<>();
            for (String table : names) {
                tables.put(table, rows(h, table));
            }
            return new DatabaseState(tables);
        });
    }

    /** The tables whose rows differ from {@code earlier}'s; empty if nothing changed. */
    public List<String> changedSince(DatabaseState earlier) {
        Set<String> names = new TreeSet<>(tables.keySet());
        names.addAll(earlier.tables.keySet());
        return names.stream().filter(name -> !Objects.equals(tables.get(name), earlier.tables.get(name))).toList();
    }

    private static List<String> tableNames(Connection connection) {
        List<String> names = new ArrayList<>();
        // the connection's schema only: PostgreSQL's own catalogues are no part of the application's state
        try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                new String[] {"TABLE"})) {
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the tables", e);
        }
        return names;
    }

    private static List<String> rows(Handle h, String table) {
        List<String> rows = new ArrayList<>(h.createQuery("SELECT * FROM " + table)
                .map((rs, ctx) -> row(rs)).list());
        rows.sort(null); // the engines return rows in different orders
        return rows;
    }

    private static String row(ResultSet rs) throws SQLException {
        ResultSetMetaData columns = rs.getMetaData();
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            String name = columns.getColumnName(i).toLowerCase(Locale.ROOT);
            if (TOUCHED_BY_AUTHENTICATION.contains(name)) {
                continue;
            }
            Object value = rs.getObject(i);
            row.append(name).append('=')
                    .append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value))
                    .append(';');
        }
        return row.toString();
    }
}
