package dev.crmkit.core.importjob;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A run of consecutive rows of a file, committed at once together with the job's progress: either
 * all of it is stored or none.
 *
 * @param rows the rows, in file order
 * @param headers the file's header cells, to name columns in row errors
 * @param columns the 0-based column of each mapped field, by field key
 * @param nextRow the first row number after this chunk
 * @param bytesRead bytes of the source read up to {@code nextRow}
 * @param warnings warnings found while reading this chunk (or the header, with the first chunk)
 * @param encoding the CSV encoding as known after this chunk, or {@code null}
 * @param delimiter the CSV delimiter, or {@code null}
 * @param write false to check and count only (the first pass of an atomic import); a dry-run job
 *     never writes whatever this says
 */
public record Chunk(List<ImportRow> rows, List<String> headers, Map<String, Integer> columns, long nextRow,
                    long bytesRead, List<JobWarning> warnings, @Nullable String encoding, @Nullable Character delimiter, boolean write) {
    public Chunk {
        rows = List.copyOf(rows);
        headers = List.copyOf(headers);
        columns = Map.copyOf(columns);
        warnings = List.copyOf(warnings);
    }
}
