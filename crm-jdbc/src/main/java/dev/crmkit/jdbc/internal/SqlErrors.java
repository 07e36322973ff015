package dev.crmkit.jdbc.internal;

import dev.crmkit.core.StorageException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Turns what the driver throws into the library's exceptions. */
final class SqlErrors {

    /** The SQL state of a unique constraint violation on PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    /**
     * SQL states of failures that pass: serialization failure (40001), PostgreSQL's deadlock
     * (40P01), and its server shutting down (57P01, 57P02), starting up (57P03) or out of
     * connections (53300). Every state of class 08 (connection exception) passes too.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

    private SqlErrors() {
    }

    /** SQLite's primary result codes that pass: the database is busy (5) or a table is locked (6). */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState()) || isSqlite(x, "[SQLITE_CONSTRAINT_UNIQUE]")
                    || isSqlite(x, "[SQLITE_CONSTRAINT_PRIMARYKEY]")) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL's states for a request it will not carry out for this user or server, whatever
     * the moment: no privilege (42501), a server in recovery (55000, 25006), a function or index
     * it does not have (42883, 42P01, 42704).
     */
    private static final Set<String> REFUSAL_STATES = Set.of("42501", "55000", "25006", "42883", "42P01", "42704");

    /** Whether PostgreSQL refused the request for good (see {@link #REFUSAL_STATES}): asking again is pointless. */
    static boolean isRefusal(SQLException e) {
        return e.getSQLState() != null && REFUSAL_STATES.contains(e.getSQLState());
    }

    /** Whether SQLite refused the statement because another connection holds a lock it needs. */
    static boolean isBusy(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ((x.getErrorCode() == SQLITE_BUSY || x.getErrorCode() == SQLITE_LOCKED) && isSqlite(x, "[SQLITE_")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the exception is the SQLite driver's, its message starting with the given result code. */
    private static boolean isSqlite(SQLException e, String resultCode) {
        String message = e.getMessage();
        return e.getClass().getName().startsWith("org.sqlite.") && message != null && message.startsWith(resultCode);
    }

    /**
     * Whether the same work may succeed if tried again: the connection failed or was lost, or the
     * database gave up on the transaction for a passing reason. Drivers say so by SQL state
     * (PostgreSQL's), by the JDBC exception class, or by result code (SQLite's), so all are asked,
     * along the chain.
     */
    static boolean isTransient(SQLException e) {
        if (isBusy(e)) {
            return true;
        }
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x instanceof SQLTransientException || x instanceof SQLRecoverableException
                    || x instanceof SQLNonTransientConnectionException) {
                return true;
            }
            String state = x.getSQLState();
            if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))) {
                return true;
            }
        }
        return false;
    }

    /** A storage failure with what the database said; never the statement's parameters. */
    static StorageException storageFailure(String doing, SQLException e) {
        return new StorageException(describe(doing, e), e, isTransient(e));
    }

    /** The same failure, known now to have lost the connection with it: worth trying again. */
    static StorageException connectionLost(StorageException failure) {
        String message = failure.getMessage();
        String prefix = failure.code().name() + ": ";
        if (message != null && message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        StorageException lost = new StorageException(message + "; the connection was lost", failure.getCause(), true);
        for (Throwable suppressed : failure.getSuppressed()) {
            lost.addSuppressed(suppressed);
        }
        return lost;
    }

    /** What failed and what the database said, for an exception's message; never the statement's parameters. */
    static String describe(String doing, SQLException e) {
        return "the database failed while " + doing + " (SQL state " + e.getSQLState() + "): " + firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
