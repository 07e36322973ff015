package dev.crmkit.core.importjob;

/**
 * A chunk whose rows core has already checked, outside the unit of work that stores them, so that
 * an importer can check one chunk while the previous one is being stored. Only core makes them
 * (see {@link ImportWorker#preparer}); {@link ImportWorker#commitChunk(dev.crmkit.core.TenantId,
 * long, String, PreparedChunk, InFilePhones)} refuses any other implementation.
 */
public interface PreparedChunk {

    /** The chunk as given. */
    Chunk chunk();
}
