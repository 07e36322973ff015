package dev.crmkit.testkit;

import dev.crmkit.core.importjob.ImportMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.importjob.Chunk;
import dev.crmkit.core.importjob.ChunkResult;
import dev.crmkit.core.importjob.FieldPolicy;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.ImportJobService;
import dev.crmkit.core.importjob.ImportRow;
import dev.crmkit.core.importjob.ImportWorker;
import dev.crmkit.core.importjob.InFilePhones;
import dev.crmkit.core.importjob.JobEnd;
import dev.crmkit.core.importjob.JobRequest;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.importjob.PreparedChunk;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.importjob.UndoReport;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.importjob.JobClaim;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import jobs and the rules for storing imported rows, as users and importers observe them
 * through {@link ImportJobService} and {@link ImportWorker}: submitting with the source's size and
 * checksum, claims under leases and take-overs, chunk commits with every row error, the duplicate
 * modes and update policies, in-file duplicates across chunks, dry runs, atomic jobs, cancelling,
 * undo and tenant isolation. Rows are built by hand as an importer would hand them over, so this
 * suite needs no file reader.
 */
@DisplayName("Import jobs")
public abstract class ImportJobContract extends ContractSupport {

    /** The lease workers ask for. */
    protected static final Duration LEASE = Duration.ofSeconds(30);
    /** The worker most tests run jobs with, and a second one. */
    protected static final String OWNER = "worker-1";
    protected static final String OTHER_OWNER = "worker-2";

    /** The header row of the imagined file, and the column of each mapped field. */
    protected static final List<String> HEADERS =
            List.of("Ad Soyad", "Telefon", "E-posta", "Şirket", "Segment", "Adres", "Bölge");
    protected static final Map<String, Integer> COLUMNS = Map.of("fullName", 0, "phone", 1, "email", 2,
            "company", 3, "segment", 4, "address", 5, "region", 6);
    /** The clear token the imagined importer writes into a cell. */
    protected static final String CLEAR = "#CLEAR";

    /** The bytes most jobs are submitted with. */
    protected static final byte[] SOURCE =
            "Ad Soyad;Telefon\nAyşe Yılmaz;0530 123 45 67\n".getBytes(StandardCharsets.UTF_8);

    protected static final String PHONE = "+905301234567";
    protected static final String PHONE_2 = "+905321112233";
    protected static final String PHONE_3 = "+905421112233";
    protected static final String PHONE_4 = "+905055556677";
    protected static final String PHONE_5 = "+902125556677";
    protected static final String PHONE_6 = "+905441234567";

    /** The numbers committed chunks of the current job accepted, as an importer keeps them. */
    protected final InFilePhones phones = new InFilePhones();

    @TempDir
    protected Path tempDir;

    // ------------------------------------------------------------------------------------------
    // helpers

    protected ImportJobService jobs() {
        return crm.imports();
    }

    protected ImportWorker worker() {
        return crm.importWorker();
    }

    protected static JobRequest request(OnDuplicate onDuplicate) {
        return new JobRequest("musteriler.csv", false, onDuplicate, ImportMode.PARTIAL, Map.of(), Map.of());
    }

    protected static JobRequest dryRunRequest(OnDuplicate onDuplicate) {
        return new JobRequest("musteriler.csv", true, onDuplicate, ImportMode.PARTIAL, Map.of(), Map.of());
    }

    protected static JobRequest atomicRequest() {
        return new JobRequest("musteriler.csv", false, OnDuplicate.REJECT, ImportMode.ATOMIC, Map.of(), Map.of());
    }

    protected static JobRequest updateRequest(Map<String, FieldPolicy> policies) {
        return new JobRequest("musteriler.csv", false, OnDuplicate.UPDATE, ImportMode.PARTIAL, policies, Map.of());
    }

    protected ImportJob submit(Actor actor, JobRequest request) {
        return jobs().submit(actor, request, new ByteArrayInputStream(SOURCE));
    }

    /** Claims the next job as the given owner, checks it is the expected one, and starts it. */
    protected ImportJob claimAndStart(TenantId tenant, long jobId, String owner) {
        JobClaim claim = worker().claim(owner, LEASE)
                .orElseThrow(() -> new AssertionError("no job to claim, expected job " + jobId));
        assertThat(claim).isEqualTo(new JobClaim(tenant, jobId));
        return worker().start(tenant, jobId, owner, LEASE);
    }

    /** Submits a job as the actor and starts it as {@link #OWNER}. */
    protected long runningAs(Actor actor, JobRequest request) {
        long id = submit(actor, request).id();
        claimAndStart(actor.tenant(), id, OWNER);
        return id;
    }

    /** Submits a job as ACME's admin and starts it as {@link #OWNER}. */
    protected long running(JobRequest request) {
        return runningAs(admin, request);
    }

    protected ChunkResult commit(long jobId, Chunk chunk) {
        return worker().commitChunk(ACME, jobId, OWNER, chunk, phones);
    }

    protected ImportJob complete(long jobId) {
        return worker().finish(ACME, jobId, OWNER, JobEnd.completed());
    }

    /** Runs one job of the given rows in one chunk to its end and returns the chunk's result. */
    protected ChunkResult importRows(JobRequest request, RowSpec... rows) {
        long id = running(request);
        ChunkResult result = worker().commitChunk(ACME, id, OWNER, chunk(rows), new InFilePhones());
        complete(id);
        return result;
    }

    protected ImportJob job(long jobId) {
        return jobs().find(admin, jobId).orElseThrow(() -> new AssertionError("no job " + jobId));
    }

    protected static RowSpec row(long number, String name, String phone) {
        return new RowSpec(number, name, phone);
    }

    /** A chunk that writes; its next row follows the last row. */
    protected static Chunk chunk(RowSpec... rows) {
        return chunk(true, rows);
    }

    /** A chunk of the checking pass of an atomic job. */
    protected static Chunk checkingChunk(RowSpec... rows) {
        return chunk(false, rows);
    }

    private static Chunk chunk(boolean write, RowSpec... rows) {
        long next = Arrays.stream(rows).mapToLong(r -> r.number).max().orElse(1) + 1;
        return new Chunk(Arrays.stream(rows).map(RowSpec::build).toList(), HEADERS, COLUMNS, next, next * 40,
                List.of(), null, null, write);
    }

    protected Optional<Customer> customer(String e164) {
        return crm.customers().findByPhone(admin, e164);
    }

    protected Customer stored(String e164) {
        return customer(e164).orElseThrow(() -> new AssertionError("no customer with " + e164));
    }

    protected long customerCount() {
        return crm.customers().count(admin, CustomerQuery.all());
    }

    protected Customer createCustomer(NewCustomer customer) {
        return crm.customers().create(admin, customer);
    }

    protected List<Activity> timeline(long customerId) {
        return crm.activities().timeline(admin, customerId, ActivityQuery.newest(1000)).items();
    }

    protected List<Activity> feed() {
        return crm.activities().feed(admin, ActivityQuery.newest(1000)).items();
    }

    protected void defineRegion(boolean required) {
        crm.customFields().define(admin,
                CustomFieldDefinition.builder("region", "Bölge", FieldType.TEXT).required(required).build());
    }

    protected static List<ErrorCode> codes(RejectedRow row) {
        return row.errors().stream().map(RowError::code).toList();
    }

    protected static RowError errorOf(RejectedRow row, ErrorCode code) {
        return row.errors().stream().filter(e -> e.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("row " + row.row() + " has no " + code + ": " + row.errors()));
    }

    /** Asserts the call fails with a library exception of the given type and code. */
    protected static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A distinct valid Turkish mobile number for each index. */
    protected static String phone(int i) {
        return TestCustomers.mobile(i);
    }

    /**
     * One row as an importer hands it over: the parsed values, the original cells (derived from
     * the values unless given), cleared fields, and what the importer could not read.
     */
    protected static final class RowSpec {
        private final long number;
        private final String name;
        private final String phone;
        private String email;
        private String company;
        private String address;
        private Segment segment;
        private String region;
        private final Set<String> cleared = new LinkedHashSet<>();
        private final Set<String> failed = new LinkedHashSet<>();
        private final List<RowError> errors = new ArrayList<>();
        private final Map<String, String> rawCells = new LinkedHashMap<>();

        private RowSpec(long number, String name, String phone) {
            this.number = number;
            this.name = name;
            this.phone = phone;
        }

        public RowSpec email(String value) {
            email = value;
            return this;
        }

        public RowSpec company(String value) {
            company = value;
            return this;
        }

        public RowSpec address(String value) {
            address = value;
            return this;
        }

        public RowSpec segment(Segment value) {
            segment = value;
            return this;
        }

        public RowSpec region(String value) {
            region = value;
            return this;
        }

        /** The cell of the field held the clear token. */
        public RowSpec clear(String key) {
            cleared.add(key);
            rawCells.put(key, CLEAR);
            return this;
        }

        /** The importer could not read the field's cell and reported it. */
        public RowSpec unreadable(String key, String cell, ErrorCode code) {
            failed.add(key);
            rawCells.put(key, cell);
            errors.add(new RowError(number, HEADERS.get(COLUMNS.get(key)), cell, code, "cannot read " + cell));
            return this;
        }

        /** An error the importer found that does not stop core from checking the field. */
        public RowSpec importerError(String key, String cell, ErrorCode code) {
            rawCells.put(key, cell);
            errors.add(new RowError(number, HEADERS.get(COLUMNS.get(key)), cell, code, "bad value " + cell));
            return this;
        }

        public long number() {
            return number;
        }

        public ImportRow build() {
            NewCustomer.Builder b = NewCustomer.builder(name, phone).email(email).company(company).address(address)
                    .segment(segment);
            if (region != null) {
                b.customField("region", region);
            }
            String[] cells = new String[HEADERS.size()];
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("fullName", name);
            values.put("phone", phone);
            values.put("email", email);
            values.put("company", company);
            values.put("segment", segment == null ? null : segment.name());
            values.put("address", address);
            values.put("region", region);
            COLUMNS.forEach((key, column) -> {
                Object value = rawCells.containsKey(key) ? rawCells.get(key) : values.get(key);
                cells[column] = value == null ? "" : value.toString();
            });
            return new ImportRow(number, List.of(cells), b.build(), cleared, errors, failed);
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Submitting a job")
    class Submit {

        @Test
        @DisplayName("creates a QUEUED job with the request, the submitter, the clock's time and the source's size and SHA-256")
        void createsQueuedJob() {
            Map<String, String> settings = Map.of("delimiter", ";", "encoding", "UTF-8");
            Map<String, FieldPolicy> policies = Map.of("email", FieldPolicy.ONLY_IF_EMPTY);
            JobRequest request = new JobRequest("Müşteriler Mart.xlsx", false, OnDuplicate.UPDATE, ImportMode.ATOMIC, policies,
                    settings);

            ImportJob job = jobs().submit(admin, request, new ByteArrayInputStream(SOURCE));

            assertThat(job.id()).isPositive();
            assertThat(job.version()).isPositive();
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.fileName()).isEqualTo("Müşteriler Mart.xlsx");
            assertThat(job.submitter()).isEqualTo(admin);
            assertThat(job.dryRun()).isFalse();
            assertThat(job.onDuplicate()).isEqualTo(OnDuplicate.UPDATE);
            assertThat(job.mode()).isEqualTo(ImportMode.ATOMIC);
            assertThat(job.policies()).isEqualTo(policies);
            assertThat(job.settings()).isEqualTo(settings);
            assertThat(job.submittedAt()).isEqualTo(START);
            assertThat(job.startedAt()).isNull();
            assertThat(job.finishedAt()).isNull();
            assertThat(job.sourceBytes()).isEqualTo(SOURCE.length);
            assertThat(job.sourceChecksum()).isEqualToIgnoringCase(sha256(SOURCE));
            assertThat(job.sourcePath()).isNull();
            assertThat(job.rows()).isZero();
            assertThat(job.created()).isZero();
            assertThat(job.rejected()).isZero();
            assertThat(job.nextRow()).isEqualTo(1);
            assertThat(job.fatalCode()).isNull();
            assertThat(job.leaseOwner()).isNull();
            assertThat(job.undone()).isFalse();
            assertThat(job(job.id())).isEqualTo(job);
        }

        @Test
        @DisplayName("takes the submission time from the clock")
        void submittedAtComesFromTheClock() {
            tick(Duration.ofMinutes(42));

            ImportJob job = submit(admin, request(OnDuplicate.REJECT));

            assertThat(job.submittedAt()).isEqualTo(START.plus(Duration.ofMinutes(42)));
            assertThat(job(job.id()).submittedAt()).isEqualTo(START.plus(Duration.ofMinutes(42)));
        }

        @Test
        @DisplayName("keeps the source's bytes, which a worker reads back after claiming the job")
        void workerReadsStoredSource() {
            byte[] bytes = new byte[70_000];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 31 + 7);
            }
            ImportJob job = jobs().submit(admin, request(OnDuplicate.REJECT), new ByteArrayInputStream(bytes));

