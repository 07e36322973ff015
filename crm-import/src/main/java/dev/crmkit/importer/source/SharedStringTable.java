package dev.crmkit.importer.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.jspecify.annotations.NullUnmarked;

/**
 * The shared strings of a workbook, by index, in bounded memory.
 *
 * <p>Each string is cut to the cell limit plus one character as it is parsed, so no string is
 * longer than a cell may be. The strings are kept as UTF-8 bytes in one array with an array of
 * end offsets (about one byte per character plus four per string, instead of some fifty bytes of
 * overhead per {@code String}); once that passes the memory budget, the table moves to two
 * temporary files (bytes and offsets) that are read by position, and memory no longer grows
 * with the table. The temporary files are deleted on {@link #close()}. A small direct-mapped
 * cache keeps recently used strings. Not thread-safe.
 */
@NullUnmarked // package-private implementation: not yet checked by NullAway
final class SharedStringTable implements Closeable {

    static final long DEFAULT_MEMORY_BUDGET = 8L << 20;
    /** More strings than a sheet has cells in practice; bounds the offsets file at 128 MiB. */
    static final int MAX_STRINGS = 1 << 24;
    private static final int CACHE_SIZE = 1024;
    private static final int WRITE_BUFFER = 64 * 1024;

    private final long memoryBudget;
    private final Path spillDirectory;

    private byte @Nullable [] data = new byte[4096];
    private int dataLength;
    private int @Nullable [] ends = new int[256];
    private int count;

    private @Nullable Path dataPath;
    private @Nullable Path indexPath;
    private @Nullable FileChannel dataFile;
    private @Nullable FileChannel indexFile;
    private @Nullable ByteBuffer dataOut;
    private @Nullable ByteBuffer indexOut;
    private long spilledBytes;
    private final ByteBuffer offsets = ByteBuffer.allocate(16);

    private final String[] cache = new String[CACHE_SIZE];
    private final int[] cachedIndex = new int[CACHE_SIZE];

    /**
     * @param memoryBudget bytes of strings and offsets kept in memory before moving to files
     * @param spillDirectory where the temporary files go, {@code null} for the system default
     */
    SharedStringTable(long memoryBudget, @Nullable Path spillDirectory) {
        this.memoryBudget = memoryBudget;
        this.spillDirectory = spillDirectory;
        Arrays.fill(cachedIndex, -1);
    }

    static SharedStringTable empty() {
        return new SharedStringTable(0, null);
    }

    /**
     * Parses {@code sharedStrings.xml}: each {@code <si>} is the concatenation of its {@code <t>}
     * texts, directly or in rich-text runs, without phonetic runs ({@code <rPh>}).
     */
    static SharedStringTable read(InputStream in, String partName, int maxCellChars, long memoryBudget,
                                  Path spillDirectory) throws IOException, XMLStreamException {
        SharedStringTable table = new SharedStringTable(memoryBudget, spillDirectory);
        try {
            CellText text = new CellText(maxCellChars);
            XMLStreamReader xml = XlsxXml.open(in);
            try {
                int depth = 0;
                int siDepth = -1;
                int textDepth = -1;
                int phoneticDepth = -1;
                while (xml.hasNext()) {
                    int event = XlsxXml.next(xml, partName);
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        String name = xml.getLocalName();
                        if (depth == 2 && "si".equals(name)) {
                            siDepth = depth;
                            text.clear();
                        } else if (siDepth > 0 && "rPh".equals(name) && phoneticDepth < 0) {
                            phoneticDepth = depth;
                        } else if (siDepth > 0 && phoneticDepth < 0 && textDepth < 0 && "t".equals(name)) {
                            textDepth = depth;
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        if (depth == textDepth) {
                            textDepth = -1;
                        } else if (depth == phoneticDepth) {
                            phoneticDepth = -1;
                        } else if (depth == siDepth) {
                            siDepth = -1;
                            table.add(text.toString());
                        }
                        depth--;
                    } else if (textDepth > 0 && XlsxXml.isText(event)) {
                        text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    }
                }
            } finally {
                XlsxXml.closeQuietly(xml);
            }
            table.finish();
            return table;
        } catch (IOException | XMLStreamException | RuntimeException e) {
            table.close();
            throw e;
        }
    }

