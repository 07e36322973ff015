package dev.crmkit.jdbc;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.AttachmentContract;

class H2AttachmentContractTest extends AttachmentContract {
    @Override
    protected Storage newStorage() {
        return TestDatabases.emptyH2Storage();
    }
}
