package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ProductContract;

class InMemoryProductContractTest extends ProductContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
