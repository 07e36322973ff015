package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ImportJobContract;

class InMemoryImportJobContractTest extends ImportJobContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
