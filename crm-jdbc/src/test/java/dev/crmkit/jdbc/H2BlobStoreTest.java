package dev.crmkit.jdbc;

import javax.sql.DataSource;

class H2BlobStoreTest extends JdbcBlobStoreChecks {
    @Override
    protected DataSource dataSource() {
        return TestDatabases.h2();
    }
}
