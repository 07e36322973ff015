package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.HostileTextContract;

class SqliteHostileTextContractTest extends HostileTextContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptySqliteStorage();
    }
}
