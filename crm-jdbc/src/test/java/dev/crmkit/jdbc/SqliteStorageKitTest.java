package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.StorageKit;

/** The whole storage kit on a SQLite file. */
class SqliteStorageKitTest extends StorageKit {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptySqliteStorage();
    }
}
