package dev.crmkit.jdbc;

import javax.sql.DataSource;

class H2FaultInjectionTest extends FaultInjectionTest {

    @Override
    protected DataSource pool() {
        return TestDatabases.h2();
    }
}
