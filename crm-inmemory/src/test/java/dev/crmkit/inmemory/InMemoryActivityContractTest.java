package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ActivityContract;

class InMemoryActivityContractTest extends ActivityContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
