package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ConcurrencyContract;

class PostgresConcurrencyContractTest extends ConcurrencyContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptyPostgresStorage();
    }
}
