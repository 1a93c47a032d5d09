package org.opentss.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * One statement run as a batch on a Jdbi handle's connection (and so in its transaction), its parameters
 * set by position, row after row. For the group commit's inserts and updates, which set a dozen values in
 * each of dozens of rows while every other group waits. Jdbi's named binding (an argument looked up per
 * value, a map of them per row) took about twice as long per row of the log's insert on SQLite (17–28
 * against 9–15 µs), and {@code opentss bench} found the group-commit thread's share of the server's
 * allocation down from 31 to 23 % without it.
 *
 * <p>A failed statement throws Jdbi's {@link UnableToExecuteStatementException} with the driver's
 * exception as its cause, as Jdbi's own statements do, so the checks for lock time-outs and unique keys
 * see it the same way.
 */
public final class JdbcBatch implements AutoCloseable {

    private final ReusingStatementBuilder statements;
    private final Connection connection;
    private final String sql;
    private final PreparedStatement statement;
    /** The position of the next parameter of the current row, from 1. */
    private int next = 1;

    private JdbcBatch(ReusingStatementBuilder statements, Connection connection, String sql) throws SQLException {
        this.statements = statements;
        this.connection = connection;
        this.sql = sql;
        this.statement = statements.lend(connection, sql);
    }

    /**
     * @param h a handle of {@link Database#jdbi()}, whose prepared statements are kept for the next group on
     *     the connection (sqlite-jdbc prepares anew each time, see {@link ReusingStatementBuilder})
     * @param sql a statement with {@code ?} parameters
     */
    public static JdbcBatch prepare(Handle h, String sql) {
        try {
            return new JdbcBatch((ReusingStatementBuilder) h.getStatementBuilder(), h.getConnection(), sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public JdbcBatch text(String value) {
        return set(value, Types.VARCHAR);
    }

    public JdbcBatch bigint(Long value) {
        return set(value, Types.BIGINT);
    }

    public JdbcBatch integer(Integer value) {
        return set(value, Types.INTEGER);
    }

    public JdbcBatch bytes(byte[] value) {
        return set(value, Types.BINARY);
    }

    /** Ends the current row; the next value is the first parameter of the next row. */
    public JdbcBatch endRow() {
        try {
            statement.addBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
        next = 1;
        return this;
    }

    /** Runs every row; the number of rows each changed. */
    public int[] execute() {
        try {
            return statement.executeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Gives the statement back for reuse, without the rows of a batch that failed. */
    @Override
    public void close() {
        try {
            statement.clearBatch();
            statements.close(connection, sql, statement);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** @param value null for SQL NULL */
    private JdbcBatch set(Object value, int sqlType) {
        try {
            if (value == null) {
                statement.setNull(next, sqlType);
            } else {
                statement.setObject(next, value, sqlType);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        next++;
        return this;
    }

    private static UnableToExecuteStatementException failed(SQLException e) {
        return new UnableToExecuteStatementException(e, null);
    }
}
