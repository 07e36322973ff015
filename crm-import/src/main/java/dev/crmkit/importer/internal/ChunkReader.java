package dev.crmkit.importer.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.importjob.Chunk;
import dev.crmkit.core.importjob.ChunkPreparer;
import dev.crmkit.core.importjob.ImportRow;
import dev.crmkit.core.importjob.InFilePhones;
import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.core.importjob.PreparedChunk;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.importer.ImportFileException;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.source.RecordSource;
import dev.crmkit.importer.source.SourceInfo;
import dev.crmkit.importer.source.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-off between reading and committing: reads and parses a pass over the file on its own
 * thread, has core check each full chunk there, and hands the chunks over in file order through a
 * small queue (so at most a few chunks are in memory) while the committing thread stores the one
 * before. A failure on the reader thread is handed over too, and rethrown on the committing thread.
 *
 * <p>Rows before the job's next row were stored by an earlier run: they are read again only to
 * learn which phone numbers they took.
 */
final class ChunkReader implements AutoCloseable {

    /** Rows read and parsed, ready to commit, with the size of the whole file. */
    record Batch(PreparedChunk chunk, long totalBytes) {
        static final Batch END = new Batch(null, 0);
    }

    /**
     * Where a pass starts and what it must know of the rows before.
     *
     * @param markerRow the row of the template's marker, 0 for none (see {@link TemplateMarker})
     * @param rejectedBefore whether a row before {@code nextRow} was rejected; asked in ascending order
     */
    record Start(long nextRow, long dataRows, long headerRow, long markerRow, List<JobWarning> headerWarnings,
                 LongPredicate rejectedBefore) {
    }

    /** The warning of a template whose marker row has no record below it. */
    static final String NO_RECORDS_BELOW_MARKER = "NO_RECORDS_BELOW_MARKER";

    /** Row warnings kept per job; more are counted but not stored. */
    static final int MAX_ROW_WARNINGS = 1000;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
    private final RecordSource source;
    private final RowParser parser;
    private final ImportOptions options;
    private final Map<String, Integer> columns;
    private final Integer phoneColumn;
    private final PhoneParser phones;
    private final InFilePhones claimed;
    private final Start start;
    private final ChunkPreparer preparer;
    private final boolean write;
    private final AtomicInteger rowWarnings;
    private final long jobId;
    private final Thread thread;
    private long dataRows;
    private volatile boolean stopped;

    private ChunkReader(RecordSource source, RowParser parser, ImportOptions options, Map<String, Integer> columns,
                        PhoneParser phones, InFilePhones claimed, Start start, ChunkPreparer preparer, boolean write,
                        AtomicInteger rowWarnings, long jobId) {
        this.source = source;
        this.parser = parser;
        this.options = options;
        this.columns = columns;
        this.phoneColumn = columns.get("phone");
        this.phones = phones;
        this.claimed = claimed;
        this.start = start;
        this.preparer = preparer;
        this.write = write;
        this.rowWarnings = rowWarnings;
        this.dataRows = start.dataRows();
        this.jobId = jobId;
        this.thread = new Thread(this::run, "crm-import-reader-" + jobId);
        thread.setDaemon(true);
    }

    /**
     * Starts reading a pass of a job on its own thread.
     *
     * @param rowWarnings the job's row warnings so far in this run, shared by its passes
     */
    static ChunkReader start(RecordSource source, RowParser parser, ImportOptions options,
                             Map<String, Integer> columns, PhoneParser phones, InFilePhones claimed, Start start,
                             ChunkPreparer preparer, boolean write, AtomicInteger rowWarnings, long jobId) {
        ChunkReader reader = new ChunkReader(source, parser, options, columns, phones, claimed, start, preparer,
                write, rowWarnings, jobId);
        reader.thread.start();
        return reader;
    }

    private void run() {
        try {
            read();
            put(Batch.END);
        } catch (RuntimeException | Error e) {
            put(e);
        }
    }

    private void read() {
        List<ImportRow> rows = new ArrayList<>(options.chunkSize());
        List<JobWarning> warnings = new ArrayList<>(start.headerWarnings());
        // The row after the last one read: where the job goes on from once what was read is stored.
        long next = Math.max(start.nextRow(), Math.max(start.headerRow(), start.markerRow()) + 1);
        SourceRecord record;
        while (!stopped && (record = source.next()) != null) {
            if (record.isBlank()) {
                continue;
            }
            if (record.rowNumber() < start.nextRow()) {
                remember(record);
                continue;
            }
            next = record.rowNumber() + 1;
            dataRows++;
            if (dataRows > options.limits().maxRows()) {
                throw new ImportFileException(ErrorCode.TOO_MANY_ROWS,
                        "the file has more than " + options.limits().maxRows() + " data rows");
            }
            List<JobWarning> sink = warnings;
            rows.add(parser.parse(record, w -> {
                if (rowWarnings.getAndIncrement() < MAX_ROW_WARNINGS) {
                    sink.add(w);
                }
            }));
            if (rows.size() == options.chunkSize()) {
                put(batch(rows, next, warnings));
                rows = new ArrayList<>(options.chunkSize());
                warnings = new ArrayList<>();
            }
        }
        if (dataRows == 0 && start.markerRow() > 0) {
            warnings.add(new JobWarning(NO_RECORDS_BELOW_MARKER, start.markerRow(), null, "no record was found below the "
                    + TemplateMarker.MARKER + " row " + start.markerRow() + ": the rows above it and the row itself are"
                    + " instructions and examples, and records are written below it"));
        }
        if (!rows.isEmpty()) {
            put(batch(rows, next, warnings));
        } else if (!warnings.isEmpty() || start.nextRow() <= start.headerRow()) {
            // Nothing more to store, but the header's warnings and the detected encoding are;
            // the job stays after the rows already stored (going back would store them twice).
            put(batch(rows, next, warnings));
        }
    }

    /** A stored row read again on resume: if it was accepted, its number stays taken. */
    private void remember(SourceRecord record) {
        if (phoneColumn == null || start.rejectedBefore().test(record.rowNumber())) {
            return;
        }
        CellValue<PhoneNumber> phone = Cells.phone(record.cell(phoneColumn), phones);
        if (phone.value() != null) {
            claimed.claim(phone.value(), record.rowNumber());
        }
    }

    /** Builds the chunk and has core check its rows here, on the reader thread. */
    private Batch batch(List<ImportRow> rows, long nextRow, List<JobWarning> warnings) {
        SourceInfo info = source.info();
        Chunk chunk = new Chunk(rows, parser.headers(), columns, nextRow,
                Math.min(source.bytesRead(), info.totalBytes()), warnings, info.encoding(), info.delimiter(), write);
        return new Batch(preparer.prepare(chunk), info.totalBytes());
    }

    private void put(Object item) {
        try {
            while (!stopped && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // The committing thread is busy; wait for it unless it has stopped.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next batch, {@link Batch#END} after the last; while waiting for a slow reader, {@code
     * whileWaiting} runs every {@code pollEvery} (it keeps the job's lease alive).
     */
    Batch take(Duration pollEvery, Runnable whileWaiting) {
        try {
            Object item;
            long waitMillis = Math.max(10, pollEvery.toMillis());
            while ((item = queue.poll(waitMillis, TimeUnit.MILLISECONDS)) == null) {
                whileWaiting.run();
            }
            if (item instanceof RuntimeException e) {
                throw e;
            }
            if (item instanceof Error e) {
                throw e;
            }
            return (Batch) item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException(ErrorCode.JOB_STATE_INVALID, "interrupted while importing job " + jobId);
        }
    }

    /** Stops reading and waits a while for the reader thread to end. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
