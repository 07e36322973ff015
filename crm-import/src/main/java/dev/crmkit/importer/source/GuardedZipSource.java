package dev.crmkit.importer.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.jspecify.annotations.Nullable;
import org.jspecify.annotations.NullUnmarked;

/**
 * The zip container of an XLSX file as POI's {@link ZipEntrySource}, with this reader's own limits
 * instead of POI's {@code ZipSecureFile}, whose limits are JVM-wide static settings that one
 * import must not change for the whole host application.
 *
 * <ul>
 * <li>The central directory, which is read into memory when the zip is opened, may not exceed
 *     {@link #MAX_CENTRAL_DIRECTORY_BYTES}.</li>
 * <li>Every entry read is counted as it inflates and refused as a zip bomb once it passes
 *     {@link SourceLimits#maxInflatedBytes()} or its compressed size divided by
 *     {@link SourceLimits#minInflateRatio()} (entries under {@link #RATIO_GRACE_BYTES} are not held
 *     to the ratio). A size declared in the directory beyond that fails before inflating.</li>
 * <li>Entries not marked with {@link #allowStreaming} are the ones POI parses into a DOM (content
 *     types, relationships, document properties): they may not inflate beyond
 *     {@link #DOM_PART_MAX_BYTES}.</li>
 * <li>Every entry passes through an {@link XmlPartGuard}.</li>
 * </ul>
 */
@NullUnmarked // package-private implementation: not yet checked by NullAway
final class GuardedZipSource implements ZipEntrySource {

    static final long MAX_CENTRAL_DIRECTORY_BYTES = 4L << 20;
    static final long DOM_PART_MAX_BYTES = 4L << 20;
    static final long RATIO_GRACE_BYTES = 1L << 20;

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int EOCD_LENGTH = 22;
    private static final int ZIP64_LOCATOR_LENGTH = 20;

    private final ZipFile zip;
    private final long fileSize;
    private final SourceLimits limits;
    private final Set<String> streamed = new HashSet<>();
    private final Map<String, InflateLimitStream> opened = new HashMap<>();
    private @Nullable HostileContentException hostile;
    private boolean closed;

    private GuardedZipSource(ZipFile zip, long fileSize, SourceLimits limits) {
        this.zip = zip;
        this.fileSize = fileSize;
        this.limits = limits;
    }

    /**
     * Opens the zip after checking the size of its central directory.
     *
     * @throws HostileContentException for a directory beyond the limit
     * @throws IOException for anything that is not a readable zip
     */
    static GuardedZipSource open(Path file, long fileSize, SourceLimits limits) throws IOException {
        checkCentralDirectory(file);
        ZipFile zip = ZipFile.builder().setPath(file).get();
        return new GuardedZipSource(zip, fileSize, limits);
    }

    /** Lets the named entry inflate up to {@link SourceLimits#maxInflatedBytes()}: this reader streams it. */
    void allowStreaming(String entryName) {
        streamed.add(entryName);
    }

    /** The compressed bytes consumed by the stream last opened on the entry, or 0. */
    long compressedBytesRead(String entryName) {
        InflateLimitStream s = opened.get(entryName);
        return s == null ? 0 : s.compressedCount();
    }

    /**
     * The first refusal of any stream of this zip, or {@code null}: POI sometimes catches an
     * {@link IOException} and carries on, and a refusal must not be lost that way.
     */
    HostileContentException hostileContent() {
        return hostile;
    }

    /** Throws the first refusal of any stream of this zip, if there was one. */
    void checkNoHostileContent() throws HostileContentException {
        if (hostile != null) {
            throw hostile;
        }
    }

    private HostileContentException record(HostileContentException e) {
        if (hostile == null) {
            hostile = e;
        }
        return e;
    }

    @Override
    public Enumeration<? extends ZipArchiveEntry> getEntries() {
        return zip.getEntries();
    }

    @Override
    public ZipArchiveEntry getEntry(String path) {
        return zip.getEntry(path);
    }

