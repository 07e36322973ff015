package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.StorageKit;

/** The whole storage kit on the in-memory adapter. */
class InMemoryStorageKitTest extends StorageKit {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
