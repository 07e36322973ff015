package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ConcurrencyContract;

class InMemoryConcurrencyContractTest extends ConcurrencyContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
