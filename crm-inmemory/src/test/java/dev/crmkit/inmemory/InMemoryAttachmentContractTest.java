package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.AttachmentContract;

class InMemoryAttachmentContractTest extends AttachmentContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
