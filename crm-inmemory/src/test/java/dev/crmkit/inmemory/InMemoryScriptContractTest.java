package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.ScriptContract;

class InMemoryScriptContractTest extends ScriptContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
