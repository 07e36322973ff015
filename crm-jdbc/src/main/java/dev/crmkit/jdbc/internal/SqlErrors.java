package dev.crmkit.jdbc.internal;

import dev.crmkit.core.StorageException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Turns what the driver throws into the library's exceptions. */
final class SqlErrors {

    /** The SQL state of a unique constraint violation, on PostgreSQL and H2 alike. */
    static final String UNIQUE_VIOLATION = "23505";

    /**
     * SQL states of failures that pass: serialization failure (40001), PostgreSQL's deadlock
     * (40P01), and its server shutting down (57P01, 57P02), starting up (57P03) or out of
     * connections (53300). Every state of class 08 (connection exception) passes too.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

    private SqlErrors() {
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the same work may succeed if tried again: the connection failed or was lost, or the
     * database gave up on the transaction for a passing reason. Drivers say so by SQL state
     * (PostgreSQL's) or by the JDBC exception class (H2's), so both are asked, along the chain.
     */
    static boolean isTransient(SQLException e) {
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
