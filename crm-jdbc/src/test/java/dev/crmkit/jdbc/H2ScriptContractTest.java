package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ScriptContract;

class H2ScriptContractTest extends ScriptContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptyH2Storage();
    }
}
