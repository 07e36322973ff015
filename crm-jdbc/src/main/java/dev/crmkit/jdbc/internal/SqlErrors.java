package dev.crmkit.jdbc.internal;

import dev.crmkit.core.StorageException;
import java.sql.SQLException;

/** Turns what the driver throws into the library's exceptions. */
final class SqlErrors {

    /** The SQL state of a unique constraint violation, on PostgreSQL and H2 alike. */
    static final String UNIQUE_VIOLATION = "23505";

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

    /** A storage failure with what the database said; never the statement's parameters. */
    static StorageException storageFailure(String doing, SQLException e) {
        return new StorageException(describe(doing, e), e);
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
