package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.core.blob.FileSystemBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract on real files, and what only a file-system store can get wrong. */
class FileSystemBlobStoreContractTest extends BlobStoreContract {

    @TempDir
    Path root;

    @Override
    protected BlobStore newBlobStore() throws IOException {
        return FileSystemBlobStore.at(root.resolve("blobs"));
    }

    private long filesUnderRoot() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aFailedPutLeavesNoTemporaryFileBehind() throws IOException {
        InputStream failing = new java.io.SequenceInputStream(new ByteArrayInputStream(new byte[100_000]),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disconnected");
                    }
                });
        try {
            store.put(TenantId.of("acme"), "k", failing);
        } catch (IOException expected) {
            // checked below: nothing on disk
        }

        assertThat(filesUnderRoot()).isZero();
    }

    @Test
    void blobsStayUnderTheRootInAFolderPerTenant() throws IOException {
        store.put(TenantId.of("acme"), "abc", new ByteArrayInputStream(new byte[] {1}));
        store.put(TenantId.of(".."), "abc", new ByteArrayInputStream(new byte[] {2}));

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')))
                    .containsExactlyInAnyOrder("blobs/t-acme/ab/abc", "blobs/t-../ab/abc");
        }
    }
}
