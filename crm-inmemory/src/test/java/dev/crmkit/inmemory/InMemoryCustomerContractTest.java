package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.CustomerContract;

class InMemoryCustomerContractTest extends CustomerContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
