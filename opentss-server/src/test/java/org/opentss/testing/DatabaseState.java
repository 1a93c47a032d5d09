package org.opentss.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.opentss.store.Database;

/**
 * Everything a database holds, as one digest per table: a test takes it before and after requests that must
 * change nothing and compares the two maps, which name the tables that differ. Columns that every
 * authenticated request may touch (the {@code last_used_at} of credentials) are left out.
 */
public final class DatabaseState {

    /** Written by every request that authenticates with the credential, refused or not. */
    private static final Set<String> TOUCHED_BY_USE = Set.of("platform_api_key.last_used_at",
            "register_api_key.last_used_at");

    private DatabaseState() {
    }

    /** Table name → {@code rows:sha256} over every row, in an order that does not depend on the engine. */
    public static Map<String, String> of(Database database) {
        return database.jdbi().withHandle(h -> {
            try {
                return of(h.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Map<String, String> of(Connection connection) throws SQLException {
        Map<String, String> state = new TreeMap<>();
        for (String table : tables(connection)) {
            state.put(table, digest(connection, table));
        }
        return state;
    }

    private static List<String> tables(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    private static String digest(Connection connection, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    String column = columns.getColumnName(i).toLowerCase(Locale.ROOT);
                    if (!TOUCHED_BY_USE.contains(table + "." + column)) {
                        row.append(column).append('=').append(text(rs.getObject(i))).append('\u0001');
                    }
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows.size() + ":" + sha256(String.join("\n", rows));
    }

    /** Numbers as digits whatever their JDBC type, bytes as hex. */
    private static String text(Object value) {
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
