package dev.crmkit.core.attachment;

import java.time.Instant;
import java.util.Objects;

/**
 * A file on a customer's card.
 *
 * @param id assigned by the store
 * @param customerId whose card it is on
 * @param fileName the name it was uploaded with, without folders
 * @param contentType its media type, as given when uploaded ({@code application/octet-stream} if none was)
 * @param size in bytes, as counted while it was stored
 * @param sha256 the SHA-256 of its bytes, 64 lower-case hex digits
 * @param uploadedBy who uploaded it
 * @param uploadedAt when
 */
public record Attachment(long id, long customerId, String fileName, String contentType, long size, String sha256,
                         String uploadedBy, Instant uploadedAt) {

    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(uploadedBy, "uploadedBy");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
    }

    /** The same attachment with the id its store gave it. */
    public Attachment withId(long newId) {
        return new Attachment(newId, customerId, fileName, contentType, size, sha256, uploadedBy, uploadedAt);
    }
}