            JobClaim claim = worker().claim(OWNER, LEASE).orElseThrow();

            assertThat(claim.jobId()).isEqualTo(job.id());
            assertThat(job.sourceBytes()).isEqualTo(bytes.length);
            assertThat(job.sourceChecksum()).isEqualToIgnoringCase(sha256(bytes));
            assertThat(readAll(worker().openSource(ACME, job.id()))).isEqualTo(bytes);
        }

        @Test
        @DisplayName("a job's stored source is removed when the job ends, completed, failed or cancelled")
        void sourceIsRemovedWhenTheJobEnds() {
            byte[] bytes = "isim;telefon\nAli;05321112233\n".getBytes(StandardCharsets.UTF_8);
            long completed = jobs().submit(admin, request(OnDuplicate.REJECT), new ByteArrayInputStream(bytes)).id();
            long failed = jobs().submit(admin, request(OnDuplicate.REJECT), new ByteArrayInputStream(bytes)).id();
            long cancelled = jobs().submit(admin, request(OnDuplicate.REJECT), new ByteArrayInputStream(bytes)).id();
            long waiting = jobs().submit(admin, request(OnDuplicate.REJECT), new ByteArrayInputStream(bytes)).id();

            claimAndStart(ACME, completed, OWNER);
            complete(completed);
            claimAndStart(ACME, failed, OWNER);
            worker().finish(ACME, failed, OWNER, JobEnd.fileFailed(ErrorCode.FILE_UNREADABLE, "broken"));
            jobs().cancel(admin, cancelled);

            for (long ended : new long[] {completed, failed, cancelled}) {
                assertFails(ConflictException.class, ErrorCode.SOURCE_CHANGED, () -> worker().openSource(ACME, ended));
            }
            assertThat(readAll(worker().openSource(ACME, waiting))).as("a job still waiting keeps it").isEqualTo(bytes);
        }

        @Test
        @DisplayName("an empty source is recorded as 0 bytes with the SHA-256 of nothing")
        void emptySource() {
            ImportJob job = jobs().submit(admin, request(OnDuplicate.REJECT), new ByteArrayInputStream(new byte[0]));

            assertThat(job.sourceBytes()).isZero();
            assertThat(job.sourceChecksum()).isEqualToIgnoringCase(sha256(new byte[0]));
            assertThat(readAll(worker().openSource(ACME, job.id()))).isEmpty();
        }

        @Test
        @DisplayName("each job keeps its own source")
        void sourcesAreKeptApart() {
            byte[] first = "isim;telefon\nAli;05321112233\n".getBytes(StandardCharsets.UTF_8);
            byte[] second = "isim;telefon\nVeli;05421112233\nCan;05055556677\n".getBytes(StandardCharsets.UTF_8);
            long a = jobs().submit(admin, request(OnDuplicate.REJECT), new ByteArrayInputStream(first)).id();
            long b = jobs().submit(admin, request(OnDuplicate.SKIP), new ByteArrayInputStream(second)).id();

            assertThat(readAll(worker().openSource(ACME, a))).isEqualTo(first);
            assertThat(readAll(worker().openSource(ACME, b))).isEqualTo(second);
            assertThat(job(b).sourceChecksum()).isEqualToIgnoringCase(sha256(second));
        }

