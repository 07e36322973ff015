package dev.crmkit.core.importjob;

/**
 * Checks chunks of one job against the job's rules as they stood when the preparer was made (the
 * custom field definitions, the user directory). If the definitions change before a prepared
 * chunk is committed, the commit checks it again. Use from one thread at a time.
 */
public interface ChunkPreparer {

    /** Checks every row of the chunk; nothing is stored. */
    PreparedChunk prepare(Chunk chunk);
}