    @Override
    public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
        if (closed) {
            throw new IOException("zip closed");
        }
        String name = entry.getName();
        long cap = streamed.contains(name) ? limits.maxInflatedBytes()
                : Math.min(limits.maxInflatedBytes(), DOM_PART_MAX_BYTES);
        long compressed = entry.getCompressedSize();
        if (compressed < 0 || compressed > fileSize) {
            compressed = fileSize;
        }
        double byRatio = compressed / limits.minInflateRatio();
        long allowed = byRatio >= cap ? cap : Math.max(Math.min(RATIO_GRACE_BYTES, cap), (long) byRatio);
        String reason = allowed == cap
                ? "inflates to more than " + cap + " bytes"
                : "is compressed more than " + Math.round(1 / limits.minInflateRatio())
                        + " to 1, as zip bombs are";
        if (entry.getSize() > allowed) {
            throw record(new HostileContentException("The part " + name + " " + reason + "."));
        }
        InputStream raw = zip.getInputStream(entry);
        if (raw == null) {
            throw new IOException("no data for " + name);
        }
        InflateLimitStream counted = new InflateLimitStream(raw, name, allowed, reason);
        opened.put(name, counted);
        return new RecordingStream(new XmlPartGuard(counted, name));
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            opened.clear();
            zip.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Finds the end of central directory record the way commons-compress does (the last signature
     * within the possible comment length) and refuses a directory that would take more than
     * {@link #MAX_CENTRAL_DIRECTORY_BYTES}: commons-compress reads it whole, entry by entry.
     */
    static void checkCentralDirectory(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < EOCD_LENGTH) {
                throw new IOException("too short for a zip file");
            }
            int tailLength = (int) Math.min(size, EOCD_LENGTH + 0xFFFF + ZIP64_LOCATOR_LENGTH);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int eocd = -1;
            for (int i = tailLength - EOCD_LENGTH; i >= 0; i--) {
                if (tail.getInt(i) == EOCD_SIGNATURE) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new IOException("no zip central directory found");
            }
            long eocdPosition = size - tailLength + eocd;
            long directoryStart = Integer.toUnsignedLong(tail.getInt(eocd + 16));
            if (eocd >= ZIP64_LOCATOR_LENGTH && tail.getInt(eocd - ZIP64_LOCATOR_LENGTH) == ZIP64_LOCATOR_SIGNATURE) {
                long recordPosition = tail.getLong(eocd - ZIP64_LOCATOR_LENGTH + 8);
                if (recordPosition < 0 || recordPosition > size - 56) {
                    throw new IOException("broken zip64 directory locator");
                }
                ByteBuffer record = read(channel, recordPosition, 56);
                if (record.getInt(0) != ZIP64_EOCD_SIGNATURE) {
                    throw new IOException("broken zip64 directory record");
                }
                directoryStart = record.getLong(48);
            }
            if (directoryStart < 0 || directoryStart > eocdPosition) {
                throw new IOException("the zip central directory lies outside the file");
            }
            if (eocdPosition - directoryStart > MAX_CENTRAL_DIRECTORY_BYTES) {
                throw new HostileContentException("The zip directory of the file is larger than "
                        + MAX_CENTRAL_DIRECTORY_BYTES + " bytes: far more parts than any workbook has.");
            }
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer;
    }

    /** Passes refusals on to {@link #hostileContent()}. */
    private final class RecordingStream extends FilterInputStream {

        RecordingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (HostileContentException e) {
                throw record(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (HostileContentException e) {
                throw record(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (HostileContentException e) {
                throw record(e);
            }
        }
    }

    /** Counts inflated bytes and stops at the allowance. */
    static final class InflateLimitStream extends FilterInputStream {

        private final String name;
        private final long allowed;
        private final String reason;
        private long inflated;

        InflateLimitStream(InputStream in, String name, long allowed, String reason) {
            super(in);
            this.name = name;
            this.allowed = allowed;
            this.reason = reason;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, (int) Math.min(len, allowed - inflated + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, allowed - inflated + 1));
            if (skipped > 0) {
                count(skipped);
            }
            return skipped;
        }

        private void count(long n) throws IOException {
            inflated += n;
            if (inflated > allowed) {
                throw new HostileContentException("The part " + name + " " + reason + ".");
            }
        }

        long compressedCount() {
            return in instanceof InputStreamStatistics s ? s.getCompressedCount() : 0;
        }
    }
}
