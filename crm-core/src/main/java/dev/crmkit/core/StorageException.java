package dev.crmkit.core;

/**
 * The storage failed (a lost connection, a database error). Adapters wrap their own exceptions in
 * this one; the transaction in progress was rolled back.
 */
public final class StorageException extends CrmException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(ErrorCode.STORAGE_FAILURE, message, cause);
    }
}
