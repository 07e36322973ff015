package dev.crmkit.jdbc;

import javax.sql.DataSource;

class SqliteFaultInjectionTest extends FaultInjectionTest {

    @Override
    protected DataSource pool() {
        return TestDatabases.sqlite();
    }
}
