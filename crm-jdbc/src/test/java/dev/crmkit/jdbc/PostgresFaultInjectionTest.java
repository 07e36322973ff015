package dev.crmkit.jdbc;

import javax.sql.DataSource;

class PostgresFaultInjectionTest extends FaultInjectionTest {

    @Override
    protected DataSource pool() {
        return TestDatabases.postgres();
    }
}
