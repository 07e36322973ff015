package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.StorageException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.attachment.AttachmentDownload;
import dev.crmkit.core.attachment.AttachmentService;
import dev.crmkit.core.attachment.NewAttachment;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.core.permission.Operation;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.StorageSession;
import java.util.ArrayList;

/**
 * Attachments. Public only for wiring; use {@link AttachmentService}.
 *
 * <p>The bytes and what is known of them live in two stores that share no transaction, so the
 * order is chosen for the failures: an upload stores the bytes first and the record after (a
 * failure in between deletes the bytes again); a deletion removes the record first and the bytes
 * after. The worst a crash can leave is bytes no record points to, never a record without bytes.
 */
public final class DefaultAttachmentService implements AttachmentService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultAttachmentService.class);

    private final ServiceContext ctx;

    public DefaultAttachmentService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Attachment upload(Actor actor, long customerId, NewAttachment file, InputStream content) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        // Checked before the first byte is read, so a denied or misdirected upload costs nothing.
        ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.ATTACHMENT_ADD);
            return DefaultCustomerService.load(s, customerId);
        });
        BlobStore blobs = blobs();
        String key = UUID.randomUUID().toString();
        CheckedSource source = new CheckedSource(content, ctx.attachmentLimit());
        try {
            blobs.put(actor.tenant(), key, source);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(blobs, actor.tenant(), key);
            throw source.failure != null ? source.failure : new StorageException("the blob store could not store "
                    + file.fileName() + ": " + e.getMessage(), e);
        }
        if (source.size == 0) {
            deleteQuietly(blobs, actor.tenant(), key);
            throw new CrmValidationException(ErrorCode.FILE_EMPTY, file.fileName() + " is empty");
        }
        Attachment attachment = new Attachment(0, customerId, file.fileName(), file.contentType(), source.size,
                HexFormat.of().formatHex(source.digest.digest()), actor.userId(), ctx.now());
        try {
            return ctx.storage().write(actor.tenant(), s -> {
                ctx.authorizer().require(s, actor, Operation.ATTACHMENT_ADD);
                DefaultCustomerService.load(s, customerId);
                long id = s.attachments().append(attachment, key);
                Attachment stored = attachment.withId(id);
                s.activities().append(new Activity(0, customerId, ActivityType.LOG, actor.userId(), stored.uploadedAt(),
                        "File uploaded: " + stored.fileName() + " (" + stored.size() + " bytes)", List.of(),
                        data("fileUploaded", stored)));
                return stored;
            });
        } catch (RuntimeException e) {
            deleteQuietly(blobs, actor.tenant(), key);
            throw e;
        }
    }

    @Override
    public List<Attachment> list(Actor actor, long customerId) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.ATTACHMENT_READ);
            DefaultCustomerService.load(s, customerId);
            return s.attachments().list(customerId);
        });
    }

    @Override
    public AttachmentDownload download(Actor actor, long attachmentId) {
        record Found(Attachment attachment, String key) {
        }
        Found found = ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.ATTACHMENT_READ);
            Attachment a = s.attachments().find(attachmentId).orElseThrow(() -> notFound(attachmentId));
            return new Found(a, s.attachments().blobKey(attachmentId).orElseThrow(() -> notFound(attachmentId)));
        });
        try {
            Optional<InputStream> in = blobs().open(actor.tenant(), found.key());
            if (in.isEmpty()) {
                // Deleted since it was looked up (its record goes first), or lost by the blob store.
                boolean deleted = ctx.storage().read(actor.tenant(), s -> s.attachments().find(attachmentId).isEmpty());
                throw deleted ? notFound(attachmentId) : new StorageException("the bytes of attachment "
                        + attachmentId + " are missing from the blob store", null);
            }
            return new AttachmentDownload(found.attachment(), in.get());
        } catch (IOException e) {
            throw new StorageException("the blob store could not open attachment " + attachmentId + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void delete(Actor actor, long attachmentId) {
        String key = ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.ATTACHMENT_DELETE);
            Attachment a = s.attachments().find(attachmentId).orElseThrow(() -> notFound(attachmentId));
            String blobKey = s.attachments().blobKey(attachmentId).orElseThrow(() -> notFound(attachmentId));
            s.attachments().delete(attachmentId);
            List<FieldChange> cleared = clearFileFields(s, a, ctx.now());
            s.activities().append(new Activity(0, a.customerId(), ActivityType.LOG, actor.userId(), ctx.now(),
                    "File deleted: " + a.fileName(), cleared, data("fileDeleted", a)));
            return blobKey;
        });
        deleteBlobs(ctx, actor.tenant(), List.of(key));
    }

    /**
     * Clears the customer's FILE fields that name the deleted attachment, so no field points at a
     * file that is gone; returns the changes, for the deletion's timeline entry.
     */
    private static List<FieldChange> clearFileFields(StorageSession s, Attachment deleted, Instant now) {
        CustomerRecord current = s.customers().find(deleted.customerId()).orElse(null);
        if (current == null) {
            return List.of();
        }
        String id = Long.toString(deleted.id());
        Map<String, Object> custom = new LinkedHashMap<>(current.customFields());
        List<FieldChange> changes = new ArrayList<>();
        for (CustomFieldDefinition def : s.customFields().list()) {
            if (def.type() == FieldType.FILE && id.equals(custom.get(def.key()))) {
                custom.remove(def.key());
                changes.add(new FieldChange(def.key(), id, null));
            }
        }
        if (!changes.isEmpty()) {
            CustomerRecord next = current.toBuilder().customFields(custom).version(current.version() + 1)
                    .updatedAt(now).build();
            if (!s.customers().update(next, current.version())) {
                throw new StorageException("customer " + current.id() + " changed during the unit of work", null);
            }
        }
        return changes;
    }

    /**
     * Removes bytes whose records are gone (a deleted attachment, a deleted customer's files). A
     * failure is logged, not thrown: the records are already gone, so users see the deletion done,
     * and the bytes are only an orphan for the host to sweep.
     */
    public static void deleteBlobs(ServiceContext ctx, TenantId tenant, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        BlobStore blobs = ctx.blobs();
        if (blobs == null) {
            LOG.warn("{} attachment blobs of tenant {} not deleted: no blob store is configured", keys.size(), tenant);
            return;
        }
        for (String key : keys) {
            deleteQuietly(blobs, tenant, key);
        }
    }

    private static void deleteQuietly(BlobStore blobs, TenantId tenant, String key) {
        try {
            blobs.delete(tenant, key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("blob {} of tenant {} left behind: {}", key, tenant, e.toString());
        }
    }

    private BlobStore blobs() {
        BlobStore blobs = ctx.blobs();
        if (blobs == null) {
            throw new IllegalStateException("no blob store is configured for attachments (Crm.builder(...).blobStore) "
                    + "and the storage adapter has none of its own");
        }
        return blobs;
    }

    private static Map<String, String> data(String event, Attachment a) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("event", event);
        data.put("attachmentId", Long.toString(a.id()));
        data.put("fileName", a.fileName());
        data.put("contentType", a.contentType());
        data.put("size", Long.toString(a.size()));
        return data;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException(ErrorCode.ATTACHMENT_NOT_FOUND, "no attachment " + id);
    }

    /**
     * The caller's content as the blob store reads it: counted, hashed, and cut off past the limit.
     * Failures of the content itself are kept apart from the store's, to report them as the
     * caller's.
     */
    private static final class CheckedSource extends FilterInputStream {
        private final long limit;
        private final MessageDigest digest;
        /** For single-byte reads, so a store reading byte by byte allocates nothing per byte. */
        private final byte[] one = new byte[1];
        private long size;
        private CrmValidationException failure;

        CheckedSource(InputStream in, long limit) {
            super(in);
            this.limit = limit;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                throw new IOException(failure.getMessage());
            }
            int n;
            try {
                // One byte past the limit is enough to know it is too large.
                n = super.read(b, off, (int) Math.min(len, limit - size + 1));
            } catch (IOException | UncheckedIOException e) {
                failure = new CrmValidationException(ErrorCode.FILE_UNREADABLE, "the file could not be read: "
                        + e.getMessage(), e);
                throw new IOException(failure.getMessage(), e);
            }
            if (n > 0) {
                size += n;
                if (size > limit) {
                    failure = new CrmValidationException(ErrorCode.ATTACHMENT_TOO_LARGE, "the file is larger than the "
                            + "limit of " + limit + " bytes (" + (limit / (1024 * 1024)) + " MB); nothing was stored");
                    throw new IOException(failure.getMessage());
                }
                digest.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes would be neither counted nor hashed; a store has no reason to skip.
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // The caller's stream: the caller closes it.
        }
    }
}
