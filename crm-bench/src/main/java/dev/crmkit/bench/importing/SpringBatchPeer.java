package dev.crmkit.bench.importing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.batch.item.database.JdbcBatchItemWriter;
import org.springframework.batch.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.item.file.FlatFileItemReader;
import org.springframework.batch.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.batch.item.file.transform.DelimitedLineTokenizer;
import org.springframework.batch.item.file.transform.FieldSet;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The peer: the same import written the usual Spring Batch 5.2 way. A chunk-oriented step of
 * {@value #CHUNK} rows: a {@link FlatFileItemReader} (Windows-1254, {@code ;}, header skipped), an
 * {@link ItemProcessor} cleaning each row as {@link CleanRows.Normalizer} does (invalid rows
 * filtered), and a {@link JdbcBatchItemWriter} inserting into {@code crm_customer} (the columns
 * of {@link CustomerColumns} for the database) with ids from the sequence on PostgreSQL and
 * SQLite's next row id on SQLite, a number already stored (a repeat in the file) left out by the
 * database ({@code ON CONFLICT DO NOTHING}, which both have). Each chunk
 * is a transaction of a {@link DataSourceTransactionManager} on the benchmark's pool; the job
 * repository keeps nothing ({@link ResourcelessJobRepository}), so no Spring Batch tables are needed.
 *
 * <p>It does less than the library's import: no rejected-row report, no per-row errors, no
 * activity or undo record, no resumable job state, and on SQLite no search keys (the table has no
 * search column; the library writes {@code crm_search_key} rows).
 */
final class SpringBatchPeer {

    static final int CHUNK = 1000;

    /**
     * What the job did.
     *
     * @param read data rows read
     * @param filtered rows the processor dropped as invalid
     * @param written rows sent to the writer (repeated numbers included; the database skips those)
     */
    record Outcome(BatchStatus status, long read, long filtered, long written, double seconds) {
    }

    private SpringBatchPeer() {
    }

    /** Runs the job on the file; the whole job is timed. */
    static Outcome run(DataSource ds, Path csv, String tenant, boolean postgres) throws Exception {
        return run(ds, csv, tenant, postgres, CustomerColumns.TABLE);
    }

    /** Runs the job on the file into the given table of {@code crm_customer}'s columns; the whole job is timed. */
    static Outcome run(DataSource ds, Path csv, String tenant, boolean postgres, String table) throws Exception {
        CustomerColumns.Run run = new CustomerColumns.Run(tenant, Instant.now());
        JobRepository repository = new ResourcelessJobRepository();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);

        FlatFileItemReader<String[]> reader = new FlatFileItemReaderBuilder<String[]>()
                .name("customers")
                .resource(new FileSystemResource(csv))
                .encoding(CleanRows.TURKISH.name())
                .linesToSkip(1)
                .lineTokenizer(new DelimitedLineTokenizer(String.valueOf(CleanRows.DELIMITER)))
                .fieldSetMapper(FieldSet::getValues)
                .build();

        CleanRows.Normalizer normalizer = new CleanRows.Normalizer();
        int columns = ImportFileGenerator.HEADERS.length;
        ItemProcessor<String[], CleanRow> processor = cells -> normalizer.clean(
                cells.length >= columns ? cells : pad(cells, columns));

        JdbcBatchItemWriter<CleanRow> writer = new JdbcBatchItemWriterBuilder<CleanRow>()
                .dataSource(ds)
                .sql(insertSql(postgres, table))
                .itemPreparedStatementSetter((row, ps) -> CustomerColumns.bind(ps, postgres, row, 0, run, false))
                // A repeated number inserts nothing; that is not an error here.
                .assertUpdates(false)
                .build();

        Step step = new StepBuilder("import-customers", repository)
                .<String[], CleanRow>chunk(CHUNK, transactions)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .build();
        Job job = new JobBuilder("spring-batch-peer", repository).start(step).build();
        TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
        launcher.setJobRepository(repository);
        launcher.afterPropertiesSet();

        long t0 = System.nanoTime();
        JobExecution execution = launcher.run(job, new JobParameters());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("the Spring Batch job ended " + execution.getStatus() + ": "
                    + execution.getAllFailureExceptions());
        }
        StepExecution s = execution.getStepExecutions().iterator().next();
        return new Outcome(execution.getStatus(), s.getReadCount(), s.getFilterCount(), s.getWriteCount(), seconds);
    }

    /**
     * The writer's statement: the insert with {@code ON CONFLICT DO NOTHING}, which PostgreSQL and
     * SQLite both have. The id is the sequence's next value on PostgreSQL; on SQLite it is
     * {@code NULL}, which an {@code INTEGER PRIMARY KEY} turns into the next row id (the library
     * takes its ids from {@code crm_sequence}, which this job leaves as it is).
     */
    static String insertSql(boolean postgres) {
        return insertSql(postgres, CustomerColumns.TABLE);
    }

    static String insertSql(boolean postgres, String table) {
        String id = postgres ? "nextval('" + CustomerColumns.SEQUENCE + "')" : "NULL";
        return CustomerColumns.insertSql(postgres, id, table) + " ON CONFLICT DO NOTHING";
    }

    private static String[] pad(String[] cells, int n) {
        String[] out = Arrays.copyOf(cells, n);
        for (int i = cells.length; i < n; i++) {
            out[i] = "";
        }
        return out;
    }
}
