package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.HostileTextContract;

class H2HostileTextContractTest extends HostileTextContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptyH2Storage();
    }
}
