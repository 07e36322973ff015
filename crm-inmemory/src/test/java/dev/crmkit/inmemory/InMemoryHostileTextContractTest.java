package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.HostileTextContract;

class InMemoryHostileTextContractTest extends HostileTextContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
