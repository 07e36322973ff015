package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL the tests run on is the one the build asked for: 16 by default, 14 in the
 * build's second run of the PostgreSQL suites (the oldest version the adapter supports).
 */
class PostgresVersionTest {

    @Test
    void theTestsRunOnTheRequestedPostgresql() throws SQLException {
        int expected = Integer.parseInt(System.getProperty("crm.test.postgresql.major", "16"));
        try (Connection c = TestDatabases.postgres().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SHOW server_version_num")) {
            rs.next();
            assertThat(rs.getInt(1) / 10_000).isEqualTo(expected);
        }
    }
}
