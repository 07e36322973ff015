/**
 * Where attachment bytes live: the {@link dev.crmkit.core.blob.BlobStore} port and its file-system
 * implementation. The in-memory and database implementations ship with their storage adapters,
 * and a host may plug in its own (an object store, say).
 */
@NullMarked
package dev.crmkit.core.blob;

import org.jspecify.annotations.NullMarked;
