package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.MessageContract;

class H2MessageContractTest extends MessageContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptyH2Storage();
    }
}
