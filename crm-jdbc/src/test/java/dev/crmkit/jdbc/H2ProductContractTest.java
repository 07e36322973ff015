package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ProductContract;

class H2ProductContractTest extends ProductContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptyH2Storage();
    }
}
