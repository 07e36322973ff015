package dev.crmkit.core.attachment;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An attachment opened for reading: what it is, and its bytes as a stream the caller must close
 * (try-with-resources on this closes it).
 */
public final class AttachmentDownload implements Closeable {

    private final Attachment attachment;
    private final InputStream content;

    public AttachmentDownload(Attachment attachment, InputStream content) {
        this.attachment = Objects.requireNonNull(attachment, "attachment");
        this.content = Objects.requireNonNull(content, "content");
    }

    public Attachment attachment() {
        return attachment;
    }

    /** The bytes, streamed from the blob store. */
    public InputStream content() {
        return content;
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
