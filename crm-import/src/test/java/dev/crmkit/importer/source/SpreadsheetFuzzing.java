package dev.crmkit.importer.source;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the XLSX and XLS fuzz tests share: the input written to one file per JVM (the readers take
 * a path), small limits so that every input is read in bounded time and memory, and the checks
 * every {@link RecordSource} must pass on any file.
 */
final class SpreadsheetFuzzing {

    static final int MAX_CELL = 64;
    static final int MAX_ROWS = 1_000;
    static final SourceOptions OPTIONS = SourceOptions.DEFAULT.withLimits(SourceLimits.DEFAULT
            .withMaxCellChars(MAX_CELL).withMaxRows(MAX_ROWS).withMaxInflatedBytes(16L << 20));
    private static final Set<ErrorCode> DOCUMENTED = Set.of(ErrorCode.FILE_UNREADABLE,
            ErrorCode.FILE_FORMAT_UNSUPPORTED, ErrorCode.FILE_EMPTY, ErrorCode.TOO_MANY_ROWS);

    private static Path dir;

    private SpreadsheetFuzzing() {
    }

    /** A folder of this JVM's own under the system's temporary folder, removed when the JVM ends. */
    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("crmkit-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path created = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created)));
        }
        return dir;
    }

    static Path write(String name, byte[] data) {
        try {
            return Files.write(dir().resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens the file, reads every record and closes it, checking that only the documented failures
     * escape, that a failure sticks, that row numbers rise, that cells keep to the limit (cut
     * without splitting a surrogate pair) and that progress stays within the file.
     */
    static void readAll(Path file, Function<Path, RecordSource> open) {
        long size = size(file);
        RecordSource source = null;
        try {
            source = open.apply(file);
            check(source.info().totalBytes() == size, "totalBytes differs from the file's size");
            long lastRow = 0;
            long count = 0;
            SourceRecord r;
            while ((r = source.next()) != null) {
                count++;
                check(r.rowNumber() > lastRow, "row " + r.rowNumber() + " after row " + lastRow);
                check(r.rowNumber() <= MAX_ROWS, "row " + r.rowNumber() + " beyond the row limit");
                lastRow = r.rowNumber();
                for (String cell : r.cells()) {
                    check(cell.length() <= MAX_CELL + 2, "a cell of " + cell.length() + " characters");
                    check(cell.length() <= MAX_CELL || !Character.isHighSurrogate(cell.charAt(cell.length() - 1)),
                            "a cut cell ends in half a surrogate pair");
                }
                long read = source.bytesRead();
                check(read >= 0 && read <= size, "bytesRead " + read + " outside the file of " + size);
            }
            check(count <= MAX_ROWS, "more records than the limit");
            check(source.next() == null, "a record after the end");
            check(source.bytesRead() == size, "bytesRead at the end is not the file's size");
        } catch (ImportFileException e) {
            check(DOCUMENTED.contains(e.code()), "undocumented code " + e.code() + ": " + e.getMessage());
            check(e.getMessage() != null && !e.getMessage().isBlank(), "a failure without a message");
            if (source != null) {
                try {
                    SourceRecord after = source.next();
                    check(after == null, "a record after a failure");
                } catch (ImportFileException again) {
                    check(DOCUMENTED.contains(again.code()), "undocumented code " + again.code());
                }
            }
        } finally {
            if (source != null) {
                source.close();
                source.close();
            }
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isEmpty(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder; the system cleans it up eventually
        }
    }
}
