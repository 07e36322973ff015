package dev.crmkit.core.attachment;

import dev.crmkit.core.Actor;
import java.io.InputStream;
import java.util.List;

/**
 * Files on a customer's card. Listing and downloading need VIEW, uploading CONTRIBUTE, deleting
 * EDIT. Bytes are streamed to and from the {@link dev.crmkit.core.blob.BlobStore}: no file is ever
 * held whole in memory by the library.
 */
public interface AttachmentService {

    /**
     * Stores a file on the customer's card and writes a LOG activity naming it. The content is read
     * to its end (not closed); its size and SHA-256 are counted on the way.
     *
     * @throws dev.crmkit.core.CrmValidationException {@code ATTACHMENT_TOO_LARGE} once the content
     *     passes the configured size limit (nothing is kept), {@code FILE_EMPTY} for no bytes,
     *     {@code FILE_UNREADABLE} if reading the content fails
     * @throws dev.crmkit.core.NotFoundException {@code CUSTOMER_NOT_FOUND}
     * @throws dev.crmkit.core.StorageException if the blob store fails
     */
    Attachment upload(Actor actor, long customerId, NewAttachment file, InputStream content);

    /** The customer's attachments, the last uploaded first. */
    List<Attachment> list(Actor actor, long customerId);

    /**
     * Opens an attachment's bytes; close the result.
     *
     * @throws dev.crmkit.core.NotFoundException {@code ATTACHMENT_NOT_FOUND}
     */
    AttachmentDownload download(Actor actor, long attachmentId);

    /**
     * Removes an attachment and writes a LOG activity naming it; its bytes are removed from the blob
     * store once that is stored.
     *
     * @throws dev.crmkit.core.NotFoundException {@code ATTACHMENT_NOT_FOUND}
     */
    void delete(Actor actor, long attachmentId);
}
