package org.opentss.store;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Recognises a failed insert that lost a race for a unique key, on either engine: the row another
 * transaction committed first decides the answer, which is then a 4xx rather than a failure.
 */
public final class UniqueViolation {

    /** PostgreSQL's SQLSTATE unique_violation. */
    private static final String PG_UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
                return true;
            }
            if (t instanceof SQLException sql && PG_UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
