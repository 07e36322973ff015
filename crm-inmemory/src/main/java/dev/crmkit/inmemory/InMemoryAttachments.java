package dev.crmkit.inmemory;

import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.spi.AttachmentStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tenant's attachments; their bytes are in the blob store. */
final class InMemoryAttachments extends SessionStore implements AttachmentStore {

    InMemoryAttachments(InMemorySession session) {
        super(session);
    }

    @Override
    public long append(Attachment attachment, String blobKey) {
        checkWritable();
        long id = ids.attachments.incrementAndGet();
        data.attachments.put(id, attachment.withId(id));
        data.attachmentBlobs.put(id, blobKey);
        undo.push(() -> {
            data.attachments.remove(id);
            data.attachmentBlobs.remove(id);
        });
        return id;
    }

    @Override
    public Optional<Attachment> find(long id) {
        checkOpen();
        return Optional.ofNullable(data.attachments.get(id));
    }

    @Override
    public Optional<String> blobKey(long id) {
        checkOpen();
        return Optional.ofNullable(data.attachmentBlobs.get(id));
    }

    @Override
    public List<Attachment> list(long customerId) {
        checkOpen();
        return newestOf(data.attachments, a -> a.customerId() == customerId, Integer.MAX_VALUE);
    }

    @Override
    public boolean delete(long id) {
        checkWritable();
        Attachment removed = data.attachments.remove(id);
        if (removed == null) {
            return false;
        }
        String key = data.attachmentBlobs.remove(id);
        undo.push(() -> {
            data.attachments.put(id, removed);
            data.attachmentBlobs.put(id, key);
        });
        return true;
    }

    @Override
    public List<String> deleteByCustomer(long customerId) {
        checkWritable();
        List<Attachment> removed = removeIf(data.attachments, a -> a.customerId() == customerId);
        Map<Long, String> keys = new HashMap<>();
        for (Attachment a : removed) {
            keys.put(a.id(), data.attachmentBlobs.remove(a.id()));
        }
        undo.push(() -> {
            removed.forEach(a -> data.attachments.put(a.id(), a));
            data.attachmentBlobs.putAll(keys);
        });
        return List.copyOf(keys.values());
    }
}
