package dev.crmkit.core.blob;

import dev.crmkit.core.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Blobs as files under one folder: {@code <root>/<tenant>/<first two characters of the key>/<key>}.
 * A blob is written to a temporary file in its final folder and moved into place, so readers see
 * either the old bytes or the new ones, never a part; a failed write leaves no file behind.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final String TEMPORARY = ".part-";

    private final Path root;

    private FileSystemBlobStore(Path root) {
        this.root = root;
    }

    /** A store under the folder, created if missing. */
    public static FileSystemBlobStore at(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        Files.createDirectories(root);
        return new FileSystemBlobStore(root.toRealPath());
    }

    /** The folder it stores under. */
    public Path root() {
        return root;
    }

    @Override
    public long put(TenantId tenant, String key, InputStream content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path target = path(tenant, key);
        Files.createDirectories(target.getParent());
        // Starts with a dot, so no key (which cannot) ever names a temporary file.
        Path temporary = target.resolveSibling(TEMPORARY + UUID.randomUUID());
        try {
            long size;
            try (OutputStream out = Files.newOutputStream(temporary)) {
                size = content.transferTo(out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return size;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<InputStream> open(TenantId tenant, String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(path(tenant, key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(TenantId tenant, String key) throws IOException {
        return Files.deleteIfExists(path(tenant, key));
    }

    private Path path(TenantId tenant, String key) {
        Objects.requireNonNull(tenant, "tenant");
        BlobStore.checkKey(key);
        // Tenant ids and keys are limited to letters, digits, '.', '_' and '-', and a key cannot be
        // "." or ".."; a tenant id could be, hence the prefix.
        return root.resolve("t-" + tenant.value()).resolve(key.substring(0, Math.min(2, key.length()))).resolve(key);
    }

    @Override
    public String toString() {
        return "FileSystemBlobStore[" + root + "]";
    }
}
