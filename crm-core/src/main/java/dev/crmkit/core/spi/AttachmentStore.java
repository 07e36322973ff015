package dev.crmkit.core.spi;

import dev.crmkit.core.attachment.Attachment;
import java.util.List;
import java.util.Optional;

/**
 * What is known of the attachments of one tenant; their bytes are in a
 * {@link dev.crmkit.core.blob.BlobStore} under the key stored with each.
 */
public interface AttachmentStore {

    /** Stores an attachment (its id is ignored) with the key of its bytes; returns the id. */
    long append(Attachment attachment, String blobKey);

    Optional<Attachment> find(long id);

    /** The key of the attachment's bytes, if the attachment exists. */
    Optional<String> blobKey(long id);

    /** The customer's attachments, highest id first. */
    List<Attachment> list(long customerId);

    /** Removes the attachment; returns false if there is none. */
    boolean delete(long id);

    /**
     * Removes the customer's attachments (the customer is being deleted).
     *
     * @return the keys of their bytes, for removal from the blob store once this unit of work is stored
     */
    List<String> deleteByCustomer(long customerId);
}
