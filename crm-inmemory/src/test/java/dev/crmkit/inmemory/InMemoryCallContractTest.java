package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.CallContract;

class InMemoryCallContractTest extends CallContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
