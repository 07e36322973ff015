package dev.crmkit.importer.source;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Run in a JVM with a small heap by {@code CsvSourceTest}: reads a generated CSV whose second row
 * holds one quoted cell far larger than the heap, either through {@link CsvSource} ({@code guarded})
 * or through Commons CSV alone ({@code plain}, which must run out of memory). Prints one line per
 * record: row number, cell count, length of each cell.
 */
final class HugeCellMain {

    private HugeCellMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long cellChars = Long.parseLong(args[1]);
        InputStream in = new HugeCellStream(cellChars);
        if (mode.equals("guarded")) {
            try (CsvSource source = CsvSource.open(in, HugeCellStream.size(cellChars), SourceOptions.DEFAULT)) {
                for (SourceRecord r = source.next(); r != null; r = source.next()) {
                    print(r.rowNumber(), r.cells().stream().mapToInt(String::length).toArray());
                }
            }
        } else {
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                 CSVParser parser = CSVFormat.RFC4180.parse(reader)) {
                for (CSVRecord r : parser) {
                    print(r.getRecordNumber(), r.stream().mapToInt(String::length).toArray());
                }
            }
        }
    }

    private static void print(long row, int[] lengths) {
        StringBuilder sb = new StringBuilder().append(row).append(':').append(lengths.length);
        for (int length : lengths) {
            sb.append(' ').append(length);
        }
        System.out.println(sb);
    }

    /** {@code name,note\nAli,"xxx…xxx"\nVeli,ok\n}, generated without holding it. */
    static final class HugeCellStream extends InputStream {

        private static final byte[] HEAD = "name,note\nAli,\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TAIL = "\"\nVeli,ok\n".getBytes(StandardCharsets.US_ASCII);

        private final long cellChars;
        private long pos;

        HugeCellStream(long cellChars) {
            this.cellChars = cellChars;
        }

        static long size(long cellChars) {
            return HEAD.length + cellChars + TAIL.length;
        }

        @Override
        public int read() {
            if (pos >= size(cellChars)) {
                return -1;
            }
            long p = pos++;
            if (p < HEAD.length) {
                return HEAD[(int) p];
            }
            p -= HEAD.length;
            return p < cellChars ? 'x' : TAIL[(int) (p - cellChars)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = size(cellChars) - pos;
            if (len == 0) {
                return 0;
            }
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}
