package dev.crmkit.importer;

import dev.crmkit.core.importjob.ImportJob;

/**
 * Callbacks of jobs run by an {@link Importer}, on the thread that runs the job. Keep them quick;
 * an exception thrown by a listener is logged and otherwise ignored. All methods have empty defaults.
 */
public interface ImportListener {

    /**
     * When this process starts a job it claimed, or resumes one another process left: the job as
     * it is once RUNNING (its {@code startedAt} is when it first started, in whichever process).
     */
    default void onStarted(ImportJob job) {
    }

    /** After each committed chunk, with that chunk's counts and how long the commit took. */
    default void onChunkCommitted(ChunkCommit chunk) {
    }

    /** After each committed chunk. */
    default void onProgress(ImportProgress progress) {
    }

    /**
     * When a job this process ran has ended, or stopped without ending: cancelled, taken over by
     * another process, or asked to stop ({@link Importer#runPending(java.util.function.BooleanSupplier)}).
     */
    default void onFinished(ImportReport report) {
    }
}
