package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ScriptContract;

class PostgresScriptContractTest extends ScriptContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptyPostgresStorage();
    }
}
