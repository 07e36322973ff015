/**
 * Files kept on a customer's card: uploaded and downloaded as streams, their bytes in a
 * {@link dev.crmkit.core.blob.BlobStore}, their name, type, size and checksum in the storage.
 */
@NullMarked
package dev.crmkit.core.attachment;

import org.jspecify.annotations.NullMarked;
