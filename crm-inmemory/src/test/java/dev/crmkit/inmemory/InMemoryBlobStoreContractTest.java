package dev.crmkit.inmemory;

import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.testkit.BlobStoreContract;

class InMemoryBlobStoreContractTest extends BlobStoreContract {
    @Override
    protected BlobStore newBlobStore() {
        return new InMemoryBlobStore();
    }
}
