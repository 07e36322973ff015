package dev.crmkit.testkit;

import dev.crmkit.core.spi.Storage;
import org.junit.jupiter.api.Nested;

/**
 * Every storage contract in one class: an adapter (this project's or anyone's) runs the whole kit
 * by extending this class and saying how to make a new, empty storage. Each contract is a
 * {@code @Nested} group of its own, so a report reads "Customers > Create > ...". The blob store
 * has a contract of its own ({@link BlobStoreContract}), since a store of bytes is made
 * differently.
 *
 * <pre>{@code
 * class MyStorageKitTest extends StorageKit {
 *     protected Storage newStorage() {
 *         return MyStorage.empty();
 *     }
 * }
 * }</pre>
 */
public abstract class StorageKit {

    /** A new storage holding nothing, for one test. */
    protected abstract Storage newStorage();

    @Nested
    class Activities extends ActivityContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class Attachments extends AttachmentContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class Calls extends CallContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class Concurrency extends ConcurrencyContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class CustomFields extends CustomFieldContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class Customers extends CustomerContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class HostileText extends HostileTextContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class ImportJobs extends ImportJobContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class Messages extends MessageContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class Permissions extends PermissionContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class PermissionMatrix extends PermissionMatrixContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class Products extends ProductContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class ResultCodes extends ResultCodeContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class Scripts extends ScriptContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class Search extends SearchContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class TenantIsolation extends TenantIsolationContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }

    @Nested
    class WorkItems extends WorkItemContract {
        @Override
        protected Storage newStorage() {
            return StorageKit.this.newStorage();
        }
    }
}
