package dev.crmkit.inmemory;

import dev.crmkit.core.spi.Storage;
import dev.crmkit.testkit.CustomFieldContract;

class InMemoryCustomFieldContractTest extends CustomFieldContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
