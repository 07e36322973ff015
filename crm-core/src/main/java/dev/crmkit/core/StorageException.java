package dev.crmkit.core;

/**
 * The storage failed (a lost connection, a database error). Adapters wrap their own exceptions in
 * this one; the transaction in progress was rolled back.
 *
 * <p>A failure is {@linkplain #isTransient() transient} when the same work may well succeed if
 * tried again: the database could not be reached, the connection was lost, or the database gave
 * up on the transaction for a passing reason (a deadlock, a conflicting writer). Other failures,
 * such as a constraint the host added or a broken schema, will recur.
 */
public final class StorageException extends CrmException {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    /** A failure that is not known to be transient. */
    public StorageException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param transientFailure whether the same work may succeed if tried again (see {@link #isTransient()})
     */
    public StorageException(String message, Throwable cause, boolean transientFailure) {
        super(ErrorCode.STORAGE_FAILURE, message, cause);
        this.transientFailure = transientFailure;
    }

    /**
     * Whether the failure may pass: trying the same work again later may succeed. Import jobs
     * interrupted by a transient failure stay to be resumed rather than fail.
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
