package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.WorkItemContract;

class InMemoryWorkItemContractTest extends WorkItemContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
