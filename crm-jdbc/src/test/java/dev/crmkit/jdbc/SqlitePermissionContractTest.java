package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.PermissionContract;

class SqlitePermissionContractTest extends PermissionContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptySqliteStorage();
    }
}
