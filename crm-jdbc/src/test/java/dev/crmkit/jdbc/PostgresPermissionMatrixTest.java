package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.PermissionMatrixContract;

class PostgresPermissionMatrixTest extends PermissionMatrixContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptyPostgresStorage();
    }
}
