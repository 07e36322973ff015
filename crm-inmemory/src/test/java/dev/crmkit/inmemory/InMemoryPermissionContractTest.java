package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.PermissionContract;

class InMemoryPermissionContractTest extends PermissionContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
