package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.CustomFieldContract;

class SqliteCustomFieldContractTest extends CustomFieldContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptySqliteStorage();
    }
}
