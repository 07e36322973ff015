package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.PermissionMatrixContract;

class InMemoryPermissionMatrixTest extends PermissionMatrixContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
