package org.opentss.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of one Jdbi handle for reuse until the handle closes. A group commit runs
 * the same few statements for each of its requests on one handle, and sqlite-jdbc prepares every
 * statement anew (one {@code sqlite3_prepare} each): {@code opentss bench} found a fifth of the group's
 * serial time there. A statement is handed out to one user at a time; a second user of the same SQL while
 * the first still holds it gets a statement of its own.
 */
final class ReusingStatementBuilder extends DefaultStatementBuilder {

    private final Map<String, PreparedStatement> idle = new HashMap<>();
    /**
     * The plain statements handed out, with the SQL they were prepared from: only these come back to
     * {@link #idle}, and under that SQL (Jdbi closes with the statement's text before parsing).
     */
    private final Map<Statement, String> lent = new IdentityHashMap<>();

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
        if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
            return super.create(connection, sql, context); // prepared differently, so not kept
        }
        return lend(connection, sql);
    }

    /**
     * A plain prepared statement of {@code sql}, kept or new, for {@link JdbcBatch}; {@link #close(Connection,
     * String, Statement)} takes it back.
     */
    PreparedStatement lend(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = idle.remove(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
        }
        lent.put(statement, sql);
        return statement;
    }

    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
        String prepared = lent.remove(statement);
        if (prepared != null && !statement.isClosed() && !idle.containsKey(prepared)) {
            ((PreparedStatement) statement).clearParameters();
            idle.put(prepared, (PreparedStatement) statement);
        } else {
            super.close(connection, sql, statement);
        }
    }

    @Override
    public void close(Connection connection) {
        for (PreparedStatement statement : idle.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection goes back to the pool, which closes what is left of it
            }
        }
        idle.clear();
        lent.clear();
    }
}