    int size() {
        return count;
    }

    boolean isSpilled() {
        return dataFile != null;
    }

    void add(String s) throws IOException {
        if (count == MAX_STRINGS) {
            throw new HostileContentException("The workbook has more than " + MAX_STRINGS + " shared strings.");
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (dataFile == null && (long) dataLength + bytes.length + 4L * (count + 1) > memoryBudget) {
            spill();
        }
        if (dataFile == null) {
            if (dataLength + bytes.length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + bytes.length));
            }
            System.arraycopy(bytes, 0, data, dataLength, bytes.length);
            dataLength += bytes.length;
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
            }
            ends[count++] = dataLength;
        } else {
            write(dataFile, dataOut, bytes);
            spilledBytes += bytes.length;
            if (indexOut.remaining() < 8) {
                flush(indexFile, indexOut);
            }
            indexOut.putLong(spilledBytes);
            count++;
        }
    }

    /**
     * The string at the index.
     *
     * @throws IndexOutOfBoundsException for an index outside the table
     * @throws UncheckedIOException if the temporary file cannot be read
     */
    String get(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index);
        }
        int slot = index & (CACHE_SIZE - 1);
        if (cachedIndex[slot] == index) {
            return cache[slot];
        }
        String s = dataFile == null ? fromMemory(index) : fromFile(index);
        cache[slot] = s;
        cachedIndex[slot] = index;
        return s;
    }

    private String fromMemory(int index) {
        int start = index == 0 ? 0 : ends[index - 1];
        return new String(data, start, ends[index] - start, StandardCharsets.UTF_8);
    }

    private String fromFile(int index) {
        try {
            finish();
            offsets.clear();
            long start;
            long end;
            if (index == 0) {
                offsets.limit(8);
                readFully(indexFile, offsets, 0);
                start = 0;
                end = offsets.getLong(0);
            } else {
                readFully(indexFile, offsets, (index - 1) * 8L);
                start = offsets.getLong(0);
                end = offsets.getLong(8);
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) (end - start));
            readFully(dataFile, bytes, start);
            return new String(bytes.array(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the shared strings' temporary file", e);
        }
    }

    private void spill() throws IOException {
        dataPath = Files.createTempFile(spillDirectory == null ? tempDirectory() : spillDirectory, "crmkit-sst-", ".dat");
        indexPath = Files.createTempFile(spillDirectory == null ? tempDirectory() : spillDirectory, "crmkit-sst-", ".idx");
        dataFile = FileChannel.open(dataPath, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        indexFile = FileChannel.open(indexPath, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        dataOut = ByteBuffer.allocate(WRITE_BUFFER);
        indexOut = ByteBuffer.allocate(WRITE_BUFFER);
        write(dataFile, dataOut, Arrays.copyOf(data, dataLength));
        for (int i = 0; i < count; i++) {
            if (indexOut.remaining() < 8) {
                flush(indexFile, indexOut);
            }
            indexOut.putLong(ends[i]);
        }
        spilledBytes = dataLength;
        data = null;
        ends = null;
    }

    private static Path tempDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Writes out what is buffered; adding more afterwards is allowed. */
    private void finish() throws IOException {
        if (dataFile != null) {
            if (dataOut.position() > 0) {
                flush(dataFile, dataOut);
            }
            if (indexOut.position() > 0) {
                flush(indexFile, indexOut);
            }
        }
    }

    private static void write(FileChannel channel, ByteBuffer buffer, byte[] bytes) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            if (!buffer.hasRemaining()) {
                flush(channel, buffer);
            }
            int n = Math.min(buffer.remaining(), bytes.length - offset);
            buffer.put(bytes, offset, n);
            offset += n;
        }
    }

    private static void flush(FileChannel channel, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of the shared strings' temporary file");
            }
        }
    }

    /** Deletes the temporary files, if any; never throws. */
    @Override
    public void close() {
        data = null;
        ends = null;
        closeQuietly(dataFile);
        closeQuietly(indexFile);
        deleteQuietly(dataPath);
        deleteQuietly(indexPath);
        dataFile = null;
        indexFile = null;
        count = 0;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
