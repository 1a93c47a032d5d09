package org.opentss.tss;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.identity.Caller;
import org.opentss.store.Database;
import org.opentss.store.Dialect;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Runs one request's change of a TSS in one database transaction that holds the TSS's row lock, so that
 * concurrent requests on a TSS are serialized and each sees the state the previous one left (§1.9).
 * A request that cannot get its turn within the lock timeout is refused with 503 E_TSS_LOCKED and
 * changes nothing.
 */
public final class TssTransactions {

    /** PostgreSQL's SQLSTATE for lock_not_available. */
    private static final String PG_LOCK_NOT_AVAILABLE = "55P03";
    /** SQLSTATEs of a transaction the database gave up on and that may simply run again. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final int ATTEMPTS = 3;

    private final Database database;
    private final Dialect dialect;
    private final TssRepository tsses;
    private final Duration lockTimeout;

    public TssTransactions(Database database, TssRepository tsses, Duration lockTimeout) {
        this.database = database;
        this.dialect = database.dialect();
        this.tsses = tsses;
        this.lockTimeout = lockTimeout;
    }

    /**
     * Locks the caller's TSS and runs {@code work} with it; an unknown or invisible TSS is a 404.
     * Whatever {@code work} throws rolls the whole transaction back.
     */
    public <T> T inLockedTss(Caller caller, String tssId, BiFunction<Handle, Tss, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(caller, tssId, work);
            } catch (RuntimeException e) {
                // a serialization failure or deadlock rolled everything back: nothing was signed or answered
                if (attempt == ATTEMPTS || !hasSqlState(e, RETRYABLE)) {
                    throw e;
                }
            }
        }
    }

    private <T> T attempt(Caller caller, String tssId, BiFunction<Handle, Tss, T> work) {
        try {
            return database.inTransaction(h -> {
                if (dialect == Dialect.POSTGRESQL) {
                    h.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                }
                Tss tss = tsses.lock(h, tssId)
                        .filter(t -> t.isVisibleTo(caller.organizationId(), caller.env()))
                        .orElseThrow(TssTransactions::tssNotFound);
                return work.apply(h, tss);
            });
        } catch (RuntimeException e) {
            if (isLockTimeout(e)) {
                throw ApiError.retryLater(ErrorCode.E_TSS_LOCKED,
                        "the TSS is busy with other requests; retry in a moment", 1);
            }
            throw e;
        }
    }

    public static ApiError tssNotFound() {
        return ApiError.of(ErrorCode.E_TSS_NOT_FOUND, "TSS not found");
    }

    private static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Database.WriteLockTimeout) {
                return true;
            }
            if (t instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY
                    || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)) {
                return true;
            }
        }
        return hasSqlState(failure, Set.of(PG_LOCK_NOT_AVAILABLE));
    }

    private static boolean hasSqlState(Throwable failure, Set<String> states) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && states.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
