package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.StorageException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.attachment.AttachmentDownload;
import dev.crmkit.core.attachment.NewAttachment;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.call.Call;
import dev.crmkit.core.call.NewCall;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.message.NewMessage;
import dev.crmkit.core.product.NewProduct;
import dev.crmkit.core.product.Product;
import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultInput;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.result.ResultTarget;
import dev.crmkit.core.spi.ImportChange;
import dev.crmkit.core.work.CustomerWorkItems;
import dev.crmkit.core.work.NewWorkItem;
import dev.crmkit.core.work.WorkItem;
import dev.crmkit.core.work.WorkItemKind;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.ImportReport;
import dev.crmkit.importer.Importer;
import dev.crmkit.jdbc.FaultInjectingDataSource.Fault;
import dev.crmkit.jdbc.FaultInjectingDataSource.Step;
import dev.crmkit.testkit.MutableClock;
import dev.crmkit.testkit.RecordingMessageGateway;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected at every step of three operations of the JDBC adapter: a customer update with
 * its activity, a customer deletion with its cascade, and an import job of three chunks. Each
 * operation is first run without faults from a fixed baseline, counting its steps (statements,
 * commits and COPY calls, see {@link FaultInjectingDataSource}); that run is also the reference
 * outcome. Then, for every step {@code n} and both {@link Fault kinds}, the baseline is restored,
 * step {@code n} fails, and the test checks that
 *
 * <ul>
 *   <li>the operation failed as the library promises: a {@link StorageException} ({@code
 *       STORAGE_FAILURE}), or for an import a job that did not complete and can be resumed;
 *   <li>the store is consistent: for an update or a deletion exactly as before (everything an
 *       admin can observe through the services, compared whole), for an import exactly the
 *       chunks committed before the fault, with the job's counts, rejected rows, activities and
 *       undo data matching them; and in raw SQL, no row of a customer's that outlived its
 *       customer, no attachment without its bytes, no bytes without their attachment, and no
 *       transaction or lock left behind on a pooled connection;
 *   <li>done again without faults (the import resumed by another importer once the lease of the
 *       one that failed ran out), the operation ends in the same state as the reference run; the
 *       resumed import, undone, leaves the same state as the reference run undone.
 * </ul>
 *
 * A fault after an operation's last commit can only hit a read or a clean-up; there the operation
 * may succeed, and the state must then already be the reference's.
 *
 * <p>Every step is a fault point: none is sampled away. The operations are small (two customers
 * with a full card, a file of 30 rows in chunks of 10), so the import takes under a hundred steps
 * and the suite well under a minute per database. {@link #faultPoints} would sample only if an
 * operation grew past {@value #MAX_FAULT_POINTS} steps, and then it would keep the first step of
 * every distinct statement (call and SQL text) and every commit. {@code
 * -Dcrm.test.printSteps=true} prints each operation's steps.
 *
 * <p>Sequence values taken by a rolled-back transaction stay taken, as on any database. So that
 * the outcome of a retry can be compared whole, ids included, with the reference run, the test
 * moves every sequence to just past the highest id stored before it retries ({@link
 * #realignSequences()}); a resumed import runs on a clock moved past the lease, so its job and
 * rows are compared without their instants and the job without its version.
 */
abstract class FaultInjectionTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final Actor ADMIN = Actor.admin(ACME, "boss");
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    static final int MAX_FAULT_POINTS = 400;

    /** Each sequence of the schema and the table whose ids it hands out. */
    private static final Map<String, String> SEQUENCES = Map.of("crm_customer_seq", "crm_customer",
            "crm_activity_seq", "crm_activity", "crm_audit_seq", "crm_audit", "crm_import_job_seq", "crm_import_job",
            "crm_result_seq", "crm_result", "crm_work_item_seq", "crm_work_item", "crm_call_seq", "crm_call",
            "crm_message_seq", "crm_message", "crm_attachment_seq", "crm_attachment");

    /** The tables of rows that belong to one customer. */
    private static final List<String> CUSTOMER_CHILDREN = List.of("crm_activity", "crm_result", "crm_product",
            "crm_call", "crm_message", "crm_attachment");

    @TempDir
    Path dir;

    private DataSource pool;
    private FaultInjectingDataSource db;
    private JdbcStorage storage;
    private MutableClock clock;
    private Crm crm;
    private List<String> tables;

    /** The shared, migrated, pooled database of the subclass. */
    protected abstract DataSource pool();

    @BeforeEach
    void wrapThePool() {
        pool = pool();
        db = new FaultInjectingDataSource(pool);
        storage = JdbcStorage.builder(db).migrate(false).build();
    }

    // ------------------------------------------------------------------ the three operations

    @TestFactory
    Stream<DynamicTest> aCustomerUpdateWithItsActivity() {
        Seeded seed = baseline(this::seedCustomers);
        UpdateRun update = new UpdateRun(seed.customer());
        db.watch();
        update.run();
        List<Step> steps = db.stop();
        Observed reference = observe();
        assertThat(reference.activities()).as("the update logged its activity")
                .anyMatch(a -> a.customerId() == seed.customer().id() && !a.changes().isEmpty());
        return faultTests(steps, (n, kind) -> {
            Seeded again = baseline(this::seedCustomers);
            Observed before = observe();
            UpdateRun faulty = new UpdateRun(again.customer());
            db.failAt(n, kind);
            Throwable thrown = catchThrowable(faulty::run);
            checkFired(steps, n);
            db.stop();
            if (thrown != null || n <= lastCommit(steps)) {
                assertStorageFailure(thrown);
                assertUnchanged(observe(), before, "nothing of the failed update is left");
                assertConsistent();
                realignSequences();
                faulty.run();
            }
            assertConsistent();
            assertUnchanged(observe(), reference, "the update done again");
        });
    }

    @TestFactory
    Stream<DynamicTest> aCustomerDeletionWithItsCascade() {
        Seeded seed = baseline(this::seedCards);
        db.watch();
        crm.customers().delete(ADMIN, seed.customer().id());
        List<Step> steps = db.stop();
        Observed reference = observe();
        assertThat(reference.customers()).extracting(Customer::id).containsExactly(seed.other().id());
        assertThat(reference.trackedWorkItems()).singleElement()
                .satisfies(w -> assertThat(w.customerId()).as("the work item stays, unlinked").isNull());
        assertThat(count("SELECT count(*) FROM crm_blob")).as("only the other customer's bytes").isOne();
        return faultTests(steps, (n, kind) -> {
            Seeded again = baseline(this::seedCards);
            Observed before = observe();
            db.failAt(n, kind);
            Throwable thrown = catchThrowable(() -> crm.customers().delete(ADMIN, again.customer().id()));
            checkFired(steps, n);
            db.stop();
            if (thrown != null || n <= firstCommit(steps)) {
                assertStorageFailure(thrown);
                assertUnchanged(observe(), before, "the customer and everything of it are still there");
                assertConsistent();
                realignSequences();
                crm.customers().delete(ADMIN, again.customer().id());
            }
            assertConsistent();
            assertUnchanged(observe(), reference, "the deletion done again");
        });
    }

    @TestFactory
    Stream<DynamicTest> anImportJobOfThreeChunks() throws IOException {
        ImportFile file = ImportFile.write(dir.resolve("musteriler.csv"));
        baseline(this::seedForImport);
        long jobId = submit(file);
        db.watch();
        assertThat(importer("first").runPending()).isOne();
        List<Step> steps = db.stop();
        ImportReport done = importer("first").report(ADMIN, jobId);
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.job().rows()).isEqualTo(ImportFile.ROWS);
        assertThat(done.job().created()).isEqualTo(file.created(Long.MAX_VALUE).size());
        assertThat(done.job().updated()).isOne();
        assertThat(done.job().rejected()).isEqualTo(file.rejected(Long.MAX_VALUE).size());
        assertThat(done.job().created() + done.job().updated() + done.job().skipped() + done.job().rejected())
                .isEqualTo(ImportFile.ROWS);
        checkImportCommitted(file, jobId, true);
        Observed reference = observe(false);
        crm.imports().undo(ADMIN, jobId);
        Observed referenceUndone = observe(false);
        assertThat(referenceUndone.customers()).as("undo leaves the stored customers")
                .extracting(Customer::fullName).containsExactlyInAnyOrder("Zeynep Kaya", "Selim Aydın");
        return faultTests(steps, (n, kind) -> {
            baseline(this::seedForImport);
            assertThat(submit(file)).as("the same job id as the reference").isEqualTo(jobId);
            db.failAt(n, kind);
            List<Integer> ran = new ArrayList<>();
            Throwable thrown = catchThrowable(() -> ran.add(importer("first").runPending()));
            checkFired(steps, n);
            db.stop();
            ImportJob job = crm.imports().find(ADMIN, jobId).orElseThrow();
            if (thrown != null) {
                assertStorageFailure(thrown);
            } else {
                assertThat(ran).as("the job was claimed and run once").containsExactly(1);
            }
            if (job.status() == JobStatus.COMPLETED) {
                assertThat(n).as("only a fault after the job's last write leaves it completed")
                        .isGreaterThan(lastWritingCommit(steps));
            } else {
                assertThat(job.status()).as("the job can be resumed").isIn(JobStatus.QUEUED, JobStatus.RUNNING);
            }
            checkImportCommitted(file, jobId, false);
            assertConsistent();

            realignSequences();
            clock.advance(LEASE.plusSeconds(1));
            Optional<ImportReport> resumed = importer("second").runJob(ACME, jobId);
            if (job.status() != JobStatus.COMPLETED) {
                assertThat(resumed).as("taken over once the lease ran out").isPresent();
                assertThat(resumed.get().status()).isEqualTo(JobStatus.COMPLETED);
            }
            checkImportCommitted(file, jobId, true);
            assertConsistent();
            assertSameImport(observe(false), reference, "the resumed import");
            crm.imports().undo(ADMIN, jobId);
            assertConsistent();
            assertSameImport(observe(false), referenceUndone, "the resumed import undone");
        });
    }

    /**
     * The same faults with an importer that retries: the job completes in the run that met the
     * fault, with no failure reaching the caller (claiming, starting, every chunk, the end and the
     * closing report are tried again; a failed chunk is rolled back whole and done again), with the reference run's counts, every
     * row's customer, activity, rejection and undo record once, and undoing it restores the
     * customers. Sequence numbers a rolled-back chunk used are not given back, so the ids may
     * differ from the reference run's and are not compared.
     */
    @TestFactory
    Stream<DynamicTest> anImportJobTakenUpAgainInTheSameProcess() throws IOException {
        ImportFile file = ImportFile.write(dir.resolve("musteriler.csv"));
        baseline(this::seedForImport);
        long jobId = submit(file);
        db.watch();
        assertThat(retrying("first").runPending()).isOne();
        List<Step> steps = db.stop();
        ImportJob reference = crm.imports().find(ADMIN, jobId).orElseThrow();
        assertThat(reference.status()).isEqualTo(JobStatus.COMPLETED);
        crm.imports().undo(ADMIN, jobId);
        List<Customer> referenceUndone = observe(false).customers();
        return faultTests(steps, (n, kind) -> {
            baseline(this::seedForImport);
            assertThat(submit(file)).as("the same job id as the reference").isEqualTo(jobId);
            db.failAt(n, kind);
            Throwable thrown = catchThrowable(() -> retrying("first").runPending());
            checkFired(steps, n);
            db.stop();
            assertThat(thrown).as("nothing reaches the caller").isNull();
            ImportJob job = crm.imports().find(ADMIN, jobId).orElseThrow();
            assertThat(job.status()).as("completed in spite of the fault").isEqualTo(JobStatus.COMPLETED);
            assertThat(List.of(job.rows(), job.created(), job.updated(), job.skipped(), job.rejected()))
                    .as("rows, created, updated, skipped, rejected").isEqualTo(List.of(reference.rows(),
                            reference.created(), reference.updated(), reference.skipped(), reference.rejected()));
            checkImportCommitted(file, jobId, true);
            assertConsistent();
            crm.imports().undo(ADMIN, jobId);
            assertConsistent();
            assertThat(observe(false).customers()).as("undone").usingRecursiveComparison()
                    .ignoringFieldsOfTypes(Instant.class).isEqualTo(referenceUndone);
        });
    }

    // ------------------------------------------------------------------ fault points

    /** What a test does for one fault point. */
    @FunctionalInterface
    private interface FaultCase {
        void run(int n, Fault kind) throws Exception;
    }

    private Stream<DynamicTest> faultTests(List<Step> steps, FaultCase test) {
        assertThat(steps).as("the operation touched the database").isNotEmpty();
        if (Boolean.getBoolean("crm.test.printSteps")) {
            steps.forEach(System.out::println);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : faultPoints(steps)) {
            for (Fault kind : Fault.values()) {
                Step step = steps.get(n - 1);
                tests.add(DynamicTest.dynamicTest(kind + " at " + step + " of " + steps.size(),
                        () -> test.run(n, kind)));
            }
        }
        return tests.stream();
    }

    /**
     * Every step, or if there are more than {@value #MAX_FAULT_POINTS}: the first step of each
     * distinct statement, every commit, and evenly spaced steps up to the limit.
     */
    static List<Integer> faultPoints(List<Step> steps) {
        Set<Integer> points = new TreeSet<>();
        if (steps.size() <= MAX_FAULT_POINTS) {
            for (Step s : steps) {
                points.add(s.number());
            }
            return List.copyOf(points);
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (Step s : steps) {
            if (kinds.add(s.kind()) || s.call().equals("commit")) {
                points.add(s.number());
            }
        }
        int stride = Math.max(1, steps.size() / Math.max(1, MAX_FAULT_POINTS - points.size()));
        for (int n = 1; n <= steps.size() && points.size() < MAX_FAULT_POINTS; n += stride) {
            points.add(n);
        }
        return List.copyOf(points);
    }

    /** The fault fired at the step the reference run took at the same place. */
    private void checkFired(List<Step> reference, int n) {
        Step fired = db.fired();
        assertThat(fired).as("the operation reached step " + n).isNotNull();
        assertThat(fired.kind()).as("the same step as in the reference run").isEqualTo(reference.get(n - 1).kind());
    }

    private static int firstCommit(List<Step> steps) {
        return steps.stream().filter(s -> s.call().equals("commit")).findFirst().orElseThrow().number();
    }

    private static int lastCommit(List<Step> steps) {
        int last = 0;
        for (Step s : steps) {
            if (s.call().equals("commit")) {
                last = s.number();
            }
        }
        return last;
    }

    /** The commit of the last unit of work that wrote anything. */
    /**
     * Whether the statement is one SQLite's adapter runs first in a writing transaction to take the
     * file's write lock; it changes nothing a job's outcome depends on.
     */
    private static boolean takesSqliteWriteLock(String sql) {
        return sql.startsWith("INSERT INTO crm_tenant ") || sql.startsWith("UPDATE crm_sequence SET next_value = next_value WHERE");
    }

    private static int lastWritingCommit(List<Step> steps) {
        int last = 0;
        boolean wrote = false;
        for (Step s : steps) {
            if (s.call().equals("commit")) {
                if (wrote) {
                    last = s.number();
                }
                wrote = false;
            } else if (s.sql() != null && s.sql().matches("(?i)(INSERT|UPDATE|DELETE|MERGE|COPY)\\b.*")
                    && !takesSqliteWriteLock(s.sql())) {
                wrote = true;
            }
        }
        return last;
    }

    /**
     * The library's storage failure, transient as both kinds of fault are, and reporting the
     * injected failure itself rather than a later failure of cleaning up after it.
     */
    private static void assertStorageFailure(Throwable thrown) {
        assertThat(thrown).as("the failure surfaces as the library's storage failure")
                .isInstanceOf(StorageException.class);
        assertThat(((CrmException) thrown).code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
        assertThat(((StorageException) thrown).isTransient()).as("a failure that may pass").isTrue();
        assertThat(thrown.getCause()).as("caused by the injected fault").isInstanceOf(SQLException.class)
                .hasMessageStartingWith("injected fault");
    }

    // ------------------------------------------------------------------ baselines

    /** What a seed made that the operations need. */
    private record Seeded(Customer customer, Customer other) {
    }

    /** Empties the database, restarts its sequences and seeds it through the services on a fresh clock. */
    private Seeded baseline(Function<Crm, Seeded> seed) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            // Row by row in one transaction: for the few rows of a baseline, much faster than TRUNCATE.
            c.setAutoCommit(false);
            for (String table : tables(c)) {
                s.execute("DELETE FROM " + table);
            }
            for (String sequence : SEQUENCES.keySet()) {
                s.execute(isSqlite() ? "UPDATE crm_sequence SET next_value = 0 WHERE name = '" + sequence + "'"
                        : "ALTER SEQUENCE " + sequence + " RESTART WITH 1");
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("the baseline could not be restored", e);
        }
        clock = MutableClock.at(T0);
        crm = Crm.builder(storage).clock(clock).messageGateway(new RecordingMessageGateway()).build();
        return seed.apply(crm);
    }

    /** Every table of the crmkit schema but the migrations' history. */
    private List<String> tables(Connection c) throws SQLException {
        if (tables == null) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), null, new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    String lower = name.toLowerCase(Locale.ROOT);
                    // crm_sequence holds the sequences themselves (SQLite), restarted below.
                    if (lower.startsWith("crm_") && !lower.equals("crm_schema_history") && !lower.equals("crm_sequence")) {
                        names.add(name);
                    }
                }
            }
            assertThat(names).as("the schema's tables").hasSizeGreaterThan(20);
            tables = names;
        }
        return tables;
    }

    private Seeded seedCustomers(Crm crm) {
        Customer ayse = crm.customers().create(ADMIN, NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67")
                .email("ayse@example.com").company("Yılmaz Tekstil").build());
        crm.activities().addNote(ADMIN, ayse.id(), "İlk görüşme yapıldı");
        Customer mehmet = crm.customers().create(ADMIN, NewCustomer.builder("Mehmet Demir", "0532 765 43 21").build());
        return new Seeded(crm.customers().get(ADMIN, ayse.id()), mehmet);
    }

    private Seeded seedCards(Crm crm) {
        Seeded s = seedCustomers(crm);
        long id = s.customer().id();
        crm.results().define(ADMIN, ResultCode.builder("ULASILDI", "Ulaşıldı")
                .appliesTo(ResultTarget.CUSTOMER, ResultTarget.PRODUCT).build());
        crm.results().apply(ADMIN, id, ResultInput.builder("ULASILDI", ResultSource.MANUAL).build());
        crm.products().add(ADMIN, id, NewProduct.builder("P-1").amount(BigDecimal.TEN).build());
        crm.results().apply(ADMIN, id, ResultInput.builder("ULASILDI", ResultSource.MANUAL).product("P-1").build());
        crm.workItems().create(ADMIN, NewWorkItem.builder(WorkItemKind.TASK, "Geri ara").customer(id).build());
        crm.calls().record(ADMIN, id, NewCall.builder("0530 123 45 67", T0.minusSeconds(3600), Duration.ofSeconds(95))
                .build());
        crm.messages().defineTemplate(ADMIN, MessageTemplate.builder("hatirlatma", "Hatırlatma",
                "Sayın [MÜŞTERİ_ADI], ödemenizi hatırlatırız.").channels(MessageChannel.SMS).build());
        crm.messages().send(ADMIN, id, NewMessage.fromTemplate(MessageChannel.SMS, "hatirlatma"));
        crm.attachments().upload(ADMIN, id, NewAttachment.of("sozlesme.pdf", "application/pdf"),
                new ByteArrayInputStream("%PDF-1.4 sözleşme".getBytes(StandardCharsets.UTF_8)));
        crm.attachments().upload(ADMIN, s.other().id(), NewAttachment.of("kimlik.txt", "text/plain"),
                new ByteArrayInputStream("kimlik".getBytes(StandardCharsets.UTF_8)));
        crm.activities().addNote(ADMIN, s.other().id(), "Başka bir müşteri");
        return new Seeded(crm.customers().get(ADMIN, id), s.other());
    }

    private Seeded seedForImport(Crm crm) {
        Customer zeynep = crm.customers().create(ADMIN, NewCustomer.builder("Zeynep Kaya", ImportFile.STORED_PHONE)
                .email("zeynep@example.com").build());
        Customer selim = crm.customers().create(ADMIN, NewCustomer.builder("Selim Aydın", "0533 111 22 33").build());
        return new Seeded(zeynep, selim);
    }

    /** The update under test: new name (so the search keys change too) and e-mail. */
    private final class UpdateRun {
        private final Customer customer;

        UpdateRun(Customer customer) {
            this.customer = customer;
        }

        void run() {
            crm.customers().update(ADMIN, CustomerUpdate.of(customer).fullName("Ayşe Yılmaz Kaya")
                    .email("ayse.kaya@example.com").build());
        }
    }

    // ------------------------------------------------------------------ imports

    /** An importer that leaves a job after a failure for another worker, as a process that died. */
    private Importer importer(String owner) {
        return Importer.builder(crm).owner(owner).lease(LEASE).workDir(dir).retries(0, Duration.ZERO).build();
    }

    /** An importer that takes a job up again itself after a passing failure, without waiting. */
    private Importer retrying(String owner) {
        return Importer.builder(crm).owner(owner).lease(LEASE).workDir(dir).retries(2, Duration.ZERO).build();
    }

    private long submit(ImportFile file) {
        return importer("first").submit(ADMIN, file.path(),
                ImportOptions.builder().chunkSize(10).onDuplicate(OnDuplicate.UPDATE).build()).id();
    }

    /** The file: 30 rows; two invalid, one repeating an earlier row's number, one updating a stored customer. */
    private record ImportFile(Path path, Map<Long, String> created, Set<Long> rejected, long updateRow) {

        static final int ROWS = 30;
        static final String STORED_PHONE = "0532 999 88 77";

        static ImportFile write(Path path) throws IOException {
            StringBuilder sb = new StringBuilder("isim;telefon;e-posta\n");
            Map<Long, String> created = new TreeMap<>();
            Set<Long> rejected = new TreeSet<>();
            long updateRow = 0;
            for (int i = 1; i <= ROWS; i++) {
                long row = i + 1; // the header is row 1
                String number = String.format("0532100%04d", i);
                String name = "Müşteri " + i;
                String email = i % 3 == 0 ? "musteri" + i + "@example.com" : "";
                switch (i) {
                    case 4 -> {
                        number = "12";
                        rejected.add(row);
                    }
                    case 13 -> {
                        name = "";
                        rejected.add(row);
                    }
                    case 17 -> {
                        number = STORED_PHONE;
                        name = "Zeynep Kaya Demir";
                        email = "zeynep.yeni@example.com";
                        updateRow = row;
                    }
                    case 26 -> {
                        number = String.format("0532100%04d", 6);
                        rejected.add(row);
                    }
                    default -> created.put(row, "+90532100" + String.format("%04d", i));
                }
                sb.append(name).append(';').append(number).append(';').append(email).append('\n');
            }
            Files.writeString(path, sb.toString(), StandardCharsets.UTF_8);
            return new ImportFile(path, created, rejected, updateRow);
        }

        /** The numbers of the customers created by rows before {@code nextRow}. */
        Set<String> created(long nextRow) {
            Set<String> phones = new TreeSet<>();
            created.forEach((row, phone) -> {
                if (row < nextRow) {
                    phones.add(phone);
                }
            });
            return phones;
        }

        Set<Long> rejected(long nextRow) {
            Set<Long> rows = new TreeSet<>();
            for (long r : rejected) {
                if (r < nextRow) {
                    rows.add(r);
                }
            }
            return rows;
        }

        long dataRows(long nextRow) {
            return Math.max(0, Math.min(nextRow, ROWS + 2L) - 2);
        }
    }

    /**
     * The store holds exactly the rows of the chunks the job has committed (all of them if {@code
     * complete}): their customers once each with their "imported" activity, their rejected rows,
     * the update if its row is among them, the job's counts and its undo data to match.
     */
    private void checkImportCommitted(ImportFile file, long jobId, boolean complete) {
        ImportJob job = crm.imports().find(ADMIN, jobId).orElseThrow();
        assertThat(job.nextRow()).as("the job goes on after a whole chunk").isIn(1L, 2L, 12L, 22L, 32L);
        long committedUpTo = complete ? Long.MAX_VALUE : job.nextRow();
        if (complete) {
            assertThat(job.nextRow()).isEqualTo(32L);
        }
        Set<String> expected = file.created(committedUpTo);
        boolean updated = file.updateRow() < committedUpTo;

        List<String> stored = strings("SELECT primary_phone FROM crm_customer WHERE tenant = 'acme' AND import_job_id = "
                + jobId);
        assertThat(stored).as("customers of the committed chunks, once each").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(job.rows()).as("rows counted").isEqualTo(file.dataRows(committedUpTo));
        assertThat(job.created()).isEqualTo(expected.size());
        assertThat(job.updated()).isEqualTo(updated ? 1 : 0);
        assertThat(job.skipped()).isZero();
        assertThat(job.rejected()).isEqualTo(file.rejected(committedUpTo).size());
        assertThat(job.created() + job.updated() + job.skipped() + job.rejected()).isEqualTo(job.rows());
        assertThat(crm.imports().rejectedRows(ADMIN, jobId, 0, 1000)).extracting(RejectedRow::row)
                .as("rejected rows recorded once each").containsExactlyElementsOf(file.rejected(committedUpTo));

        Customer zeynep = crm.customers().findByPhone(ADMIN, ImportFile.STORED_PHONE).orElseThrow();
        assertThat(zeynep.email()).isEqualTo(updated ? "zeynep.yeni@example.com" : "zeynep@example.com");
        List<Activity> activities = crm.activities().feed(ADMIN, ActivityQuery.newest(1000)).items();
        List<Long> importedActivities = activities.stream()
                .filter(a -> "imported".equals(a.data().get("event"))).map(Activity::customerId).toList();
        List<Long> importedCustomers = longs("SELECT id FROM crm_customer WHERE tenant = 'acme' AND import_job_id = "
                + jobId);
        assertThat(importedActivities).as("one 'imported' activity per imported customer").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(importedCustomers);
        assertThat(activities.stream().filter(a -> "importUpdated".equals(a.data().get("event")))
                .map(Activity::customerId)).containsExactlyElementsOf(updated ? List.of(zeynep.id()) : List.of());

        List<ImportChange> changes = storage.read(ACME, s -> s.importJobs().changes(jobId));
        assertThat(changes.stream().filter(ImportChange::created).map(ImportChange::customerId))
                .as("undo data: each creation once").containsExactlyInAnyOrderElementsOf(importedCustomers);
        assertThat(changes.stream().filter(c -> !c.created()).map(ImportChange::customerId))
                .as("undo data: the update").containsExactlyElementsOf(updated ? List.of(zeynep.id()) : List.of());
    }

    // ------------------------------------------------------------------ observing

    /**
     * Everything an admin of the tenant can observe through the services (attachments with a
     * digest of their downloaded bytes, the work items made in the seed whether linked or not),
     * plus each job's undo data.
     */
    private record Observed(List<Customer> customers, Map<Long, Optional<String>> nationalIds,
                            List<Activity> activities, List<AuditEntry> audit, List<ResultCode> resultCodes,
                            Map<Long, List<AppliedResult>> results, Map<Long, List<Product>> products,
                            Map<Long, CustomerWorkItems> workItems, List<WorkItem> trackedWorkItems,
                            Map<Long, List<Call>> calls, List<MessageTemplate> templates,
                            Map<Long, List<Message>> messages, Map<Long, List<Attachment>> attachments,
                            Map<Long, String> attachmentBytes, List<ImportJob> jobs,
                            Map<Long, List<RejectedRow>> rejectedRows, Map<Long, List<ImportChange>> changes) {

        /**
         * What an import changes, its instants set to one value and its jobs' versions to 0: what
         * {@link #assertSameImport} compares. An import touches no customer's card.
         */
        Observed withoutInstants() {
            return new Observed(customers.stream().map(Observed::withoutInstants).toList(), nationalIds,
                    activities.stream().map(a -> new Activity(a.id(), a.customerId(), a.type(), a.actorId(), T0,
                            a.text(), a.changes(), a.data())).toList(),
                    audit.stream().map(a -> new AuditEntry(a.id(), T0, a.actorId(), a.action(), a.subject())).toList(),
                    resultCodes, results, products, workItems, trackedWorkItems, calls, templates, messages,
                    attachments, attachmentBytes,
                    jobs.stream().map(j -> j.toBuilder().version(0).startedAt(T0).finishedAt(T0).lease(
                            j.leaseOwner(), j.leaseUntil() == null ? null : T0).build()).toList(),
                    rejectedRows, changes);
        }

        /** The customer with every instant it holds set to {@code T0}, component by component. */
        private static Customer withoutInstants(Customer c) {
            RecordComponent[] components = Customer.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    Object value = components[i].getAccessor().invoke(c);
                    values[i] = value instanceof Instant ? T0 : value;
                    types[i] = components[i].getType();
                }
                return Customer.class.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a record's canonical constructor and accessors are public", e);
            }
        }
    }

    /** Equal; if not, compared field by field, so that the failure names what differs. */
    private static void assertUnchanged(Observed actual, Observed expected, String what) {
        if (!actual.equals(expected)) {
            assertThat(actual).as(what).usingRecursiveComparison().isEqualTo(expected);
        }
    }

    /**
     * A resumed import against the reference run: equal but for the instants (the resume ran on a
     * clock moved past the lease) and the job's version (a takeover changes the job more often).
     */
    private static void assertSameImport(Observed actual, Observed expected, String what) {
        if (!actual.withoutInstants().equals(expected.withoutInstants())) {
            assertThat(actual).as(what).usingRecursiveComparison().ignoringFieldsOfTypes(Instant.class)
                    .ignoringFields("jobs.version").isEqualTo(expected);
        }
    }

    private Observed observe() {
        return observe(true);
    }

    /**
     * What the services show; with {@code cards}, every customer's card too (results, products,
     * work items, calls, messages, attachments and their bytes), which an import never touches.
     */
    private Observed observe(boolean cards) {
        List<Customer> customers = crm.customers().search(ADMIN,
                CustomerQuery.builder().sort(CustomerSort.CREATED).limit(CustomerQuery.MAX_LIMIT).build()).items();
        Map<Long, Optional<String>> nationalIds = new LinkedHashMap<>();
        Map<Long, List<AppliedResult>> results = new LinkedHashMap<>();
        Map<Long, List<Product>> products = new LinkedHashMap<>();
        Map<Long, CustomerWorkItems> workItems = new LinkedHashMap<>();
        Map<Long, List<Call>> calls = new LinkedHashMap<>();
        Map<Long, List<Message>> messages = new LinkedHashMap<>();
        Map<Long, List<Attachment>> attachments = new LinkedHashMap<>();
        Map<Long, String> attachmentBytes = new LinkedHashMap<>();
        for (Customer c : cards ? customers : List.<Customer>of()) {
            nationalIds.put(c.id(), crm.customers().revealNationalId(ADMIN, c.id()));
            results.put(c.id(), crm.results().history(ADMIN, c.id(), 1000));
            products.put(c.id(), crm.products().list(ADMIN, c.id()));
            workItems.put(c.id(), crm.workItems().forCustomer(ADMIN, c.id()));
            calls.put(c.id(), crm.calls().list(ADMIN, c.id(), 1000));
            messages.put(c.id(), crm.messages().list(ADMIN, c.id(), 1000));
            List<Attachment> files = crm.attachments().list(ADMIN, c.id());
            attachments.put(c.id(), files);
            for (Attachment a : files) {
                try (AttachmentDownload d = crm.attachments().download(ADMIN, a.id())) {
                    attachmentBytes.put(a.id(), sha256(d.content()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        List<WorkItem> tracked = new ArrayList<>();
        for (long id : longs("SELECT id FROM crm_work_item WHERE tenant = 'acme' ORDER BY id")) {
            tracked.add(crm.workItems().get(ADMIN, id));
        }
        List<ImportJob> jobs = crm.imports().list(ADMIN, 1000);
        Map<Long, List<RejectedRow>> rejected = new LinkedHashMap<>();
        Map<Long, List<ImportChange>> changes = new LinkedHashMap<>();
        for (ImportJob job : jobs) {
            rejected.put(job.id(), crm.imports().rejectedRows(ADMIN, job.id(), 0, 1000));
            changes.put(job.id(), storage.read(ACME, s -> s.importJobs().changes(job.id())));
        }
        return new Observed(customers, nationalIds, crm.activities().feed(ADMIN, ActivityQuery.newest(1000)).items(),
                crm.activities().auditLog(ADMIN, 1000), crm.results().list(ADMIN), results, products, workItems,
                tracked, calls, crm.messages().templates(ADMIN), messages, attachments, attachmentBytes, jobs, rejected,
                changes);
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(in.readAllBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ raw SQL checks

    /**
     * What the services cannot show: rows of a customer's that outlived it, attachments without
     * bytes and bytes without an attachment, and transactions or locks left behind on the pool's
     * connections.
     */
    private void assertConsistent() {
        List<String> children = new ArrayList<>(CUSTOMER_CHILDREN);
        if (isSqlite()) {
            assertThat(count("SELECT count(*) FROM crm_search_key x WHERE NOT EXISTS (SELECT 1 FROM crm_customer c"
                    + " JOIN crm_tenant t ON t.tenant = c.tenant WHERE c.id = x.customer_id AND t.id = x.tenant_no)"))
                    .as("search keys whose customer is gone").isZero();
        }
        for (String table : children) {
            assertThat(count("SELECT count(*) FROM " + table + " x WHERE NOT EXISTS (SELECT 1 FROM crm_customer c"
                    + " WHERE c.id = x.customer_id AND c.tenant = x.tenant)"))
                    .as("rows of %s whose customer is gone", table).isZero();
        }
        assertThat(count("SELECT count(*) FROM crm_work_item x WHERE x.customer_id IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM crm_customer c WHERE c.id = x.customer_id AND c.tenant = x.tenant)"))
                .as("work items linked to a customer that is gone").isZero();
        assertThat(count("SELECT count(*) FROM crm_customer c WHERE NOT EXISTS (SELECT 1 FROM crm_activity a"
                + " WHERE a.customer_id = c.id AND a.tenant = c.tenant)")).as("customers without any activity").isZero();
        assertThat(count("SELECT count(*) FROM crm_attachment a WHERE NOT EXISTS (SELECT 1 FROM crm_blob b"
                + " WHERE b.tenant = a.tenant AND b.blob_key = a.blob_key)")).as("attachments without bytes").isZero();
        assertThat(count("SELECT count(*) FROM crm_blob b WHERE NOT EXISTS (SELECT 1 FROM crm_attachment a"
                + " WHERE a.tenant = b.tenant AND a.blob_key = b.blob_key)")).as("bytes without an attachment").isZero();
        assertThat(count("SELECT count(*) FROM crm_blob_part p WHERE NOT EXISTS (SELECT 1 FROM crm_blob b"
                + " WHERE b.tenant = p.tenant AND b.blob_key = p.blob_key)")).as("parts without a blob").isZero();
        if (isSqlite()) {
            assertThat(count("SELECT count(*) FROM crm_customer c WHERE NOT EXISTS (SELECT 1 FROM crm_search_key k"
                    + " JOIN crm_tenant t ON t.id = k.tenant_no WHERE t.tenant = c.tenant AND k.customer_id = c.id)"))
                    .as("customers without search keys").isZero();
            // A connection left in a writing transaction would hold the file's write lock.
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 2000");
                s.execute("BEGIN IMMEDIATE");
                s.execute("ROLLBACK");
            } catch (SQLException e) {
                throw new AssertionError("a connection was left holding the write lock", e);
            }
        } else {
            // The server notices a connection dropped by its client a moment later.
            assertThat(settled("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()"))
                    .as("connections left in a transaction").isZero();
            assertThat(settled("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
                    .as("tenant locks left held").isZero();
        }
    }

    /** Moves each sequence to just past the highest id its table holds. */
    private void realignSequences() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (Map.Entry<String, String> e : SEQUENCES.entrySet()) {
                long next;
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM " + e.getValue())) {
                    rs.next();
                    next = rs.getLong(1);
                }
                if (isSqlite()) {
                    s.execute("UPDATE crm_sequence SET next_value = " + (next - 1) + " WHERE name = '" + e.getKey() + "'");
                } else {
                    s.execute("ALTER SEQUENCE " + e.getKey() + " RESTART WITH " + next);
                }
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("the sequences could not be moved", e);
        }
    }

    private boolean isSqlite() {
        return storage.databaseName().equals("SQLITE");
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Statement s) throws SQLException;
    }

    private void sql(SqlWork work) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            work.run(s);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A count once it is zero, or as it is after five seconds. */
    private long settled(String query) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long n;
        while ((n = count(query)) != 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return n;
    }

    private long count(String query) {
        return longs(query).get(0);
    }

    private List<Long> longs(String query) {
        List<Long> out = new ArrayList<>();
        sql(s -> {
            try (ResultSet rs = s.executeQuery(query)) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        });
        return out;
    }

    private List<String> strings(String query) {
        List<String> out = new ArrayList<>();
        sql(s -> {
            try (ResultSet rs = s.executeQuery(query)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        });
        return out;
    }
}
