package dev.crmkit.jdbc;

import javax.sql.DataSource;

class PostgresBlobStoreTest extends JdbcBlobStoreChecks {
    @Override
    protected DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
