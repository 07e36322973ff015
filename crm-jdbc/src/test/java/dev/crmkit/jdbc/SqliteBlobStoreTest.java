package dev.crmkit.jdbc;

import javax.sql.DataSource;

class SqliteBlobStoreTest extends JdbcBlobStoreChecks {
    @Override
    protected DataSource dataSource() {
        return TestDatabases.sqlite();
    }
}
