package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.StorageKit;

/** The whole storage kit on PostgreSQL (16, and 14 in the build's second run). */
class PostgresStorageKitTest extends StorageKit {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptyPostgresStorage();
    }
}
