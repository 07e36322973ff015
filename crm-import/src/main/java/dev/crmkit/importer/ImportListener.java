package dev.crmkit.importer;

/**
 * Callbacks of jobs run by an {@link Importer}, on the thread that runs the job. Keep them quick;
 * an exception thrown by a listener is ignored. All methods have empty defaults.
 */
public interface ImportListener {

    /** After each committed chunk. */
    default void onProgress(ImportProgress progress) {
    }

    /** When a job this process ran has ended (or stopped because it was cancelled or taken over). */
    default void onFinished(ImportReport report) {
    }
}
