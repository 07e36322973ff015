package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ResultCodeContract;

class InMemoryResultCodeContractTest extends ResultCodeContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
