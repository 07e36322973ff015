package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.TenantIsolationContract;

class InMemoryTenantIsolationTest extends TenantIsolationContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
