package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ProductContract;

class SqliteProductContractTest extends ProductContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptySqliteStorage();
    }
}
