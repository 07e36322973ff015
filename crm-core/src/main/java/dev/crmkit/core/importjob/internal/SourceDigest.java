package dev.crmkit.core.importjob.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The size and SHA-256 of a job's source: a file left in place must be the one submitted when a
 * worker (maybe another process, maybe after a crash) starts reading it.
 */
record SourceDigest(long size, String hex) {

    static SourceDigest of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Counting counting = new Counting(in);
            counting.transferTo(OutputStream.nullOutputStream());
            return counting.digest();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Counts and hashes the bytes that pass through, for a source stored while it is read. */
    static final class Counting extends DigestInputStream {
        private long size;

        Counting(InputStream in) {
            super(in, sha256());
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                size++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                size += n;
            }
            return n;
        }

        /** The digest of what was read so far; call once, at the end. */
        SourceDigest digest() {
            return new SourceDigest(size, HexFormat.of().formatHex(getMessageDigest().digest()));
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }
    }
}
