package dev.crmkit.importer.internal;

import dev.crmkit.core.text.TextFolding;
import dev.crmkit.importer.report.TemplateWriter;
import dev.crmkit.importer.source.RecordSource;
import dev.crmkit.importer.source.SourceInfo;
import dev.crmkit.importer.source.SourceRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * The template's rule for example rows: a row whose first cell starts with {@value #MARKER}, among
 * the first {@value #LOOKAHEAD} rows below the header, ends the instructions and examples; the rows
 * above it and the marker row itself are not records. A file without a marker is read whole, as
 * before. The rows a marker ends are looked for again on every pass, so a resumed job skips them
 * too.
 */
final class TemplateMarker implements RecordSource {

    /** What starts the marker row's first cell. */
    static final String MARKER = TemplateWriter.MARKER;
    /** How far below the header a marker is looked for; rows so far are held in memory. */
    static final int LOOKAHEAD = 50;

    private final RecordSource source;
    private final Deque<SourceRecord> held = new ArrayDeque<>();
    private long markerRow;
    private boolean looked;

    /** The records below the header of {@code source}, the template's example rows left out. */
    TemplateMarker(RecordSource source) {
        this.source = source;
    }

    /** Whether the first cell of the record marks the end of the examples. */
    static boolean isMarker(SourceRecord record) {
        return !record.cells().isEmpty() && TextFolding.trim(record.cell(0)).startsWith(MARKER);
    }

    /** The marker row's number, or 0 if the file has none (known once {@link #next} was called). */
    long markerRow() {
        lookAhead();
        return markerRow;
    }

    @Override
    public @Nullable SourceRecord next() {
        lookAhead();
        return held.isEmpty() ? source.next() : held.poll();
    }

    private void lookAhead() {
        if (looked) {
            return;
        }
        looked = true;
        SourceRecord r;
        while (held.size() < LOOKAHEAD && (r = source.next()) != null) {
            if (isMarker(r)) {
                held.clear();
                markerRow = r.rowNumber();
                return;
            }
            held.add(r);
        }
    }

    @Override
    public SourceInfo info() {
        return source.info();
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    public void close() {
        source.close();
    }
}