        @Test
        @DisplayName("a shared file is recorded with its path, size and SHA-256 and read from there")
        void sharedSourceIsRecorded() throws IOException {
            byte[] bytes = "isim;telefon\nAli;05321112233\n".getBytes(StandardCharsets.UTF_8);
            Path file = Files.write(tempDir.resolve("musteriler.csv"), bytes);

            ImportJob job = jobs().submitShared(admin, request(OnDuplicate.REJECT), file);

            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.sourcePath()).isNotNull();
            assertThat(job.sourceBytes()).isEqualTo(bytes.length);
            assertThat(job.sourceChecksum()).isEqualToIgnoringCase(sha256(bytes));
            assertThat(job(job.id())).isEqualTo(job);
            assertThat(worker().claim(OWNER, LEASE)).contains(new JobClaim(ACME, job.id()));
            assertThat(readAll(worker().openSource(ACME, job.id()))).isEqualTo(bytes);
            assertThat(worker().start(ACME, job.id(), OWNER, LEASE).status()).isEqualTo(JobStatus.RUNNING);
        }

        @Test
        @DisplayName("starting a job whose shared file was changed to other bytes of the same size fails with SOURCE_CHANGED")
        void changedSharedFileSameSize() throws IOException {
            Path file = Files.writeString(tempDir.resolve("musteriler.csv"), "isim;telefon\nAli;05321112233\n");
            ImportJob job = jobs().submitShared(admin, request(OnDuplicate.REJECT), file);
            Files.writeString(file, "isim;telefon\nAli;05321112234\n");
            assertThat(worker().claim(OWNER, LEASE)).contains(new JobClaim(ACME, job.id()));

            assertFails(ConflictException.class, ErrorCode.SOURCE_CHANGED,
                    () -> worker().start(ACME, job.id(), OWNER, LEASE));
            assertThat(job(job.id()).status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job(job.id()).startedAt()).isNull();
        }

        @Test
        @DisplayName("starting a job whose shared file grew fails with SOURCE_CHANGED")
        void changedSharedFileOtherSize() throws IOException {
            Path file = Files.writeString(tempDir.resolve("musteriler.csv"), "isim;telefon\nAli;05321112233\n");
            ImportJob job = jobs().submitShared(admin, request(OnDuplicate.REJECT), file);
            Files.writeString(file, "isim;telefon\nAli;05321112233\nVeli;05421112233\n");
            worker().claim(OWNER, LEASE).orElseThrow();

            assertFails(ConflictException.class, ErrorCode.SOURCE_CHANGED,
                    () -> worker().start(ACME, job.id(), OWNER, LEASE));
            assertThat(job(job.id()).status()).isEqualTo(JobStatus.QUEUED);
        }

        @Test
        @DisplayName("CONTRIBUTE may submit jobs that reject or skip stored phones, for a stream or a shared file")
        void contributeSubmitsNewCustomerJobs() throws IOException {
            Actor ayse = userWithLevel("ayse", PermissionLevel.CONTRIBUTE, "agents");
            Path file = Files.writeString(tempDir.resolve("a.csv"), "isim;telefon\n");

            ImportJob reject = submit(ayse, request(OnDuplicate.REJECT));
            ImportJob skip = submit(ayse, request(OnDuplicate.SKIP));
            ImportJob shared = jobs().submitShared(ayse, request(OnDuplicate.SKIP), file);

            assertThat(jobs().list(admin, 10)).extracting(ImportJob::id)
                    .containsExactlyInAnyOrder(reject.id(), skip.id(), shared.id());
            assertThat(reject.submitter()).isEqualTo(ayse);
        }

        @Test
        @DisplayName("below CONTRIBUTE submitting is PERMISSION_DENIED and stores no job")
        void viewCannotSubmit() throws IOException {
            submit(admin, request(OnDuplicate.REJECT));
            List<ImportJob> before = jobs().list(admin, 100);
            Actor viewer = userWithLevel("zeynep", PermissionLevel.VIEW, "finance");
            Path file = Files.writeString(tempDir.resolve("z.csv"), "isim;telefon\n");

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> submit(viewer, request(OnDuplicate.REJECT)));
            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> submit(viewer, request(OnDuplicate.SKIP)));
            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> jobs().submitShared(viewer, request(OnDuplicate.REJECT), file));
            assertThat(jobs().list(admin, 100)).isEqualTo(before);
            claimAndStart(ACME, before.get(0).id(), OWNER);
            assertThat(worker().claim(OTHER_OWNER, LEASE)).isEmpty();
        }

        @Test
        @DisplayName("UPDATE mode needs EDIT: CONTRIBUTE is PERMISSION_DENIED and stores no job")
        void updateModeNeedsEdit() throws IOException {
            Actor contributor = userWithLevel("ayse", PermissionLevel.CONTRIBUTE, "agents");
            Actor editor = userWithLevel("mehmet", PermissionLevel.EDIT, "agents");
            Path file = Files.writeString(tempDir.resolve("u.csv"), "isim;telefon\n");

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> submit(contributor, request(OnDuplicate.UPDATE)));
            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> jobs().submitShared(contributor, request(OnDuplicate.UPDATE), file));
            assertThat(jobs().list(admin, 100)).isEmpty();

            ImportJob job = submit(editor, request(OnDuplicate.UPDATE));
            assertThat(jobs().list(admin, 100)).extracting(ImportJob::id).containsExactly(job.id());
        }

        @Test
        @DisplayName("jobs are listed newest first, up to the limit")
        void listsNewestFirst() {
            long first = submit(admin, request(OnDuplicate.REJECT)).id();
            tick();
            long second = submit(admin, request(OnDuplicate.SKIP)).id();
            tick();
            long third = submit(admin, request(OnDuplicate.REJECT)).id();

            assertThat(jobs().list(admin, 10)).extracting(ImportJob::id).containsExactly(third, second, first);
            assertThat(jobs().list(admin, 2)).extracting(ImportJob::id).containsExactly(third, second);
        }

        @Test
        @DisplayName("an unknown job is not found")
        void unknownJob() {
            assertThat(jobs().find(admin, 987_654)).isEmpty();
            assertFails(NotFoundException.class, ErrorCode.JOB_NOT_FOUND, () -> jobs().cancel(admin, 987_654));
            assertFails(NotFoundException.class, ErrorCode.JOB_NOT_FOUND, () -> jobs().undo(admin, 987_654));
            assertFails(NotFoundException.class, ErrorCode.JOB_NOT_FOUND,
                    () -> jobs().rejectedRows(admin, 987_654, 0, 10));
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Claims and leases")
    class Claims {

        @Test
        @DisplayName("with nothing queued there is nothing to claim")
        void nothingToClaim() {
            assertThat(worker().claim(OWNER, LEASE)).isEmpty();
        }

        @Test
        @DisplayName("a claim takes the oldest queued job of any tenant")
        void claimsOldestAcrossTenants() {
            long globexFirst = submit(otherAdmin, request(OnDuplicate.REJECT)).id();
            tick();
            long acme = submit(admin, request(OnDuplicate.REJECT)).id();
            tick();
            long globexSecond = submit(otherAdmin, request(OnDuplicate.REJECT)).id();

            claimAndStart(GLOBEX, globexFirst, OWNER);
            claimAndStart(ACME, acme, OWNER);
            claimAndStart(GLOBEX, globexSecond, OWNER);
            assertThat(worker().claim(OWNER, LEASE)).isEmpty();
        }

        @Test
        @DisplayName("a claim sets the lease owner and its end")
        void claimSetsLease() {
            long id = submit(admin, request(OnDuplicate.REJECT)).id();

            worker().claim(OWNER, LEASE).orElseThrow();

            assertThat(job(id).leaseOwner()).isEqualTo(OWNER);
            assertThat(job(id).leaseUntil()).isEqualTo(START.plus(LEASE));
        }

        @Test
        @DisplayName("a claimed queued job is not claimed again while its lease runs")
        void claimedQueuedJobIsNotClaimedTwice() {
            long first = submit(admin, request(OnDuplicate.REJECT)).id();
            long second = submit(admin, request(OnDuplicate.REJECT)).id();

            Optional<JobClaim> a = worker().claim(OWNER, LEASE);
            Optional<JobClaim> b = worker().claim(OTHER_OWNER, LEASE);
            Optional<JobClaim> c = worker().claim("worker-3", LEASE);

            assertThat(a).contains(new JobClaim(ACME, first));
            assertThat(b).contains(new JobClaim(ACME, second));
            assertThat(c).isEmpty();
            assertThat(job(first).leaseOwner()).isEqualTo(OWNER);
        }

        @Test
        @DisplayName("a running job is not claimed while its lease runs, also after a renewal past the first lease's end")
        void runningJobIsNotClaimedWhileLeased() {
            long id = running(request(OnDuplicate.REJECT));

            assertThat(worker().claim(OTHER_OWNER, LEASE)).isEmpty();
            tick(LEASE.minusSeconds(5));
            ImportJob renewed = worker().renew(ACME, id, OWNER, LEASE);
            assertThat(renewed.leaseUntil()).isEqualTo(clock.instant().plus(LEASE));
            tick(Duration.ofSeconds(10));

            assertThat(worker().claim(OTHER_OWNER, LEASE)).isEmpty();
            assertThat(job(id).leaseOwner()).isEqualTo(OWNER);
        }

        @Test
        @DisplayName("start makes the job RUNNING with the clock's time and extends the lease")
        void startRunsTheJob() {
            long id = submit(admin, request(OnDuplicate.REJECT)).id();
            worker().claim(OWNER, LEASE).orElseThrow();
            tick(Duration.ofSeconds(3));

            ImportJob started = worker().start(ACME, id, OWNER, LEASE);

            assertThat(started.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(started.startedAt()).isEqualTo(START.plusSeconds(3));
            assertThat(started.leaseOwner()).isEqualTo(OWNER);
            assertThat(started.leaseUntil()).isEqualTo(START.plusSeconds(3).plus(LEASE));
            assertThat(job(id)).isEqualTo(started);
        }

        @Test
        @DisplayName("a worker that did not claim the job cannot start it")
        void startNeedsTheLease() {
            long id = submit(admin, request(OnDuplicate.REJECT)).id();
            worker().claim(OWNER, LEASE).orElseThrow();
            ImportJob before = job(id);

            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID,
                    () -> worker().start(ACME, id, OTHER_OWNER, LEASE));
            assertThat(job(id)).isEqualTo(before);
        }

        @Test
        @DisplayName("a running job whose lease expired is taken over, and resumes from its last committed chunk")
        void expiredLeaseIsTakenOver() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, "Ali Veli", PHONE), row(3, "Can Kaya", PHONE_2)));
            tick(LEASE.plusSeconds(1));

            Optional<JobClaim> claim = worker().claim(OTHER_OWNER, LEASE);

            assertThat(claim).contains(new JobClaim(ACME, id));
            assertThat(job(id).leaseOwner()).isEqualTo(OTHER_OWNER);
            ImportJob resumed = worker().start(ACME, id, OTHER_OWNER, LEASE);
            assertThat(resumed.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(resumed.nextRow()).isEqualTo(4);
            assertThat(resumed.rows()).isEqualTo(2);
            assertThat(resumed.created()).isEqualTo(2);
            ChunkResult next = worker().commitChunk(ACME, id, OTHER_OWNER, chunk(row(4, "Ece Ak", PHONE_3)), phones);
            assertThat(next.created()).isEqualTo(1);
            assertThat(next.job().rows()).isEqualTo(3);
            assertThat(customerCount()).isEqualTo(3);
        }

        @Test
        @DisplayName("after a take-over the first owner can neither renew, commit nor finish, and changes nothing")
        void formerOwnerIsLockedOut() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, "Ali Veli", PHONE)));
            tick(LEASE.plusSeconds(1));
            worker().claim(OTHER_OWNER, LEASE).orElseThrow();
            ImportJob taken = job(id);

            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID,
                    () -> worker().renew(ACME, id, OWNER, LEASE));
            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID,
                    () -> commit(id, chunk(row(3, "Can Kaya", PHONE_2))));
            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID,
                    () -> worker().markChecked(ACME, id, OWNER));
            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID,
                    () -> worker().finish(ACME, id, OWNER, JobEnd.completed()));
            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID,
                    () -> worker().start(ACME, id, OWNER, LEASE));

            assertThat(job(id)).isEqualTo(taken);
            assertThat(customer(PHONE_2)).isEmpty();
            assertThat(customerCount()).isEqualTo(1);
            assertThat(phones.rowOf(PhoneNumber.of(PHONE_2))).isZero();
            assertThat(phones.size()).isEqualTo(1);
        }

        @Test
        @DisplayName("completed, failed and cancelled jobs are never claimed, however late it gets")
        void endedJobsAreNotClaimed() {
            long completed = running(request(OnDuplicate.REJECT));
            complete(completed);
            long failed = running(request(OnDuplicate.REJECT));
            worker().finish(ACME, failed, OWNER, JobEnd.fileFailed(ErrorCode.FILE_UNREADABLE, "broken"));
            long cancelledRunning = running(request(OnDuplicate.REJECT));
            jobs().cancel(admin, cancelledRunning);
            long cancelledQueued = submit(admin, request(OnDuplicate.REJECT)).id();
            jobs().cancel(admin, cancelledQueued);

            tick(Duration.ofDays(2));

            assertThat(worker().claim(OTHER_OWNER, LEASE)).isEmpty();
            assertThat(job(completed).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job(failed).status()).isEqualTo(JobStatus.FAILED);
            assertThat(job(cancelledRunning).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(job(cancelledQueued).status()).isEqualTo(JobStatus.CANCELLED);
        }

        @Test
        @DisplayName("finishing records the end, the code and the message, and releases the lease")
        void finishEndsTheJob() {
            long id = running(request(OnDuplicate.REJECT));
            tick(Duration.ofSeconds(5));

            ImportJob failed = worker().finish(ACME, id, OWNER, JobEnd.fileFailed(ErrorCode.TOO_MANY_ROWS, "too many"));

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.fatalCode()).isEqualTo(ErrorCode.TOO_MANY_ROWS);
            assertThat(failed.fatalMessage()).isEqualTo("too many");
            assertThat(failed.finishedAt()).isEqualTo(START.plusSeconds(5));
            assertThat(failed.leaseOwner()).isNull();
            assertThat(job(id)).isEqualTo(failed);
            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID, () -> complete(id));
            assertThat(job(id)).isEqualTo(failed);
        }

        @Test
        @DisplayName("a failure that is not the file's keeps what a partial job's chunks stored")
        void failingKeepsCommittedChunks() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, "Ali Veli", PHONE)));

            ImportJob failed = worker().finish(ACME, id, OWNER, JobEnd.failed(ErrorCode.STORAGE_FAILURE, "disk full"));

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.fatalCode()).isEqualTo(ErrorCode.STORAGE_FAILURE);
            assertThat(failed.created()).isEqualTo(1);
            assertThat(stored(PHONE).importJobId()).isEqualTo(id);
        }

        @Test
        @DisplayName("a file found broken on the way reverts what a partial job's chunks stored")
        void fileFailureRevertsCommittedChunks() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, "Ali Veli", PHONE)));

            ImportJob failed = worker().finish(ACME, id, OWNER,
                    JobEnd.fileFailed(ErrorCode.FILE_UNREADABLE, "row 3 cannot be read"));

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.created()).isZero();
            assertThat(customer(PHONE)).isEmpty();
            assertThat(customerCount()).isZero();
        }

        @Test
        @DisplayName("a worker names the job's tenant: another tenant does not have the job")
        void workerCallsNeedTheRightTenant() {
            long id = running(request(OnDuplicate.REJECT));
            ImportJob before = job(id);

            assertFails(NotFoundException.class, ErrorCode.JOB_NOT_FOUND,
                    () -> worker().commitChunk(GLOBEX, id, OWNER, chunk(row(2, "Ali", PHONE)), phones));
            assertFails(NotFoundException.class, ErrorCode.JOB_NOT_FOUND,
                    () -> worker().renew(GLOBEX, id, OWNER, LEASE));
            assertFails(NotFoundException.class, ErrorCode.JOB_NOT_FOUND,
                    () -> worker().finish(GLOBEX, id, OWNER, JobEnd.completed()));
            assertFails(NotFoundException.class, ErrorCode.JOB_NOT_FOUND, () -> worker().openSource(GLOBEX, id));

            assertThat(job(id)).isEqualTo(before);
            assertThat(crm.customers().count(otherAdmin, CustomerQuery.all())).isZero();
            assertThat(customerCount()).isZero();
        }

        @Test
        @Timeout(value = 60, unit = TimeUnit.SECONDS)
        @DisplayName("threads claiming at once claim each queued job exactly once")
        void concurrentClaimsAreExclusive() throws Exception {
            int jobCount = 24;
            int threads = 4;
            List<Long> submitted = new ArrayList<>();
            for (int i = 0; i < jobCount; i++) {
                submitted.add(submit(i % 3 == 0 ? otherAdmin : admin, request(OnDuplicate.REJECT)).id());
            }
            ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
            AtomicInteger attempts = new AtomicInteger();
            runTogether(threads, t -> {
                String owner = "worker-" + t;
                // bounded, so a store that hands out a job twice ends the loop too
                while (attempts.incrementAndGet() <= jobCount * 3) {
                    Optional<JobClaim> claim = worker().claim(owner, LEASE);
                    if (claim.isEmpty()) {
                        break;
                    }
                    claimed.add(claim.get().jobId());
                }
            });

            Map<Long, Long> timesClaimed = claimed.stream()
                    .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
            Map<Long, Long> once = submitted.stream()
                    .collect(Collectors.toMap(Function.identity(), jobId -> 1L, (a, b) -> a, TreeMap::new));
            assertThat(timesClaimed).as("how often each job was claimed").isEqualTo(once);
            assertThat(worker().claim(OWNER, LEASE)).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Committing a chunk")
    class Commit {

        @Test
        @DisplayName("creates customers that name the import, with loadedAt and an 'imported' LOG activity")
        void createsCustomers() {
            long id = running(request(OnDuplicate.REJECT));
            tick(Duration.ofSeconds(7));

            ChunkResult result = commit(id, chunk(
                    row(2, "  Ayşe   Yılmaz ", "0530 123 45 67").email("Ayse@Example.COM").company("Yılmaz Tekstil")
                            .segment(Segment.VIP),
                    row(3, "Mehmet Kaya", PHONE_2)));

            assertThat(result.created()).isEqualTo(2);
            assertThat(result.rejected()).isZero();
            assertThat(result.rejectedRows()).isEmpty();
            Customer ayse = stored(PHONE);
            assertThat(ayse.fullName()).isEqualTo("Ayşe Yılmaz");
            assertThat(ayse.email()).isEqualTo("Ayse@example.com");
            assertThat(ayse.company()).isEqualTo("Yılmaz Tekstil");
            assertThat(ayse.segment()).isEqualTo(Segment.VIP);
            assertThat(ayse.importJobId()).isEqualTo(id);
            assertThat(ayse.loadedAt()).isEqualTo(START.plusSeconds(7));
            assertThat(stored(PHONE_2).importJobId()).isEqualTo(id);
            assertThat(stored(PHONE_2).segment()).isEqualTo(Segment.NORMAL);
            assertThat(timeline(ayse.id())).singleElement().satisfies(a -> {
                assertThat(a.type()).isEqualTo(ActivityType.LOG);
                assertThat(a.data()).containsEntry("event", "imported")
                        .containsEntry("importJobId", Long.toString(id));
                assertThat(a.actorId()).isEqualTo(admin.userId());
                assertThat(a.at()).isEqualTo(START.plusSeconds(7));
            });
        }

        @Test
        @DisplayName("stores the job's progress with the chunk: rows, counts, next row, bytes read")
        void storesProgress() {
            long id = running(request(OnDuplicate.REJECT));

            ChunkResult first = worker().commitChunk(ACME, id, OWNER, new Chunk(
                    List.of(row(2, "Ali Veli", PHONE).build(), row(4, null, PHONE_2).build()), HEADERS, COLUMNS,
                    5, 120, List.of(), "UTF-8", ';', true), phones);

            assertThat(first.job().rows()).isEqualTo(2);
            assertThat(first.job().created()).isEqualTo(1);
            assertThat(first.job().rejected()).isEqualTo(1);
            assertThat(first.job().nextRow()).isEqualTo(5);
            assertThat(first.job().bytesRead()).isEqualTo(120);
            assertThat(first.job().status()).isEqualTo(JobStatus.RUNNING);
            assertThat(job(id)).isEqualTo(first.job());

            ChunkResult second = worker().commitChunk(ACME, id, OWNER, new Chunk(
                    List.of(row(5, "Can Kaya", PHONE_3).build(), row(6, "Ece Ak", PHONE_4).build(),
                            row(7, "Efe Su", PHONE_5).build()), HEADERS, COLUMNS, 8, 260, List.of(), null, null, true),
                    phones);

            assertThat(second.created()).isEqualTo(3);
            assertThat(second.job().rows()).isEqualTo(5);
            assertThat(second.job().created()).isEqualTo(4);
            assertThat(second.job().rejected()).isEqualTo(1);
            assertThat(second.job().nextRow()).isEqualTo(8);
            assertThat(second.job().bytesRead()).isEqualTo(260);
            assertThat(second.job().version()).isGreaterThan(first.job().version());
            assertThat(job(id)).isEqualTo(second.job());
            ImportJob done = complete(id);
            assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.rows()).isEqualTo(5);
            assertThat(done.created()).isEqualTo(4);
            assertThat(done.rejected()).isEqualTo(1);
        }

        @Test
        @DisplayName("keeps the newest chunk's encoding and delimiter and collects every chunk's warnings")
        void storesEncodingDelimiterAndWarnings() {
            long id = running(request(OnDuplicate.REJECT));
            JobWarning ignored = new JobWarning("COLUMN_IGNORED", 0, "Not", "column Not is ignored");
            JobWarning repaired = new JobWarning("PHONE_REPAIRED", 3, "Telefon", "recovered from 9.05321112233E+11");

            worker().commitChunk(ACME, id, OWNER, new Chunk(List.of(row(2, "Ali Veli", PHONE).build()), HEADERS,
                    COLUMNS, 3, 50, List.of(ignored), "UTF-8", ';', true), phones);
            worker().commitChunk(ACME, id, OWNER, new Chunk(List.of(row(3, "Can Kaya", PHONE_2).build()), HEADERS,
                    COLUMNS, 4, 90, List.of(repaired), "windows-1254", ',', true), phones);

            // A CSV reader may only learn the encoding at the first non-ASCII byte, so the newest
            // chunk's word counts.
            ImportJob job = job(id);
            assertThat(job.encoding()).isEqualTo("windows-1254");
            assertThat(job.delimiter()).isEqualTo(',');
            assertThat(job.warnings()).containsExactly(ignored, repaired);
        }

        @Test
        @DisplayName("an empty chunk moves progress on and stores nothing")
        void emptyChunk() {
            long id = running(request(OnDuplicate.REJECT));

            ChunkResult result = worker().commitChunk(ACME, id, OWNER,
                    new Chunk(List.of(), HEADERS, COLUMNS, 2, 30, List.of(), null, null, true), phones);

            assertThat(result.created()).isZero();
            assertThat(result.job().rows()).isZero();
            assertThat(result.job().nextRow()).isEqualTo(2);
            assertThat(customerCount()).isZero();
        }

        @Test
        @DisplayName("stores rejected rows with every error, their original cells and the column headers")
        void storesRejectedRows() {
            long id = running(request(OnDuplicate.REJECT));

            ChunkResult result = commit(id, chunk(
                    row(2, "Ali Veli", PHONE),
                    row(3, null, PHONE_2).email("ali@"),
                    row(4, "Can Kaya", PHONE_3)));

            assertThat(result.created()).isEqualTo(2);
            assertThat(result.rejected()).isEqualTo(1);
            RejectedRow rejected = result.rejectedRows().get(0);
            assertThat(rejected.row()).isEqualTo(3);
            assertThat(rejected.cells()).containsExactly("", PHONE_2, "ali@", "", "", "", "");
            assertThat(codes(rejected)).containsExactlyInAnyOrder(ErrorCode.NAME_REQUIRED, ErrorCode.EMAIL_INVALID);
            RowError email = errorOf(rejected, ErrorCode.EMAIL_INVALID);
            assertThat(email.row()).isEqualTo(3);
            assertThat(email.column()).isEqualTo("E-posta");
            assertThat(email.value()).isEqualTo("ali@");
            assertThat(email.message()).isNotBlank();
            RowError name = errorOf(rejected, ErrorCode.NAME_REQUIRED);
            assertThat(name.row()).isEqualTo(3);
            assertThat(name.column()).isEqualTo("Ad Soyad");
            assertThat(name.message()).isNotBlank();
            assertThat(jobs().rejectedRows(admin, id, 0, 100)).containsExactly(rejected);
            assertThat(customer(PHONE_2)).isEmpty();
            assertThat(result.job().rejected()).isEqualTo(1);
        }

        @Test
        @DisplayName("rejected rows are read back by row number, a page after a row at a time")
        void pagesRejectedRows() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, null, PHONE), row(3, "Ali Veli", PHONE_2), row(4, null, PHONE_3)));
            commit(id, chunk(row(6, "Can", "123"), row(7, "Ece Ak", PHONE_4), row(9, "Efe", null)));

            assertThat(jobs().rejectedRows(admin, id, 0, 100)).extracting(RejectedRow::row)
                    .containsExactly(2L, 4L, 6L, 9L);
            assertThat(jobs().rejectedRows(admin, id, 0, 2)).extracting(RejectedRow::row).containsExactly(2L, 4L);
            assertThat(jobs().rejectedRows(admin, id, 4, 2)).extracting(RejectedRow::row).containsExactly(6L, 9L);
            assertThat(jobs().rejectedRows(admin, id, 5, 100)).extracting(RejectedRow::row).containsExactly(6L, 9L);
            assertThat(jobs().rejectedRows(admin, id, 9, 100)).isEmpty();
            assertThat(job(id).rejected()).isEqualTo(4);
            assertThat(job(id).created()).isEqualTo(2);
        }

        @Test
        @DisplayName("a chunk is written with the submitter's permissions, checked again at every chunk")
        void permissionIsCheckedAtEveryChunk() {
            Customer existing = createCustomer(NewCustomer.builder("Eski Ad", PHONE_3).build());
            Actor mehmet = userWithLevel("mehmet", PermissionLevel.EDIT, "agents");
            long id = runningAs(mehmet, request(OnDuplicate.UPDATE));
            commit(id, chunk(row(2, "Ali Veli", PHONE)));
            crm.permissions().grantUser(admin, "mehmet", PermissionLevel.CONTRIBUTE);
            ImportJob before = job(id);

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> commit(id, chunk(row(3, "Can Kaya", PHONE_2), row(4, "Yeni Ad", PHONE_3))));

            assertThat(job(id)).isEqualTo(before);
            assertThat(customer(PHONE_2)).isEmpty();
            assertThat(stored(PHONE_3)).isEqualTo(existing);
            assertThat(phones.rowOf(PhoneNumber.of(PHONE_2))).isZero();
            assertThat(phones.rowOf(PhoneNumber.of(PHONE))).isEqualTo(2);
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Row errors")
    class RowErrors {

        private RejectedRow rejectOne(RowSpec spec) {
            long id = running(request(OnDuplicate.REJECT));
            ChunkResult result = commit(id, chunk(spec));
            assertThat(result.created()).isZero();
            assertThat(result.rejected()).isEqualTo(1);
            assertThat(jobs().rejectedRows(admin, id, 0, 10)).containsExactlyElementsOf(result.rejectedRows());
            return result.rejectedRows().get(0);
        }

        @Test
        @DisplayName("a row without name and phone carries both NAME_REQUIRED and PHONE_REQUIRED, and counts once")
        void noNameNoPhone() {
            RejectedRow r = rejectOne(row(2, null, null));

            assertThat(codes(r)).containsExactlyInAnyOrder(ErrorCode.NAME_REQUIRED, ErrorCode.PHONE_REQUIRED);
            assertThat(errorOf(r, ErrorCode.PHONE_REQUIRED).column()).isEqualTo("Telefon");
            assertThat(customerCount()).isZero();
        }

        @Test
        @DisplayName("a name of blanks is one NAME_REQUIRED, not two")
        void blankNameIsOneError() {
            RejectedRow r = rejectOne(row(2, "   ", PHONE));

            assertThat(codes(r)).containsExactly(ErrorCode.NAME_REQUIRED);
        }

        @Test
        @DisplayName("a row with no name and an invalid e-mail carries NAME_REQUIRED and EMAIL_INVALID")
        void noNameAndInvalidEmail() {
            RejectedRow r = rejectOne(row(2, null, PHONE).email("ayse@@example"));

            assertThat(codes(r)).containsExactlyInAnyOrder(ErrorCode.NAME_REQUIRED, ErrorCode.EMAIL_INVALID);
            assertThat(errorOf(r, ErrorCode.EMAIL_INVALID).value()).isEqualTo("ayse@@example");
        }

        @Test
        @DisplayName("an invalid phone is PHONE_INVALID naming the column and the value")
        void invalidPhone() {
            RejectedRow r = rejectOne(row(2, "Ali Veli", "12345"));

            assertThat(codes(r)).containsExactly(ErrorCode.PHONE_INVALID);
            assertThat(r.errors().get(0).column()).isEqualTo("Telefon");
            assertThat(r.errors().get(0).value()).isEqualTo("12345");
            assertThat(r.errors().get(0).row()).isEqualTo(2);
        }

        @Test
        @DisplayName("an importer's error and core's own errors are reported together")
        void importerAndCoreErrors() {
            RejectedRow r = rejectOne(row(5, "Ali Veli", PHONE).email("not-an-email")
                    .unreadable("segment", "Altın", ErrorCode.SEGMENT_UNKNOWN));

            assertThat(codes(r)).containsExactlyInAnyOrder(ErrorCode.SEGMENT_UNKNOWN, ErrorCode.EMAIL_INVALID);
            RowError segment = errorOf(r, ErrorCode.SEGMENT_UNKNOWN);
            assertThat(segment.column()).isEqualTo("Segment");
            assertThat(segment.value()).isEqualTo("Altın");
            assertThat(r.cells().get(4)).isEqualTo("Altın");
            assertThat(r.row()).isEqualTo(5);
        }

        @Test
        @DisplayName("an importer's error alone rejects a row whose other values are valid")
        void importerErrorAloneRejects() {
            RejectedRow r = rejectOne(row(2, "Ali Veli", PHONE).importerError("company", "x".repeat(30),
                    ErrorCode.VALUE_INVALID));

            assertThat(codes(r)).containsExactly(ErrorCode.VALUE_INVALID);
            assertThat(customer(PHONE)).isEmpty();
        }

        @Test
        @DisplayName("a phone the importer could not read gets only the importer's PHONE_INVALID, not PHONE_REQUIRED")
        void failedPhoneIsNotCheckedAgain() {
            RejectedRow r = rejectOne(row(2, "Ali Veli", null).unreadable("phone", "9.05301E+11", ErrorCode.PHONE_INVALID));

            assertThat(codes(r)).containsExactly(ErrorCode.PHONE_INVALID);
            assertThat(r.errors().get(0).value()).isEqualTo("9.05301E+11");
            assertThat(r.cells().get(1)).isEqualTo("9.05301E+11");
        }

        @Test
        @DisplayName("a required custom field the importer could not read gets only the importer's error")
        void failedRequiredCustomFieldIsNotCheckedAgain() {
            defineRegion(true);

            RejectedRow r = rejectOne(row(2, "Ali Veli", PHONE)
                    .unreadable("region", "Marmara/Ege", ErrorCode.CUSTOM_FIELD_INVALID));

            assertThat(codes(r)).containsExactly(ErrorCode.CUSTOM_FIELD_INVALID);
        }

        @Test
        @DisplayName("a name the importer could not read is not also NAME_REQUIRED")
        void failedNameIsNotCheckedAgain() {
            RejectedRow r = rejectOne(row(2, null, PHONE).unreadable("fullName", "x".repeat(250),
                    ErrorCode.VALUE_TOO_LONG));

            assertThat(codes(r)).containsExactly(ErrorCode.VALUE_TOO_LONG);
        }

        @Test
        @DisplayName("an offending value is cut to 100 characters")
        void longValueIsCut() {
            String email = "a".repeat(250) + "@example.com";

            RejectedRow r = rejectOne(row(2, "Ali Veli", PHONE).email(email));

            assertThat(codes(r)).containsExactly(ErrorCode.VALUE_TOO_LONG);
            assertThat(r.errors().get(0).value()).isEqualTo(email.substring(0, 100));
            assertThat(r.cells().get(2)).isEqualTo(email);
        }

        @Test
        @DisplayName("a required custom field missing from a new customer's row is CUSTOM_FIELD_REQUIRED")
        void requiredCustomFieldForNewCustomer() {
            defineRegion(true);

            RejectedRow r = rejectOne(row(2, "Ali Veli", PHONE));

            assertThat(codes(r)).containsExactly(ErrorCode.CUSTOM_FIELD_REQUIRED);
            assertThat(r.errors().get(0).column()).isEqualTo("Bölge");
        }

        @Test
        @DisplayName("a valid row between rejected ones is stored, and rejected rows stay in file order")
        void validRowsAmongInvalidOnes() {
            long id = running(request(OnDuplicate.REJECT));

            ChunkResult result = commit(id, chunk(row(2, null, PHONE), row(3, "Ali Veli", PHONE_2),
                    row(4, "Can", "0"), row(5, "Ece Ak", PHONE_3)));

            assertThat(result.created()).isEqualTo(2);
            assertThat(result.rejected()).isEqualTo(2);
            assertThat(result.rejectedRows()).extracting(RejectedRow::row).containsExactly(2L, 4L);
            assertThat(customer(PHONE_2)).isPresent();
            assertThat(customer(PHONE_3)).isPresent();
            assertThat(customer(PHONE)).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Stored phones and duplicates within a file")
    class Duplicates {

        @Test
        @DisplayName("REJECT: a stored phone is DUPLICATE_PHONE naming the stored customer, which stays as it was")
        void rejectMode() {
            createCustomer(NewCustomer.builder("İlk Müşteri", PHONE_5).build());
            Customer existing = createCustomer(NewCustomer.builder("Ayşe Yılmaz", PHONE).email("ayse@example.com").build());

            ChunkResult result = importRows(request(OnDuplicate.REJECT),
                    row(2, "Başka Ad", "0530 123 45 67").email("baska@example.com"), row(3, "Can Kaya", PHONE_2));

            assertThat(result.created()).isEqualTo(1);
            assertThat(result.rejected()).isEqualTo(1);
            RejectedRow r = result.rejectedRows().get(0);
            assertThat(codes(r)).containsExactly(ErrorCode.DUPLICATE_PHONE);
            RowError e = r.errors().get(0);
            assertThat(e.column()).isEqualTo("Telefon");
            assertThat(e.value()).isEqualTo("0530 123 45 67");
            assertThat(e.message()).containsPattern("\\b" + existing.id() + "\\b");
            assertThat(stored(PHONE)).isEqualTo(existing);
        }

        @Test
        @DisplayName("REJECT: a row with a stored phone and another error carries both")
        void rejectModeWithAnotherError() {
            createCustomer(NewCustomer.builder("Ayşe Yılmaz", PHONE).build());

            ChunkResult result = importRows(request(OnDuplicate.REJECT), row(2, "Başka Ad", PHONE).email("yanlis@"));

            assertThat(result.rejected()).isEqualTo(1);
            assertThat(codes(result.rejectedRows().get(0)))
                    .containsExactlyInAnyOrder(ErrorCode.EMAIL_INVALID, ErrorCode.DUPLICATE_PHONE);
        }

        @Test
        @DisplayName("SKIP: a stored phone is counted as skipped, not rejected, and the customer is unchanged")
        void skipMode() {
            Customer existing = createCustomer(NewCustomer.builder("Ayşe Yılmaz", PHONE).company("Eski Şirket").build());
            int activities = timeline(existing.id()).size();

            ChunkResult result = importRows(request(OnDuplicate.SKIP),
                    row(2, "Başka Ad", PHONE).company("Yeni Şirket"), row(3, "Can Kaya", PHONE_2));

            assertThat(result.skipped()).isEqualTo(1);
            assertThat(result.created()).isEqualTo(1);
            assertThat(result.rejected()).isZero();
            assertThat(result.rejectedRows()).isEmpty();
            assertThat(result.job().skipped()).isEqualTo(1);
            assertThat(stored(PHONE)).isEqualTo(existing);
            assertThat(timeline(existing.id())).hasSize(activities);
        }

        @Test
        @DisplayName("within a chunk the first accepted occurrence wins; later ones are DUPLICATE_IN_FILE naming it")
        void inFileDuplicateWithinChunk() {
            long id = running(request(OnDuplicate.REJECT));

            ChunkResult result = commit(id, chunk(row(7, "İlk Satır", PHONE), row(8, "Can Kaya", PHONE_2),
                    row(9, "İkinci Satır", "0530 123 45 67")));

            assertThat(result.created()).isEqualTo(2);
            assertThat(result.rejected()).isEqualTo(1);
            RejectedRow r = result.rejectedRows().get(0);
            assertThat(r.row()).isEqualTo(9);
            assertThat(codes(r)).containsExactly(ErrorCode.DUPLICATE_IN_FILE);
            assertThat(r.errors().get(0).message()).containsPattern("\\b7\\b");
            assertThat(r.errors().get(0).column()).isEqualTo("Telefon");
            assertThat(stored(PHONE).fullName()).isEqualTo("İlk Satır");
        }

        @Test
        @DisplayName("across chunks the same InFilePhones makes a later row DUPLICATE_IN_FILE naming the first row")
        void inFileDuplicateAcrossChunks() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(7, "İlk Satır", PHONE)));

            assertThat(phones.rowOf(PhoneNumber.of(PHONE))).isEqualTo(7);
            ChunkResult second = commit(id, chunk(row(18, "Tekrar", PHONE), row(19, "Can Kaya", PHONE_2)));

            assertThat(second.created()).isEqualTo(1);
            assertThat(second.rejectedRows()).singleElement().satisfies(r -> {
                assertThat(r.row()).isEqualTo(18);
                assertThat(codes(r)).containsExactly(ErrorCode.DUPLICATE_IN_FILE);
                assertThat(r.errors().get(0).message()).containsPattern("\\b7\\b");
            });
            assertThat(stored(PHONE).fullName()).isEqualTo("İlk Satır");
            assertThat(phones.rowOf(PhoneNumber.of(PHONE_2))).isEqualTo(19);
            assertThat(phones.size()).isEqualTo(2);
        }

        @Test
        @DisplayName("REJECT: two rows with a stored phone are both DUPLICATE_PHONE, since the first claims nothing")
        void storedDuplicateTwice() {
            createCustomer(NewCustomer.builder("Ayşe Yılmaz", PHONE).build());
            long id = running(request(OnDuplicate.REJECT));

            ChunkResult result = commit(id, chunk(row(2, "Bir", PHONE), row(3, "İki", PHONE)));

            assertThat(result.rejectedRows()).hasSize(2);
            assertThat(codes(result.rejectedRows().get(0))).containsExactly(ErrorCode.DUPLICATE_PHONE);
            assertThat(codes(result.rejectedRows().get(1))).containsExactly(ErrorCode.DUPLICATE_PHONE);
        }

        @Test
        @DisplayName("a row rejected for another reason does not claim its number: a later valid row with it is stored")
        void rejectedRowDoesNotClaimNumber() {
            long id = running(request(OnDuplicate.REJECT));

            ChunkResult first = commit(id, chunk(row(2, null, PHONE), row(3, "Ali Veli", PHONE_2).email("x@")));
            assertThat(first.rejected()).isEqualTo(2);
            assertThat(phones.size()).isZero();

            ChunkResult second = commit(id, chunk(row(4, "Geçerli Satır", PHONE), row(5, "Ali Veli", PHONE_2),
                    row(6, "Üçüncü", PHONE)));

            assertThat(second.created()).isEqualTo(2);
            assertThat(second.rejectedRows()).singleElement().satisfies(r -> {
                assertThat(r.row()).isEqualTo(6);
                assertThat(codes(r)).containsExactly(ErrorCode.DUPLICATE_IN_FILE);
                assertThat(r.errors().get(0).message()).containsPattern("\\b4\\b");
            });
            assertThat(stored(PHONE).fullName()).isEqualTo("Geçerli Satır");
            assertThat(phones.rowOf(PhoneNumber.of(PHONE))).isEqualTo(4);
        }

        @Test
        @DisplayName("within one chunk a rejected row does not claim its number either")
        void rejectedRowDoesNotClaimNumberWithinChunk() {
            long id = running(request(OnDuplicate.REJECT));

            ChunkResult result = commit(id, chunk(row(2, "Ali Veli", PHONE).email("x@"), row(3, "Geçerli", PHONE)));

            assertThat(result.created()).isEqualTo(1);
            assertThat(result.rejectedRows()).singleElement().satisfies(r -> {
                assertThat(r.row()).isEqualTo(2);
                assertThat(codes(r)).containsExactly(ErrorCode.EMAIL_INVALID);
            });
            assertThat(stored(PHONE).fullName()).isEqualTo("Geçerli");
        }

        @Test
        @DisplayName("a later occurrence with errors of its own carries DUPLICATE_IN_FILE as well")
        void laterOccurrenceCarriesAllErrors() {
            long id = running(request(OnDuplicate.REJECT));

            ChunkResult result = commit(id, chunk(row(2, "Ali Veli", PHONE), row(3, "Veli", PHONE).email("x@")));

            assertThat(result.rejectedRows()).singleElement().satisfies(r ->
                    assertThat(codes(r)).containsExactlyInAnyOrder(ErrorCode.EMAIL_INVALID, ErrorCode.DUPLICATE_IN_FILE));
        }

        @Test
        @DisplayName("a commit that fails stores nothing and does not add its numbers to InFilePhones")
        void failedCommitClaimsNoNumbers() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, "Ali Veli", PHONE)));
            tick(LEASE.plusSeconds(1));
            worker().claim(OTHER_OWNER, LEASE).orElseThrow();

            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID,
                    () -> commit(id, chunk(row(3, "Can Kaya", PHONE_2), row(4, "Ece Ak", PHONE_3))));

            assertThat(phones.size()).isEqualTo(1);
            assertThat(phones.rowOf(PhoneNumber.of(PHONE_2))).isZero();
            assertThat(phones.rowOf(PhoneNumber.of(PHONE_3))).isZero();
            assertThat(customer(PHONE_2)).isEmpty();
            assertThat(customer(PHONE_3)).isEmpty();
            assertThat(jobs().rejectedRows(admin, id, 0, 10)).isEmpty();
            assertThat(job(id).rows()).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("UPDATE mode")
    class Update {

        private Customer existing;

        private Customer givenStoredCustomer() {
            existing = createCustomer(NewCustomer.builder("Ayşe Yılmaz", PHONE).email("ayse@example.com")
                    .company("Yılmaz Tekstil").segment(Segment.VIP).address("Kadıköy, İstanbul").build());
            return existing;
        }

        @Test
        @DisplayName("a non-blank cell overwrites, a blank one keeps the stored value, and a LOG activity lists the changes")
        void blankNeverOverwrites() {
            givenStoredCustomer();
            tick();

            ChunkResult result = importRows(request(OnDuplicate.UPDATE),
                    row(2, "Ayşe Yılmaz Demir", PHONE).company("Demir Holding"));

            assertThat(result.updated()).isEqualTo(1);
            assertThat(result.created()).isZero();
            assertThat(result.job().updated()).isEqualTo(1);
            Customer after = stored(PHONE);
            assertThat(after.id()).isEqualTo(existing.id());
            assertThat(after.fullName()).isEqualTo("Ayşe Yılmaz Demir");
            assertThat(after.company()).isEqualTo("Demir Holding");
            assertThat(after.email()).isEqualTo("ayse@example.com");
            assertThat(after.address()).isEqualTo("Kadıköy, İstanbul");
            assertThat(after.segment()).isEqualTo(Segment.VIP);
            assertThat(after.version()).isGreaterThan(existing.version());
            Activity log = timeline(existing.id()).get(0);
            assertThat(log.type()).isEqualTo(ActivityType.LOG);
            assertThat(log.changes()).containsExactlyInAnyOrder(
                    new FieldChange("fullName", "Ayşe Yılmaz", "Ayşe Yılmaz Demir"),
                    new FieldChange("company", "Yılmaz Tekstil", "Demir Holding"));
            assertThat(log.data()).containsValue(Long.toString(result.job().id()));
        }

        @Test
        @DisplayName("a blank segment keeps the stored segment")
        void blankSegmentKeepsStoredSegment() {
            givenStoredCustomer();

            importRows(request(OnDuplicate.UPDATE), row(2, "Ayşe Yılmaz", PHONE).email("yeni@example.com"));

            assertThat(stored(PHONE).segment()).isEqualTo(Segment.VIP);
            assertThat(stored(PHONE).email()).isEqualTo("yeni@example.com");
        }

        @Test
        @DisplayName("a row for a stored customer needs no name")
        void nameIsNotRequiredForUpdate() {
            givenStoredCustomer();

            ChunkResult result = importRows(request(OnDuplicate.UPDATE), row(2, null, PHONE).company("Demir Holding"));

            assertThat(result.rejected()).isZero();
            assertThat(result.updated()).isEqualTo(1);
            assertThat(stored(PHONE).fullName()).isEqualTo("Ayşe Yılmaz");
            assertThat(stored(PHONE).company()).isEqualTo("Demir Holding");
        }

        @Test
        @DisplayName("a rejected row for a stored customer is not also told it lacks a name")
        void rejectedUpdateRowIsNotNameRequired() {
            givenStoredCustomer();

            ChunkResult result = importRows(request(OnDuplicate.UPDATE), row(2, null, PHONE).email("yanlis@"));

            assertThat(result.rejectedRows()).singleElement()
                    .satisfies(r -> assertThat(codes(r)).containsExactly(ErrorCode.EMAIL_INVALID));
            assertThat(stored(PHONE)).isEqualTo(existing);
        }

        @Test
        @DisplayName("the clear token empties a field")
        void clearTokenEmptiesField() {
            givenStoredCustomer();

            ChunkResult result = importRows(request(OnDuplicate.UPDATE),
                    row(2, "Ayşe Yılmaz", PHONE).clear("address").clear("company"));

            assertThat(result.updated()).isEqualTo(1);
            assertThat(stored(PHONE).address()).isNull();
            assertThat(stored(PHONE).company()).isNull();
            assertThat(stored(PHONE).email()).isEqualTo("ayse@example.com");
            assertThat(timeline(existing.id()).get(0).changes()).containsExactlyInAnyOrder(
                    new FieldChange("address", "Kadıköy, İstanbul", null),
                    new FieldChange("company", "Yılmaz Tekstil", null));
        }

        @Test
        @DisplayName("the name cannot be cleared")
        void nameCannotBeCleared() {
            givenStoredCustomer();

            importRows(request(OnDuplicate.UPDATE), row(2, null, PHONE).clear("fullName").company("Demir Holding"));

            assertThat(stored(PHONE).fullName()).isEqualTo("Ayşe Yılmaz");
        }

        @Test
        @DisplayName("the clear token empties a custom field")
        void clearTokenEmptiesCustomField() {
            defineRegion(false);
            Customer c = createCustomer(NewCustomer.builder("Ali Veli", PHONE).customField("region", "Marmara").build());

            importRows(request(OnDuplicate.UPDATE), row(2, "Ali Veli", PHONE).clear("region"));

            assertThat(stored(PHONE).customFields()).doesNotContainKey("region");
            assertThat(stored(PHONE).version()).isGreaterThan(c.version());
        }

        @Test
        @DisplayName("per-field policies: ALWAYS overwrites, ONLY_IF_EMPTY fills only empty fields, NEVER leaves the field alone")
        void fieldPolicies() {
            givenStoredCustomer();
            Map<String, FieldPolicy> policies = Map.of("fullName", FieldPolicy.ALWAYS,
                    "email", FieldPolicy.ONLY_IF_EMPTY, "fax", FieldPolicy.ONLY_IF_EMPTY,
                    "segment", FieldPolicy.NEVER, "address", FieldPolicy.NEVER);
            long id = running(updateRequest(policies));
            ImportRow base = row(2, "Ayşe Demir", PHONE).email("yeni@example.com").segment(Segment.RISK)
                    .clear("address").build();
            NewCustomer values = NewCustomer.builder("Ayşe Demir", PHONE).email("yeni@example.com")
                    .segment(Segment.RISK).fax("02125556677").build();
            ImportRow withFax = new ImportRow(2, base.cells(), values, base.cleared(), List.of(), Set.of());

            ChunkResult result = worker().commitChunk(ACME, id, OWNER,
                    new Chunk(List.of(withFax), HEADERS, COLUMNS, 3, 100, List.of(), null, null, true), phones);

            assertThat(result.updated()).isEqualTo(1);
            Customer after = stored(PHONE);
            assertThat(after.fullName()).isEqualTo("Ayşe Demir");
            assertThat(after.email()).isEqualTo("ayse@example.com");
            assertThat(after.fax()).isEqualTo("02125556677");
            assertThat(after.segment()).isEqualTo(Segment.VIP);
            assertThat(after.address()).isEqualTo("Kadıköy, İstanbul");
        }

        @Test
        @DisplayName("a NEVER policy on a custom field leaves it alone, and ONLY_IF_EMPTY fills it when empty")
        void customFieldPolicies() {
            defineRegion(false);
            createCustomer(NewCustomer.builder("Ali Veli", PHONE).customField("region", "Marmara").build());
            createCustomer(NewCustomer.builder("Can Kaya", PHONE_2).build());

            importRows(updateRequest(Map.of("region", FieldPolicy.NEVER)), row(2, "Ali Veli", PHONE).region("Ege"));
            importRows(updateRequest(Map.of("region", FieldPolicy.ONLY_IF_EMPTY)),
                    row(2, "Ali Veli", PHONE).region("Akdeniz"), row(3, "Can Kaya", PHONE_2).region("Ege"));

            assertThat(stored(PHONE).customFields()).containsEntry("region", "Marmara");
            assertThat(stored(PHONE_2).customFields()).containsEntry("region", "Ege");
        }

        @Test
        @DisplayName("rows with new phones are created beside the updates")
        void upsert() {
            givenStoredCustomer();

            ChunkResult result = importRows(request(OnDuplicate.UPDATE),
                    row(2, "Ayşe Yılmaz", PHONE).company("Yeni"), row(3, "Can Kaya", PHONE_2));

            assertThat(result.updated()).isEqualTo(1);
            assertThat(result.created()).isEqualTo(1);
            assertThat(stored(PHONE_2).importJobId()).isEqualTo(result.job().id());
            assertThat(stored(PHONE).importJobId()).isNull();
        }

        @Test
        @DisplayName("required custom fields apply to new customers only")
        void requiredCustomFieldsOnlyForNewCustomers() {
            defineRegion(true);
            createCustomer(NewCustomer.builder("Ali Veli", PHONE).customField("region", "Marmara").build());

            ChunkResult result = importRows(request(OnDuplicate.UPDATE),
                    row(2, "Ali Veli", PHONE).company("Veli Ltd"), row(3, "Can Kaya", PHONE_2));

            assertThat(result.updated()).isEqualTo(1);
            assertThat(stored(PHONE).company()).isEqualTo("Veli Ltd");
            assertThat(stored(PHONE).customFields()).containsEntry("region", "Marmara");
            assertThat(result.rejectedRows()).singleElement().satisfies(r -> {
                assertThat(r.row()).isEqualTo(3);
                assertThat(codes(r)).containsExactly(ErrorCode.CUSTOM_FIELD_REQUIRED);
            });
            assertThat(customer(PHONE_2)).isEmpty();
        }

        @Test
        @DisplayName("the first occurrence updates; a later one in the file is DUPLICATE_IN_FILE")
        void inFileDuplicateInUpdateMode() {
            givenStoredCustomer();

            ChunkResult result = importRows(request(OnDuplicate.UPDATE),
                    row(2, "Ayşe Yılmaz", PHONE).company("Birinci"), row(3, "Ayşe Yılmaz", PHONE).company("İkinci"));

            assertThat(result.updated()).isEqualTo(1);
            assertThat(result.rejectedRows()).singleElement()
                    .satisfies(r -> assertThat(codes(r)).containsExactly(ErrorCode.DUPLICATE_IN_FILE));
            assertThat(stored(PHONE).company()).isEqualTo("Birinci");
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Dry runs")
    class DryRun {

        private RowSpec[] firstChunk() {
            return new RowSpec[] {
                row(2, "Yeni Müşteri", PHONE_2),
                row(3, "Kayıtlı Numara", PHONE),
                row(4, null, "123").email("x@"),
                row(5, "Tekrar", PHONE_2)};
        }

        private RowSpec[] secondChunk() {
            return new RowSpec[] {row(6, "Başka Tekrar", PHONE_2), row(7, "Son Satır", PHONE_3)};
        }

        @Test
        @DisplayName("report the same counts and rejected rows as a real run of the same rows, and store nothing")
        void sameReportAsRealRun() {
            createCustomer(NewCustomer.builder("Ayşe Yılmaz", PHONE).build());
            long before = customerCount();

            long dry = running(dryRunRequest(OnDuplicate.REJECT));
            InFilePhones dryPhones = new InFilePhones();
            ChunkResult dry1 = worker().commitChunk(ACME, dry, OWNER, chunk(firstChunk()), dryPhones);
            ChunkResult dry2 = worker().commitChunk(ACME, dry, OWNER, chunk(secondChunk()), dryPhones);
            ImportJob dryJob = complete(dry);

            assertThat(customerCount()).isEqualTo(before);
            assertThat(customer(PHONE_2)).isEmpty();
            assertThat(customer(PHONE_3)).isEmpty();

            long real = running(request(OnDuplicate.REJECT));
            InFilePhones realPhones = new InFilePhones();
            ChunkResult real1 = worker().commitChunk(ACME, real, OWNER, chunk(firstChunk()), realPhones);
            ChunkResult real2 = worker().commitChunk(ACME, real, OWNER, chunk(secondChunk()), realPhones);
            ImportJob realJob = complete(real);

            assertThat(customerCount()).isEqualTo(before + 2);
            for (ChunkResult[] pair : new ChunkResult[][] {{dry1, real1}, {dry2, real2}}) {
                assertThat(pair[0].created()).isEqualTo(pair[1].created());
                assertThat(pair[0].updated()).isEqualTo(pair[1].updated());
                assertThat(pair[0].skipped()).isEqualTo(pair[1].skipped());
                assertThat(pair[0].rejected()).isEqualTo(pair[1].rejected());
                assertThat(pair[0].rejectedRows()).isEqualTo(pair[1].rejectedRows());
            }
            assertThat(dryJob.dryRun()).isTrue();
            assertThat(realJob.dryRun()).isFalse();
            assertThat(List.of(dryJob.rows(), dryJob.created(), dryJob.updated(), dryJob.skipped(), dryJob.rejected()))
                    .isEqualTo(List.of(realJob.rows(), realJob.created(), realJob.updated(), realJob.skipped(),
                            realJob.rejected()))
                    .isEqualTo(List.of(6L, 2L, 0L, 0L, 4L));
            assertThat(jobs().rejectedRows(admin, dry, 0, 100)).isEqualTo(jobs().rejectedRows(admin, real, 0, 100));
            assertThat(dryPhones.size()).isEqualTo(realPhones.size()).isEqualTo(2);
        }

        @Test
        @DisplayName("in UPDATE mode count the updates a real run would make and change no stored customer")
        void updateDryRun() {
            Customer existing = createCustomer(NewCustomer.builder("Ayşe Yılmaz", PHONE).company("Eski").build());
            int activities = timeline(existing.id()).size();

            ChunkResult result = importRows(dryRunRequest(OnDuplicate.UPDATE),
                    row(2, "Ayşe Demir", PHONE).company("Yeni"), row(3, "Can Kaya", PHONE_2));

            assertThat(result.updated()).isEqualTo(1);
            assertThat(result.created()).isEqualTo(1);
            assertThat(result.job().updated()).isEqualTo(1);
            assertThat(stored(PHONE)).isEqualTo(existing);
            assertThat(timeline(existing.id())).hasSize(activities);
            assertThat(customer(PHONE_2)).isEmpty();
        }

        @Test
        @DisplayName("in SKIP mode count the skips a real run would make")
        void skipDryRun() {
            createCustomer(NewCustomer.builder("Ayşe Yılmaz", PHONE).build());

            ChunkResult result = importRows(dryRunRequest(OnDuplicate.SKIP), row(2, "Ayşe", PHONE),
                    row(3, "Can Kaya", PHONE_2));

            assertThat(result.skipped()).isEqualTo(1);
            assertThat(result.created()).isEqualTo(1);
            assertThat(customerCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("check required custom fields like a real run")
        void dryRunChecksRequiredCustomFields() {
            defineRegion(true);

            ChunkResult result = importRows(dryRunRequest(OnDuplicate.REJECT), row(2, "Ali Veli", PHONE),
                    row(3, "Can Kaya", PHONE_2).region("Ege"));

            assertThat(result.created()).isEqualTo(1);
            assertThat(result.rejectedRows()).singleElement()
                    .satisfies(r -> assertThat(codes(r)).containsExactly(ErrorCode.CUSTOM_FIELD_REQUIRED));
            assertThat(customerCount()).isZero();
        }

        @Test
        @DisplayName("leave nothing to undo")
        void nothingToUndo() {
            importRows(dryRunRequest(OnDuplicate.REJECT), row(2, "Ali Veli", PHONE));
            long id = jobs().list(admin, 1).get(0).id();
            createCustomer(NewCustomer.builder("Sonradan", PHONE).build());

            UndoReport report = jobs().undo(admin, id);

            assertThat(report.removed()).isZero();
            assertThat(report.restored()).isZero();
            assertThat(customer(PHONE)).isPresent();
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Atomic jobs")
    class Atomic {

        @Test
        @DisplayName("a checking chunk (write=false) stores nothing but counts and reports rows")
        void checkingChunkStoresNothing() {
            long id = running(atomicRequest());

            ChunkResult result = commit(id, checkingChunk(row(2, "Ali Veli", PHONE), row(3, null, PHONE_2),
                    row(4, "Can Kaya", PHONE_3)));

            assertThat(customerCount()).isZero();
            assertThat(feed()).isEmpty();
            assertThat(result.created()).isEqualTo(2);
            assertThat(result.rejected()).isEqualTo(1);
            assertThat(result.job().rows()).isEqualTo(3);
            assertThat(jobs().rejectedRows(admin, id, 0, 10)).extracting(RejectedRow::row).containsExactly(3L);
        }

        @Test
        @DisplayName("failing with ROWS_REJECTED reports created 0 and the rejected rows, and stores nothing")
        void failsWithRowsRejected() {
            long id = running(atomicRequest());
            commit(id, checkingChunk(row(2, "Ali Veli", PHONE), row(3, null, PHONE_2)));
            commit(id, checkingChunk(row(4, "Can Kaya", PHONE_3), row(5, "Ece", "1")));

            ImportJob failed = worker().finish(ACME, id, OWNER,
                    JobEnd.fileFailed(ErrorCode.ROWS_REJECTED, "2 rows rejected"));

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.fatalCode()).isEqualTo(ErrorCode.ROWS_REJECTED);
            assertThat(failed.created()).isZero();
            assertThat(failed.updated()).isZero();
            assertThat(failed.rejected()).isEqualTo(2);
            assertThat(job(id)).isEqualTo(failed);
            assertThat(jobs().rejectedRows(admin, id, 0, 10)).extracting(RejectedRow::row).containsExactly(3L, 5L);
            assertThat(customerCount()).isZero();
        }

        @Test
        @DisplayName("markChecked starts progress over for the writing pass")
        void markCheckedResetsProgress() {
            long id = running(atomicRequest());
            commit(id, checkingChunk(row(2, "Ali Veli", PHONE), row(3, "Can Kaya", PHONE_2)));

            ImportJob checked = worker().markChecked(ACME, id, OWNER);

            assertThat(checked.checked()).isTrue();
            assertThat(checked.rows()).isZero();
            assertThat(checked.created()).isZero();
            assertThat(checked.rejected()).isZero();
            assertThat(checked.nextRow()).isEqualTo(1);
            assertThat(checked.bytesRead()).isZero();
            assertThat(checked.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(job(id)).isEqualTo(checked);
        }

        @Test
        @DisplayName("a valid file is checked, then written once: counts are not doubled")
        void checkThenWrite() {
            long id = running(atomicRequest());
            commit(id, checkingChunk(row(2, "Ali Veli", PHONE), row(3, "Can Kaya", PHONE_2)));
            worker().markChecked(ACME, id, OWNER);
            InFilePhones writing = new InFilePhones();

            ChunkResult written = worker().commitChunk(ACME, id, OWNER,
                    chunk(row(2, "Ali Veli", PHONE), row(3, "Can Kaya", PHONE_2)), writing);
            ImportJob done = complete(id);

            assertThat(written.created()).isEqualTo(2);
            assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.rows()).isEqualTo(2);
            assertThat(done.created()).isEqualTo(2);
            assertThat(customerCount()).isEqualTo(2);
            assertThat(stored(PHONE).importJobId()).isEqualTo(id);
        }

        @Test
        @DisplayName("failing after a written pass removes what was written, with its activities")
        void failingAfterWritingRemovesRows() {
            Customer other = createCustomer(NewCustomer.builder("Kalıcı", PHONE_5).build());
            long id = running(atomicRequest());
            commit(id, checkingChunk(row(2, "Ali Veli", PHONE), row(3, "Can Kaya", PHONE_2)));
            worker().markChecked(ACME, id, OWNER);
            InFilePhones writing = new InFilePhones();
            worker().commitChunk(ACME, id, OWNER, chunk(row(2, "Ali Veli", PHONE)), writing);
            assertThat(customerCount()).isEqualTo(2);

            ImportJob failed = worker().finish(ACME, id, OWNER,
                    JobEnd.failed(ErrorCode.STORAGE_FAILURE, "disk full"));

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.created()).isZero();
            assertThat(customer(PHONE)).isEmpty();
            assertThat(customerCount()).isEqualTo(1);
            assertThat(stored(PHONE_5)).isEqualTo(other);
            assertThat(feed()).extracting(Activity::customerId).containsOnly(other.id());
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Cancelling")
    class Cancel {

        @Test
        @DisplayName("a queued job becomes CANCELLED with the code CANCELLED and is never claimed")
        void cancelQueued() {
            long id = submit(admin, request(OnDuplicate.REJECT)).id();
            tick(Duration.ofSeconds(9));

            ImportJob cancelled = jobs().cancel(admin, id);

            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(cancelled.fatalCode()).isEqualTo(ErrorCode.CANCELLED);
            assertThat(cancelled.finishedAt()).isEqualTo(START.plusSeconds(9));
            assertThat(job(id)).isEqualTo(cancelled);
            assertThat(worker().claim(OWNER, LEASE)).isEmpty();
        }

        @Test
        @DisplayName("CONTRIBUTE may cancel; VIEW may not, and the job stays queued")
        void cancelNeedsContribute() {
            long id = submit(admin, request(OnDuplicate.REJECT)).id();
            Actor viewer = userWithLevel("zeynep", PermissionLevel.VIEW, "finance");
            Actor contributor = userWithLevel("ayse", PermissionLevel.CONTRIBUTE, "agents");

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED, () -> jobs().cancel(viewer, id));
            assertThat(job(id).status()).isEqualTo(JobStatus.QUEUED);

            assertThat(jobs().cancel(contributor, id).status()).isEqualTo(JobStatus.CANCELLED);
        }

        @Test
        @DisplayName("a running job stops: the worker's next chunk fails with JOB_STATE_INVALID and earlier chunks stay")
        void cancelRunning() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, "Ali Veli", PHONE), row(3, null, PHONE_4)));
            ImportJob cancelled = jobs().cancel(admin, id);

            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID,
                    () -> commit(id, chunk(row(4, "Can Kaya", PHONE_2), row(5, null, PHONE_3))));
            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID, () -> complete(id));
            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID,
                    () -> worker().renew(ACME, id, OWNER, LEASE));

            assertThat(job(id)).isEqualTo(cancelled);
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(cancelled.created()).isEqualTo(1);
            assertThat(cancelled.rejected()).isEqualTo(1);
            assertThat(customer(PHONE)).isPresent();
            assertThat(customer(PHONE_2)).isEmpty();
            assertThat(jobs().rejectedRows(admin, id, 0, 10)).extracting(RejectedRow::row).containsExactly(3L);
            assertThat(phones.rowOf(PhoneNumber.of(PHONE_2))).isZero();
            assertThat(worker().claim(OTHER_OWNER, LEASE)).isEmpty();
        }

        @Test
        @DisplayName("cancelling an ended job is JOB_STATE_INVALID and changes nothing")
        void cancelEnded() {
            long completed = running(request(OnDuplicate.REJECT));
            ImportJob done = complete(completed);
            long cancelled = submit(admin, request(OnDuplicate.REJECT)).id();
            ImportJob gone = jobs().cancel(admin, cancelled);

            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID, () -> jobs().cancel(admin, completed));
            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID, () -> jobs().cancel(admin, cancelled));

            assertThat(job(completed)).isEqualTo(done);
            assertThat(job(cancelled)).isEqualTo(gone);
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Undo")
    class Undo {

        @Test
        @DisplayName("removes the attachments of the customers it removes, their bytes included")
        void removesAttachmentsOfRemovedCustomers() throws Exception {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, "Ali Veli", PHONE)));
            complete(id);
            Customer imported = customer(PHONE).orElseThrow();
            crm.attachments().upload(admin, imported.id(), dev.crmkit.core.attachment.NewAttachment.of("dekont.pdf",
                    "application/pdf"), new ByteArrayInputStream(new byte[] {1, 2, 3}));
            assertThat(blobs.stored(ACME)).hasSize(1);

            assertThat(jobs().undo(admin, id).removed()).isEqualTo(1);

            assertThat(customer(PHONE)).isEmpty();
            assertThat(blobs.stored(ACME)).isEmpty();
        }

        @Test
        @DisplayName("removes the customers the import created, with their activities")
        void removesCreatedCustomers() {
            Customer other = createCustomer(NewCustomer.builder("Kalıcı", PHONE_5).build());
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, "Ali Veli", PHONE), row(3, "Can Kaya", PHONE_2)));
            commit(id, chunk(row(4, "Ece Ak", PHONE_3)));
            complete(id);
            assertThat(customerCount()).isEqualTo(4);

            UndoReport report = jobs().undo(admin, id);

            assertThat(report.removed()).isEqualTo(3);
            assertThat(report.restored()).isZero();
            assertThat(report.leftAlone()).isEmpty();
            assertThat(customerCount()).isEqualTo(1);
            assertThat(customer(PHONE)).isEmpty();
            assertThat(customer(PHONE_3)).isEmpty();
            assertThat(stored(PHONE_5)).isEqualTo(other);
            assertThat(feed()).extracting(Activity::customerId).containsOnly(other.id());
            assertThat(job(id).undone()).isTrue();
        }

        @Test
        @DisplayName("gives updated customers their values back, with a new version and a LOG activity")
        void restoresUpdatedCustomers() {
            Customer before = createCustomer(NewCustomer.builder("Ayşe Yılmaz", PHONE).email("ayse@example.com")
                    .company("Yılmaz Tekstil").segment(Segment.VIP).address("Kadıköy").build());
            tick();
            ChunkResult result = importRows(request(OnDuplicate.UPDATE),
                    row(2, "Ayşe Demir", PHONE).email("demir@example.com").segment(Segment.RISK).clear("address"));
            Customer imported = stored(PHONE);
            assertThat(imported.email()).isEqualTo("demir@example.com");
            tick();

            UndoReport report = jobs().undo(admin, result.job().id());

            assertThat(report.restored()).isEqualTo(1);
            assertThat(report.removed()).isZero();
            assertThat(report.leftAlone()).isEmpty();
            Customer after = stored(PHONE);
            assertThat(after.id()).isEqualTo(before.id());
            assertThat(after.fullName()).isEqualTo("Ayşe Yılmaz");
            assertThat(after.email()).isEqualTo("ayse@example.com");
            assertThat(after.company()).isEqualTo("Yılmaz Tekstil");
            assertThat(after.segment()).isEqualTo(Segment.VIP);
            assertThat(after.address()).isEqualTo("Kadıköy");
            assertThat(after.version()).isGreaterThan(imported.version());
            Activity log = timeline(before.id()).get(0);
            assertThat(log.type()).isEqualTo(ActivityType.LOG);
            assertThat(log.actorId()).isEqualTo(admin.userId());
            assertThat(log.changes()).contains(new FieldChange("email", "demir@example.com", "ayse@example.com"),
                    new FieldChange("address", null, "Kadıköy"));
        }

        @Test
        @DisplayName("leaves alone, and lists, customers someone changed since the import")
        void leavesChangedCustomersAlone() {
            Customer updatedByImport = createCustomer(NewCustomer.builder("Ayşe Yılmaz", PHONE).company("Eski").build());
            Customer untouchedAfter = createCustomer(NewCustomer.builder("Bora Ak", PHONE_4).company("Eski").build());
            long id = running(request(OnDuplicate.UPDATE));
            commit(id, chunk(row(2, "Ayşe Yılmaz", PHONE).company("Import"), row(3, "Yeni Kişi", PHONE_2),
                    row(4, "Diğer Yeni", PHONE_3), row(5, "Bora Ak", PHONE_4).company("Import")));
            complete(id);
            Customer newOne = stored(PHONE_2);
            Customer changedA = crm.customers().update(admin,
                    CustomerUpdate.of(stored(PHONE)).processingStatus("C").build());
            Customer changedB = crm.customers().update(admin,
                    CustomerUpdate.of(newOne).company("Elle Değişti").build());

            UndoReport report = jobs().undo(admin, id);

            assertThat(report.leftAlone()).containsExactlyInAnyOrder(updatedByImport.id(), newOne.id());
            assertThat(report.removed()).isEqualTo(1);
            assertThat(report.restored()).isEqualTo(1);
            assertThat(stored(PHONE)).isEqualTo(changedA);
            assertThat(stored(PHONE).company()).isEqualTo("Import");
            assertThat(stored(PHONE_2)).isEqualTo(changedB);
            assertThat(customer(PHONE_3)).isEmpty();
            assertThat(stored(PHONE_4).company()).isEqualTo("Eski");
            assertThat(stored(PHONE_4).id()).isEqualTo(untouchedAfter.id());
        }

        @Test
        @DisplayName("a second undo is JOB_STATE_INVALID and changes nothing")
        void secondUndoRefused() {
            ChunkResult result = importRows(request(OnDuplicate.REJECT), row(2, "Ali Veli", PHONE));
            long id = result.job().id();
            jobs().undo(admin, id);
            createCustomer(NewCustomer.builder("Ali Veli", PHONE).build());
            ImportJob undone = job(id);

            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID, () -> jobs().undo(admin, id));

            assertThat(customer(PHONE)).isPresent();
            assertThat(job(id)).isEqualTo(undone);
        }

        @Test
        @DisplayName("a running job cannot be undone")
        void runningJobRefused() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, "Ali Veli", PHONE)));
            ImportJob before = job(id);

            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID, () -> jobs().undo(admin, id));

            assertThat(customer(PHONE)).isPresent();
            assertThat(job(id)).isEqualTo(before);
            assertThat(commit(id, chunk(row(3, "Can Kaya", PHONE_2))).created()).isEqualTo(1);
        }

        @Test
        @DisplayName("a queued job cannot be undone")
        void queuedJobRefused() {
            long id = submit(admin, request(OnDuplicate.REJECT)).id();

            assertFails(ConflictException.class, ErrorCode.JOB_STATE_INVALID, () -> jobs().undo(admin, id));
            assertThat(job(id).status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job(id).undone()).isFalse();
        }

        @Test
        @DisplayName("a cancelled job's committed chunks can be undone")
        void cancelledJobUndone() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, "Ali Veli", PHONE)));
            jobs().cancel(admin, id);

            UndoReport report = jobs().undo(admin, id);

            assertThat(report.removed()).isEqualTo(1);
            assertThat(customerCount()).isZero();
        }

        @Test
        @DisplayName("needs EDIT: CONTRIBUTE is PERMISSION_DENIED and nothing is undone")
        void undoNeedsEdit() {
            ChunkResult result = importRows(request(OnDuplicate.REJECT), row(2, "Ali Veli", PHONE));
            Actor contributor = userWithLevel("ayse", PermissionLevel.CONTRIBUTE, "agents");
            Actor editor = userWithLevel("mehmet", PermissionLevel.EDIT, "agents");

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> jobs().undo(contributor, result.job().id()));
            assertThat(customer(PHONE)).isPresent();
            assertThat(job(result.job().id()).undone()).isFalse();

            assertThat(jobs().undo(editor, result.job().id()).removed()).isEqualTo(1);
        }

        @Test
        @DisplayName("is recorded in the audit log with who, when and the job")
        void writesAuditEntry() {
            ChunkResult result = importRows(request(OnDuplicate.REJECT), row(2, "Ali Veli", PHONE));
            tick(Duration.ofMinutes(3));
            Actor editor = userWithLevel("mehmet", PermissionLevel.EDIT, "agents");
            List<AuditEntry> before = crm.activities().auditLog(admin, 1000);

            jobs().undo(editor, result.job().id());

            List<AuditEntry> added = new ArrayList<>(crm.activities().auditLog(admin, 1000));
            added.removeAll(before);
            assertThat(added).anySatisfy(e -> {
                assertThat(e.action()).containsIgnoringCase("import");
                assertThat(e.subject()).isEqualTo(Long.toString(result.job().id()));
                assertThat(e.actorId()).isEqualTo("mehmet");
                assertThat(e.at()).isEqualTo(START.plus(Duration.ofMinutes(3)));
            });
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Tenant isolation")
    class Isolation {

        @Test
        @DisplayName("another tenant neither finds, lists, reads the rejected rows of, cancels nor undoes a job")
        void jobsAreInvisibleToOtherTenants() {
            long id = running(request(OnDuplicate.REJECT));
            commit(id, chunk(row(2, null, PHONE), row(3, "Ali Veli", PHONE_2)));
            long queued = submit(admin, request(OnDuplicate.REJECT)).id();
            ImportJob runningBefore = job(id);
            ImportJob queuedBefore = job(queued);

            assertThat(jobs().find(otherAdmin, id)).isEmpty();
            assertThat(jobs().find(otherAdmin, queued)).isEmpty();
            assertThat(jobs().list(otherAdmin, 100)).isEmpty();
            assertFails(NotFoundException.class, ErrorCode.JOB_NOT_FOUND,
                    () -> jobs().rejectedRows(otherAdmin, id, 0, 10));
            assertFails(NotFoundException.class, ErrorCode.JOB_NOT_FOUND, () -> jobs().cancel(otherAdmin, queued));
            assertFails(NotFoundException.class, ErrorCode.JOB_NOT_FOUND, () -> jobs().undo(otherAdmin, id));

            assertThat(job(id)).isEqualTo(runningBefore);
            assertThat(job(queued)).isEqualTo(queuedBefore);
            assertThat(jobs().rejectedRows(admin, id, 0, 10)).hasSize(1);
        }

        @Test
        @DisplayName("each tenant lists only its own jobs")
        void listsOwnJobs() {
            long acme = submit(admin, request(OnDuplicate.REJECT)).id();
            long globex = submit(otherAdmin, request(OnDuplicate.REJECT)).id();

            assertThat(jobs().list(admin, 100)).extracting(ImportJob::id).containsExactly(acme);
            assertThat(jobs().list(otherAdmin, 100)).extracting(ImportJob::id).containsExactly(globex);
            assertThat(jobs().find(otherAdmin, globex).orElseThrow().submitter()).isEqualTo(otherAdmin);
        }

        @Test
        @DisplayName("a claim names the job's tenant, whose customers the job writes, checking duplicates there only")
        void jobsWriteTheirOwnTenant() {
            createCustomer(NewCustomer.builder("Acme Müşterisi", PHONE).build());
            long id = submit(otherAdmin, request(OnDuplicate.REJECT)).id();
            claimAndStart(GLOBEX, id, OWNER);

            ChunkResult result = worker().commitChunk(GLOBEX, id, OWNER,
                    chunk(row(2, "Globex Müşterisi", PHONE), row(3, "Can Kaya", PHONE_2)), phones);

            assertThat(result.created()).isEqualTo(2);
            assertThat(result.rejected()).isZero();
            assertThat(crm.customers().findByPhone(otherAdmin, PHONE).orElseThrow().fullName())
                    .isEqualTo("Globex Müşterisi");
            assertThat(stored(PHONE).fullName()).isEqualTo("Acme Müşterisi");
            assertThat(customer(PHONE_2)).isEmpty();
            assertThat(jobs().find(admin, id)).isEmpty();
        }

        @Test
        @DisplayName("undoing a tenant's job leaves the other tenant's customers with the same phones alone")
        void undoStaysInItsTenant() {
            Customer globexCustomer = crm.customers().create(otherAdmin,
                    NewCustomer.builder("Globex Müşterisi", PHONE).build());
            ChunkResult result = importRows(request(OnDuplicate.REJECT), row(2, "Acme Müşterisi", PHONE));

            jobs().undo(admin, result.job().id());

            assertThat(customer(PHONE)).isEmpty();
            assertThat(crm.customers().findByPhone(otherAdmin, PHONE)).contains(globexCustomer);
        }
    }

    @Nested
    @DisplayName("chunks prepared outside the unit of work")
    class Prepared {

        @Test
        @DisplayName("are stored like chunks committed directly")
        void preparedChunksStoreLikeDirectOnes() {
            long id = running(request(OnDuplicate.REJECT));
            PreparedChunk prepared = worker().preparer(ACME, id).prepare(chunk(row(2, "Ali Veli", PHONE),
                    row(3, "", PHONE_2)));

            ChunkResult result = worker().commitChunk(ACME, id, OWNER, prepared, phones);

            assertThat(result.created()).isEqualTo(1);
            assertThat(result.rejectedRows()).singleElement().satisfies(r ->
                    assertThat(r.errors()).extracting(RowError::code).containsExactly(ErrorCode.NAME_REQUIRED));
            assertThat(customer(PHONE)).isPresent();
        }

        @Test
        @DisplayName("are checked again when the custom fields changed after they were prepared")
        void checkedAgainAfterDefinitionsChanged() {
            long id = running(request(OnDuplicate.REJECT));
            PreparedChunk prepared = worker().preparer(ACME, id).prepare(chunk(row(2, "Ali Veli", PHONE)));
            crm.customFields().define(admin, CustomFieldDefinition.builder("contract", "Sözleşme", FieldType.TEXT)
                    .required(true).build());

            ChunkResult result = worker().commitChunk(ACME, id, OWNER, prepared, phones);

            assertThat(result.created()).isZero();
            assertThat(result.rejectedRows()).singleElement().satisfies(r -> assertThat(r.errors())
                    .extracting(RowError::code).containsExactly(ErrorCode.CUSTOM_FIELD_REQUIRED));
            assertThat(customer(PHONE)).isEmpty();
        }

        @Test
        @DisplayName("are refused when made by anyone but core, or for another job")
        void foreignPreparedChunksAreRefused() {
            long id = running(request(OnDuplicate.REJECT));
            long other = running(request(OnDuplicate.REJECT));
            Chunk chunk = chunk(row(2, "Ali Veli", PHONE));
            PreparedChunk forged = () -> chunk;
            PreparedChunk forOther = worker().preparer(ACME, other).prepare(chunk);

            assertThatThrownBy(() -> worker().commitChunk(ACME, id, OWNER, forged, phones))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> worker().commitChunk(ACME, id, OWNER, forOther, phones))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(customer(PHONE)).isEmpty();
            assertThat(job(id).rows()).isZero();
        }
    }
}
