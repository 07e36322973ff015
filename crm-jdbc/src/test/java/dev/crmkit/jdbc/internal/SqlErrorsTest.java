package dev.crmkit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.StorageException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void lostConnectionsAndTransactionsTheDatabaseGaveUpOnMayPass() {
        // PostgreSQL's driver says it by SQL state only.
        assertThat(failure(new SQLException("An I/O error occurred while sending to the backend.", "08006")))
                .extracting(StorageException::isTransient).isEqualTo(true);
        for (String state : new String[] {"08001", "08003", "40001", "40P01", "57P01", "57P03", "53300"}) {
            assertThat(failure(new SQLException("x", state)).isTransient()).as(state).isTrue();
        }
        // A driver may say it by the exception's class.
        assertThat(failure(new SQLNonTransientConnectionException("Connection is broken", "90067")).isTransient())
                .isTrue();
        assertThat(failure(new SQLTransactionRollbackException("Deadlock detected", "40001")).isTransient()).isTrue();
        assertThat(failure(new SQLTimeoutException("Timeout trying to lock table", "HYT00")).isTransient()).isTrue();
        SQLException batch = new SQLException("Batch entry 3 was aborted", "XX000");
        batch.setNextException(new SQLException("This connection has been closed.", "08003"));
        assertThat(failure(batch).isTransient()).as("along the chain").isTrue();
    }

    @Test
    void otherFailuresWillRecur() {
        for (String state : new String[] {"23505", "42P01", "P0001", "22001", "XX000", "90007"}) {
            assertThat(failure(new SQLException("x", state)).isTransient()).as(state).isFalse();
        }
        assertThat(failure(new SQLException("no state")).isTransient()).isFalse();
        assertThat(failure(new SQLIntegrityConstraintViolationException("duplicate", "23505")).isTransient()).isFalse();
    }

    @Test
    void eitherWayItIsAStorageFailureNamingWhatFailed() {
        StorageException e = failure(new SQLException("gone", "08006"));
        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
        assertThat(e).hasMessageContaining("storing a customer").hasMessageContaining("08006");
    }

    private static StorageException failure(SQLException e) {
        return SqlErrors.storageFailure("storing a customer", e);
    }
}
