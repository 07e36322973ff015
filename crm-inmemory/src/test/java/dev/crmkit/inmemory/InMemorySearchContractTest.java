package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.SearchContract;

class InMemorySearchContractTest extends SearchContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
