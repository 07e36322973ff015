package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.MessageContract;

class InMemoryMessageContractTest extends MessageContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
