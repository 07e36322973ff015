package dev.crmkit.importer;

import dev.crmkit.core.importjob.ImportMode;
import dev.crmkit.core.importjob.JobWarning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.StorageException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.FieldPolicy;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.importjob.UndoReport;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.permission.DirectoryUser;
import dev.crmkit.core.permission.InMemoryUserDirectory;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.importjob.JobClaim;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.core.spi.StorageSession;
import dev.crmkit.inmemory.InMemoryStorage;
import dev.crmkit.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final Charset TURKISH = Charset.forName("windows-1254");

    @TempDir
    Path dir;

    private MutableClock clock;
    private Crm crm;
    private Importer importer;
    private final Actor admin = Actor.admin(ACME, "boss");

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));
        InMemoryUserDirectory users = new InMemoryUserDirectory()
                .add(ACME, DirectoryUser.of("mehmet", "Mehmet"))
                .add(ACME, DirectoryUser.of("ayse", "Ayşe", "agents"));
        crm = Crm.builder(InMemoryStorage.create()).userDirectory(users).clock(clock).build();
        importer = Importer.builder(crm).owner("test-worker").lease(Duration.ofSeconds(30)).workDir(dir).build();
    }

    private Path file(String name, String content, Charset charset) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(charset));
        return p;
    }

    private long count() {
        return crm.customers().count(admin, CustomerQuery.all());
    }

    @Nested
    class Csv {

        @Test
        void aFileColumnMustNameAnAttachmentOfTheRowsOwnCustomer() throws IOException {
            crm.customFields().define(admin, dev.crmkit.core.field.CustomFieldDefinition
                    .builder("dekont", "Dekont", dev.crmkit.core.field.FieldType.FILE).build());
            Customer ayse = crm.customers().create(admin,
                    dev.crmkit.core.customer.NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67").build());
            Customer other = crm.customers().create(admin,
                    dev.crmkit.core.customer.NewCustomer.builder("Can Arslan", "0530 123 45 68").build());
            long own = crm.attachments().upload(admin, ayse.id(), dev.crmkit.core.attachment.NewAttachment.of("d.pdf", null),
                    new java.io.ByteArrayInputStream(new byte[] {1})).id();
            long others = crm.attachments().upload(admin, other.id(),
                    dev.crmkit.core.attachment.NewAttachment.of("b.pdf", null), new java.io.ByteArrayInputStream(new byte[] {2})).id();
            Path f = file("dekontlar.csv", "Ad Soyad;Telefon;Dekont\r\n"
                    + "Ayşe Yılmaz;0530 123 45 67;" + own + "\r\n"
                    + "Can Arslan;0530 123 45 68;" + own + "\r\n"
                    + "Yeni Müşteri;0530 123 45 69;" + others + "\r\n", StandardCharsets.UTF_8);

            ImportReport report = importer.importFile(admin, f,
                    ImportOptions.builder().onDuplicate(dev.crmkit.core.importjob.OnDuplicate.UPDATE).build());

            assertThat(report.updated()).isEqualTo(1);
            assertThat(report.firstErrors()).extracting(e -> e.row() + " " + e.column() + " " + e.code())
                    .containsExactly("3 Dekont CUSTOM_FIELD_INVALID", "4 Dekont CUSTOM_FIELD_INVALID");
            assertThat(crm.customers().get(admin, ayse.id()).customFields()).containsEntry("dekont", Long.toString(own));
            assertThat(crm.customers().get(admin, other.id()).customFields()).doesNotContainKey("dekont");
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void turkishExcelCsvImportsAndIsSearchable() throws IOException {
            Path f = file("musteriler.csv", """
                    Ad Soyad;Telefon;E-posta;Şirket;Segment;Temsilci
                    Ayşe Yılmaz;0530 123 45 67;ayse@ornek.com.tr;İstanbul Lojistik;VİP;mehmet
                    Işık Çelik;(532) 111-2233;;;potansiyel;
                    """.replace("\n", "\r\n"), TURKISH);

            ImportReport report = importer.importFile(admin, f, ImportOptions.defaults());

            assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(report.rows()).isEqualTo(2);
            assertThat(report.created()).isEqualTo(2);
            assertThat(report.rejected()).isZero();
            assertThat(report.job().encoding()).isEqualTo("windows-1254");
            assertThat(report.job().delimiter()).isEqualTo(';');
            Customer ayse = crm.customers().search(admin, CustomerQuery.text("ayse istanbul")).items().get(0);
            assertThat(ayse.phone().e164()).isEqualTo("+905301234567");
            assertThat(ayse.segment()).isEqualTo(Segment.VIP);
            assertThat(ayse.representative()).isEqualTo("mehmet");
            assertThat(ayse.importJobId()).isEqualTo(report.jobId());
            assertThat(ayse.loadedAt()).isNotNull();
            assertThat(crm.customers().findByPhone(admin, "05321112233").orElseThrow().segment())
                    .isEqualTo(Segment.POTENTIAL);
        }

        @Test
        void anEncodingLearnedLateInTheFileIsTheOneReported() throws IOException {
            StringBuilder sb = new StringBuilder("isim;telefon\n");
            for (int i = 0; i < 50; i++) {
                sb.append("Ali ").append(i).append(";0532").append(String.format("%07d", i)).append('\n');
            }
            sb.append("Gülşen Işık;05329999999\n");
            ImportReport report = importer.importFile(admin, file("gec.csv", sb.toString(), TURKISH),
                    ImportOptions.builder().chunkSize(10).build());
            assertThat(report.job().encoding()).isEqualTo("windows-1254");
            assertThat(crm.customers().findByPhone(admin, "05329999999").orElseThrow().fullName())
                    .isEqualTo("Gülşen Işık");
        }

        @Test
        void everyErrorOfARowIsReportedWithRowColumnAndValue() throws IOException {
            Path f = file("hatali.csv", """
                    isim,telefon,email,segment
                    ,123,not-an-email,Altın
                    Ali,05301234567,,
                    Veli,0530 123 45 67,,
                    """, StandardCharsets.UTF_8);

            ImportReport report = importer.importFile(admin, f, ImportOptions.defaults());

            assertThat(report.created()).isEqualTo(1);
            assertThat(report.rejected()).isEqualTo(2);
            assertThat(report.firstErrors()).extracting(RowError::row, RowError::code).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(2L, ErrorCode.NAME_REQUIRED),
                    org.assertj.core.groups.Tuple.tuple(2L, ErrorCode.PHONE_INVALID),
                    org.assertj.core.groups.Tuple.tuple(2L, ErrorCode.EMAIL_INVALID),
                    org.assertj.core.groups.Tuple.tuple(2L, ErrorCode.SEGMENT_UNKNOWN),
                    org.assertj.core.groups.Tuple.tuple(4L, ErrorCode.DUPLICATE_IN_FILE));
            RowError dup = report.firstErrors().stream().filter(e -> e.code() == ErrorCode.DUPLICATE_IN_FILE).findFirst()
                    .orElseThrow();
            assertThat(dup.message()).contains("row 3");
            assertThat(dup.column()).isEqualTo("telefon");
            assertThat(dup.value()).isEqualTo("0530 123 45 67");
            RowError segment = report.firstErrors().stream().filter(e -> e.code() == ErrorCode.SEGMENT_UNKNOWN).findFirst()
                    .orElseThrow();
            assertThat(segment.column()).isEqualTo("segment");
            assertThat(segment.value()).isEqualTo("Altın");
        }

        @Test
        void oneFileCanShowEveryRowErrorCode() throws IOException {
            crm.customFields().define(admin, dev.crmkit.core.field.CustomFieldDefinition.builder("kvkk", "KVKK Onayı",
                    dev.crmkit.core.field.FieldType.BOOLEAN).required(true).build());
            crm.customFields().define(admin, dev.crmkit.core.field.CustomFieldDefinition.builder("kanal", "Kanal",
                    dev.crmkit.core.field.FieldType.SINGLE_SELECT).options("Web", "Mağaza").build());
            crm.customers().create(admin, NewCustomer.builder("Kayıtlı", "05309999999").customField("kvkk", true)
                    .build());
            String longName = "A".repeat(201);
            Path f = file("hepsi.csv", String.join("\n",
                    "isim;telefon;email;segment;tip;tutar;aksiyon tarihi;temsilci;tckn;KVKK Onayı;Kanal",
                    ";;;;;;;;;Evet;",                                              // 2 NAME_REQUIRED, PHONE_REQUIRED
                    "Ali;123;;;;;;;;Evet;",                                        // 3 PHONE_INVALID
                    "Ali;05301111111;x@y;;;;;;;Evet;",                             // 4 EMAIL_INVALID
                    "Ali;05301111112;;Altın;;;;;;Evet;",                           // 5 SEGMENT_UNKNOWN
                    longName + ";05301111113;;;;;;;;Evet;",                        // 6 VALUE_TOO_LONG
                    "Ali;05301111114;;;Uzaylı;abc;31.02.2026;;;Evet;",             // 7 VALUE_INVALID (type, number, date)
                    "Ali;05301111115;;;;;;;;Evet;Telefon",                         // 8 CUSTOM_FIELD_INVALID
                    "Ali;05301111116;;;;;;;;;",                                    // 9 CUSTOM_FIELD_REQUIRED
                    "Ali;05301111117;;;;;;yok_boyle;;Evet;",                       // 10 REPRESENTATIVE_UNKNOWN
                    "Ali;05301111118;;;;;;;12345678901;Evet;",                     // 11 NATIONAL_ID_INVALID
                    "Ali;0530 999 99 99;;;;;;;;Evet;",                             // 12 DUPLICATE_PHONE
                    "Veli;05301111119;;;;;;;;Evet;Web",                            // 13 accepted
                    "Can;05301111119;;;;;;;;Evet;Web") + "\n", StandardCharsets.UTF_8); // 14 DUPLICATE_IN_FILE

            ImportReport report = importer.importFile(admin, f, ImportOptions.defaults());

            assertThat(report.created()).isEqualTo(1);
            assertThat(report.rows()).isEqualTo(13);
            assertThat(report.rejected()).isEqualTo(12);
            assertThat(report.firstErrors()).extracting(RowError::code).containsOnly(ErrorCode.NAME_REQUIRED,
                    ErrorCode.PHONE_REQUIRED, ErrorCode.PHONE_INVALID, ErrorCode.EMAIL_INVALID,
                    ErrorCode.SEGMENT_UNKNOWN, ErrorCode.VALUE_TOO_LONG, ErrorCode.VALUE_INVALID,
                    ErrorCode.CUSTOM_FIELD_INVALID, ErrorCode.CUSTOM_FIELD_REQUIRED, ErrorCode.REPRESENTATIVE_UNKNOWN,
                    ErrorCode.NATIONAL_ID_INVALID, ErrorCode.DUPLICATE_PHONE, ErrorCode.DUPLICATE_IN_FILE);
            assertThat(report.firstErrors().stream().filter(e -> e.row() == 7).map(RowError::column))
                    .containsExactly("tip", "tutar", "aksiyon tarihi");
            assertThat(report.firstErrors().stream().filter(e -> e.row() == 6).findFirst().orElseThrow().value())
                    .hasSize(100);
        }

        @Test
        void headerOnlyFileCompletesWithNoRowsAndAnEmptyFileFails() throws IOException {
            ImportReport headerOnly = importer.importFile(admin, file("bos.csv", "isim;telefon\n", StandardCharsets.UTF_8),
                    ImportOptions.defaults());
            assertThat(headerOnly.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(headerOnly.rows()).isZero();

            ImportReport empty = importer.importFile(admin, file("sifir.csv", "", StandardCharsets.UTF_8),
                    ImportOptions.defaults());
            assertThat(empty.status()).isEqualTo(JobStatus.FAILED);
            assertThat(empty.job().fatalCode()).isEqualTo(ErrorCode.FILE_EMPTY);
        }

        @Test
        void aMissingRequiredColumnFailsBeforeAnyRowIsStored() throws IOException {
            ImportReport report = importer.importFile(admin,
                    file("eksik.csv", "isim,email\nAli,a@b.com\n", StandardCharsets.UTF_8), ImportOptions.defaults());
            assertThat(report.status()).isEqualTo(JobStatus.FAILED);
            assertThat(report.job().fatalCode()).isEqualTo(ErrorCode.HEADER_MISSING_REQUIRED);
            assertThat(report.job().fatalMessage()).contains("phone", "telefon");
            assertThat(count()).isZero();
        }

        @Test
        void unknownColumnsAreWarnings() throws IOException {
            ImportReport report = importer.importFile(admin,
                    file("fazla.csv", "isim,telefon,Doğum Yeri\nAli,05301234567,Rize\n", StandardCharsets.UTF_8),
                    ImportOptions.defaults());
            assertThat(report.warnings()).extracting(JobWarning::code, JobWarning::column)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(JobWarning.COLUMN_IGNORED, "Doğum Yeri"));
        }

        @Test
        void tooManyRowsStoresNothingEvenAfterChunksWereCommitted() throws IOException {
            StringBuilder sb = new StringBuilder("isim,telefon\n");
            for (int i = 0; i < 30; i++) {
                sb.append("Kişi ").append(i).append(",+90532").append(String.format("%07d", i)).append('\n');
            }
            ImportReport report = importer.importFile(admin, file("uzun.csv", sb.toString(), StandardCharsets.UTF_8),
                    ImportOptions.builder().maxRows(25).chunkSize(10).build());
            assertThat(report.status()).isEqualTo(JobStatus.FAILED);
            assertThat(report.job().fatalCode()).isEqualTo(ErrorCode.TOO_MANY_ROWS);
            assertThat(count()).isZero();
        }
    }

    @Nested
    class Modes {

        private Path twoRows() throws IOException {
            return file("iki.csv", "isim;telefon;segment;şirket\nAli Yeni;05301234567;VIP;\nVeli Yeni;05301234568;;Yeni A.Ş.\n",
                    StandardCharsets.UTF_8);
        }

        @Test
        void rejectSkipAndUpdateOnStoredPhones() throws IOException {
            crm.customers().create(admin, NewCustomer.builder("Ali Eski", "05301234567").segment(Segment.RISK)
                    .company("Eski Ltd").build());

            ImportReport rejected = importer.importFile(admin, twoRows(), ImportOptions.defaults());
            assertThat(rejected.created()).isEqualTo(1);
            assertThat(rejected.firstErrors()).extracting(RowError::code).containsExactly(ErrorCode.DUPLICATE_PHONE);

            ImportReport skipped = importer.importFile(admin, twoRows(),
                    ImportOptions.builder().onDuplicate(OnDuplicate.SKIP).build());
            assertThat(skipped.skipped()).isEqualTo(2);
            assertThat(skipped.rejected()).isZero();

            ImportReport updated = importer.importFile(admin, twoRows(),
                    ImportOptions.builder().onDuplicate(OnDuplicate.UPDATE).build());
            assertThat(updated.updated()).isEqualTo(2);
            Customer ali = crm.customers().findByPhone(admin, "05301234567").orElseThrow();
            assertThat(ali.fullName()).isEqualTo("Ali Yeni");
            assertThat(ali.segment()).isEqualTo(Segment.VIP);
            assertThat(ali.company()).as("a blank cell never overwrites").isEqualTo("Eski Ltd");
            Customer veli = crm.customers().findByPhone(admin, "05301234568").orElseThrow();
            assertThat(veli.segment()).as("a blank segment keeps the stored one").isEqualTo(Segment.NORMAL);
            assertThat(veli.company()).isEqualTo("Yeni A.Ş.");
        }

        @Test
        void clearTokenEmptiesAndPoliciesProtect() throws IOException {
            crm.customers().create(admin, NewCustomer.builder("Ali", "05301234567").company("Eski Ltd")
                    .email("ali@eski.com").build());
            Path f = file("temizle.csv", "isim;telefon;şirket;email\nAli;05301234567;#CLEAR;ali@yeni.com\n",
                    StandardCharsets.UTF_8);

            importer.importFile(admin, f, ImportOptions.builder().onDuplicate(OnDuplicate.UPDATE)
                    .policy("email", FieldPolicy.ONLY_IF_EMPTY).build());

            Customer ali = crm.customers().findByPhone(admin, "05301234567").orElseThrow();
            assertThat(ali.company()).isNull();
            assertThat(ali.email()).isEqualTo("ali@eski.com");
        }

        @Test
        void atomicModeStoresNothingWhenARowIsInvalid() throws IOException {
            Path f = file("atomik.csv", "isim;telefon\nAli;05301234567\n;05301234568\nVeli;05301234569\n",
                    StandardCharsets.UTF_8);
            ImportReport report = importer.importFile(admin, f, ImportOptions.builder().mode(ImportMode.ATOMIC)
                    .chunkSize(1).build());
            assertThat(report.status()).isEqualTo(JobStatus.FAILED);
            assertThat(report.job().fatalCode()).isEqualTo(ErrorCode.ROWS_REJECTED);
            assertThat(report.created()).isZero();
            assertThat(report.rejected()).isEqualTo(1);
            assertThat(report.firstErrors()).extracting(RowError::code).containsExactly(ErrorCode.NAME_REQUIRED);
            assertThat(count()).isZero();

            Path good = file("atomik-iyi.csv", "isim;telefon\nAli;05301234567\nVeli;05301234569\n",
                    StandardCharsets.UTF_8);
            ImportReport ok = importer.importFile(admin, good, ImportOptions.builder().mode(ImportMode.ATOMIC).build());
            assertThat(ok.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(ok.created()).isEqualTo(2);
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void aDryRunReportsWhatARealRunDoesAndStoresNothing() throws IOException {
            crm.customers().create(admin, NewCustomer.builder("Ali Eski", "05301234567").build());
            Path f = file("deneme.csv", "isim;telefon;email\nAli;05301234567;\nVeli;05301234568;kötü\nCan;05301234569;\n"
                    + "Can2;05301234569;\n", StandardCharsets.UTF_8);

            ImportReport dry = importer.importFile(admin, f, ImportOptions.builder().dryRun(true).build());
            assertThat(dry.dryRun()).isTrue();
            assertThat(count()).isEqualTo(1);

            ImportReport real = importer.importFile(admin, f, ImportOptions.defaults());
            assertThat(List.of(dry.rows(), dry.created(), dry.updated(), dry.skipped(), dry.rejected()))
                    .isEqualTo(List.of(real.rows(), real.created(), real.updated(), real.skipped(), real.rejected()));
            assertThat(dry.firstErrors()).isEqualTo(real.firstErrors());
            assertThat(count()).isEqualTo(2);
        }

        @Test
        void undoRemovesCreatedAndRestoresUpdatedCustomers() throws IOException {
            crm.customers().create(admin, NewCustomer.builder("Ali Eski", "05301234567").segment(Segment.RISK).build());
            ImportReport report = importer.importFile(admin, twoRows(),
                    ImportOptions.builder().onDuplicate(OnDuplicate.UPDATE).build());
            assertThat(report.updated()).isEqualTo(1);
            assertThat(report.created()).isEqualTo(1);

            UndoReport undo = crm.imports().undo(admin, report.jobId());

            assertThat(undo.removed()).isEqualTo(1);
            assertThat(undo.restored()).isEqualTo(1);
            assertThat(count()).isEqualTo(1);
            Customer ali = crm.customers().findByPhone(admin, "05301234567").orElseThrow();
            assertThat(ali.fullName()).isEqualTo("Ali Eski");
            assertThat(ali.segment()).isEqualTo(Segment.RISK);
        }
    }

    @Nested
    class Jobs {

        private Path many(int n) throws IOException {
            StringBuilder sb = new StringBuilder("isim,telefon\n");
            for (int i = 0; i < n; i++) {
                sb.append("Kişi ").append(i).append(",0532").append(String.format("%07d", i)).append('\n');
                if (i % 7 == 0) {
                    sb.append("Tekrar ").append(i).append(",0532").append(String.format("%07d", i)).append('\n');
                }
            }
            return file("cok.csv", sb.toString(), StandardCharsets.UTF_8);
        }

        @Test
        void aJobWhoseWorkerDiedIsResumedByAnotherAfterItsLeaseWithNothingLostOrDoubled() throws IOException {
            Path f = many(100);
            ImportJob job = importer.submit(admin, f, ImportOptions.builder().chunkSize(10).build());
            Importer dying = dyingAtChunk(3);
            assertThatThrownBy(() -> dying.runJob(ACME, job.id())).isInstanceOf(ProcessDeath.class);
            ImportJob halfway = crm.imports().find(admin, job.id()).orElseThrow();
            assertThat(halfway.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(halfway.rows()).isPositive();
            assertThat(count()).isBetween(1L, 99L);

            assertThat(importer.runPending()).as("nobody may take a job whose lease still runs").isZero();
            clock.advance(Duration.ofSeconds(31));
            assertThat(importer.runPending()).isEqualTo(1);

            ImportReport report = importer.report(admin, job.id());
            assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(report.created()).isEqualTo(100);
            assertThat(report.rejected()).isEqualTo(15);
            assertThat(report.firstErrors()).extracting(RowError::code).containsOnly(ErrorCode.DUPLICATE_IN_FILE);
            assertThat(count()).isEqualTo(100);
        }

        @Test
        void aJobWhoseWorkerDiedAfterItsLastChunkIsResumedWithoutReadingItsRowsAgain() throws IOException {
            StringBuilder sb = new StringBuilder("isim,telefon\n");
            for (int i = 0; i < 20; i++) {
                sb.append("Kişi ").append(i).append(",0532").append(String.format("%07d", i)).append('\n');
            }
            Path f = file("yirmi.csv", sb.toString(), StandardCharsets.UTF_8);
            ImportJob job = importer.submit(admin, f, ImportOptions.builder().chunkSize(10).build());
            // Two full chunks, then the closing one with no rows: the worker dies before finishing.
            Importer dying = dyingAtChunk(3);
            assertThatThrownBy(() -> dying.runJob(ACME, job.id())).isInstanceOf(ProcessDeath.class);
            ImportJob stored = crm.imports().find(admin, job.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(stored.nextRow()).as("after the last row, header on row 1").isEqualTo(22);

            clock.advance(Duration.ofSeconds(31));
            assertThat(importer.runPending()).isEqualTo(1);
            ImportReport report = importer.report(admin, job.id());
            assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(report.rows()).isEqualTo(20);
            assertThat(report.created()).isEqualTo(20);
            assertThat(report.rejected()).isZero();
        }

        @Test
        void twoThreadsOfOneImporterNeverRunOneJobTogether() throws Exception {
            // The importer's claims all carry its one owner name, under which a job already held
            // can be claimed again: a worker thread takes the job first, then this thread asks
            // for the same job while the worker is inside it.
            ImportJob job = importer.submit(admin, many(100), ImportOptions.builder().chunkSize(10).build());
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch proceed = new java.util.concurrent.CountDownLatch(1);
            importer.addListener(new ImportListener() {
                @Override
                public void onStarted(ImportJob j) {
                    if (Thread.currentThread().getName().equals("worker")) {
                        started.countDown();
                        try {
                            proceed.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
            java.util.concurrent.atomic.AtomicReference<Throwable> workerFailure = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicInteger workerRan = new java.util.concurrent.atomic.AtomicInteger();
            Thread worker = new Thread(() -> {
                try {
                    workerRan.set(importer.runPending());
                } catch (Throwable t) {
                    workerFailure.set(t);
                }
            }, "worker");
            worker.start();
            assertThat(started.await(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();

            assertThat(importer.runJob(ACME, job.id())).as("the worker runs it").isEmpty();
            proceed.countDown();
            worker.join(60_000);

            assertThat(workerFailure.get()).isNull();
            assertThat(workerRan.get()).isEqualTo(1);
            ImportReport report = importer.report(admin, job.id());
            assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(report.created()).isEqualTo(100);
            assertThat(count()).isEqualTo(100);
        }

        @Test
        void aResumedJobKnowsWhichEarlierRowsWereRejectedPastOnePageOfThem() throws IOException {
            // Rows 2..2501 are rejected (no name) with numbers that count as free again; rows
            // 2502..3001 are stored and their numbers stay taken; the worker dies after them.
            StringBuilder sb = new StringBuilder("isim,telefon\n");
            for (int i = 0; i < 2500; i++) {
                sb.append(",0532").append(String.format("%07d", i)).append('\n');
            }
            for (int j = 0; j < 500; j++) {
                sb.append("Kabul ").append(j).append(",0533").append(String.format("%07d", j)).append('\n');
            }
            for (String again : List.of("05320000000", "05320001234", "05320002499", "05330000000", "05330000499")) {
                sb.append("Yeniden,").append(again).append('\n');
            }
            Path f = file("sayfalar.csv", sb.toString(), StandardCharsets.UTF_8);
            ImportJob job = importer.submit(admin, f, ImportOptions.builder().chunkSize(500).build());
            assertThatThrownBy(() -> dyingAtChunk(6).runJob(ACME, job.id())).isInstanceOf(ProcessDeath.class);
            assertThat(crm.imports().find(admin, job.id()).orElseThrow().nextRow()).isEqualTo(3002);

            clock.advance(Duration.ofSeconds(31));
            assertThat(importer.runPending()).isEqualTo(1);

            ImportReport report = importer.report(admin, job.id());
            assertThat(report.created()).as("the three numbers of rejected rows are free").isEqualTo(503);
            assertThat(report.rejected()).isEqualTo(2502);
            assertThat(importer.rejectedRows(admin, job.id()).filter(r -> r.row() > 3001)
                    .flatMap(r -> r.errors().stream()).toList())
                    .extracting(RowError::row, RowError::code)
                    .containsExactly(tuple(3005L, ErrorCode.DUPLICATE_IN_FILE), tuple(3006L, ErrorCode.DUPLICATE_IN_FILE));
        }

        @Test
        void aReportHoldsTheFirstRowsErrorsAndTheStoreStreamsThemAll() throws IOException {
            StringBuilder sb = new StringBuilder("isim,telefon,e-posta\n");
            for (int i = 0; i < 4500; i++) {
                // Every third row is stored; the others have a bad number, and every tenth a bad e-mail too.
                sb.append("Kişi ").append(i).append(',').append(i % 3 == 0 ? "0532" + String.format("%07d", i) : "12")
                        .append(',').append(i % 3 != 0 && i % 10 == 1 ? "posta" : "").append('\n');
            }
            Path f = file("hatalar.csv", sb.toString(), StandardCharsets.UTF_8);

            ImportReport report = importer.importFile(admin, f, ImportOptions.defaults());

            assertThat(report.rejected()).isEqualTo(3000);
            List<RejectedRow> all = importer.rejectedRows(admin, report.jobId()).toList();
            assertThat(all).hasSize(3000);
            assertThat(all).extracting(RejectedRow::row).isSorted().doesNotHaveDuplicates();
            assertThat(all.stream().flatMap(r -> r.errors().stream()).filter(e -> e.code() == ErrorCode.EMAIL_INVALID))
                    .hasSize(300);
            assertThat(report.firstErrors()).isEqualTo(all.subList(0, ImportReport.FIRST_ROWS).stream()
                    .flatMap(r -> r.errors().stream()).toList());
            assertThat(importer.rejectedRows(admin, report.jobId()).skip(2999).findFirst().orElseThrow().row())
                    .isEqualTo(4501);
        }

        @Test
        void aJobInterruptedByATransientStorageFailureIsTakenUpAgainByTheSameImporter() throws IOException {
            FailingStorage storage = new FailingStorage();
            Crm failing = Crm.builder(storage).clock(clock).build();
            Importer first = Importer.builder(failing).owner("first").lease(Duration.ofSeconds(30)).workDir(dir)
                    .retries(3, Duration.ofMillis(1)).build();
            ImportJob job = first.submit(admin, many(100), ImportOptions.builder().chunkSize(10).build());
            failAfterChunks(first, storage, 2, 3, new StorageException("the connection dropped", null, true));

            ImportReport report = first.runJob(ACME, job.id()).orElseThrow();

            assertThat(storage.failedWrites()).as("the chunk and two renewals failed").isEqualTo(3);
            assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(report.rows()).isEqualTo(115);
            assertThat(report.created()).isEqualTo(100);
            assertThat(report.rejected()).isEqualTo(15);
            assertThat(failing.customers().count(admin, CustomerQuery.all())).as("no row twice").isEqualTo(100);
        }

        @Test
        void aJobWhoseStorageKeepsFailingForAPassingReasonIsLeftForAnotherWorker() throws IOException {
            FailingStorage storage = new FailingStorage();
            Crm failing = Crm.builder(storage).clock(clock).build();
            Importer first = Importer.builder(failing).owner("first").lease(Duration.ofSeconds(30)).workDir(dir)
                    .retries(2, Duration.ofMillis(1)).build();
            ImportJob job = first.submit(admin, many(100), ImportOptions.builder().chunkSize(10).build());
            failAfterChunks(first, storage, 2, 1000, new StorageException("the database is restarting", null, true));

            ImportJob left = first.runJob(ACME, job.id()).orElseThrow().job();

            assertThat(storage.failedWrites()).as("the chunk, then a renewal per attempt").isEqualTo(3);
            storage.failNextWrites(0, null);
            assertThat(left.status()).as("left to be resumed, not failed").isEqualTo(JobStatus.RUNNING);
            assertThat(left.rows()).isEqualTo(20);
        }

        @Test
        void aJobInterruptedByATransientStorageFailureIsResumedAfterItsLease() throws IOException {
            FailingStorage storage = new FailingStorage();
            Crm failing = Crm.builder(storage).clock(clock).build();
            Importer first = Importer.builder(failing).owner("first").lease(Duration.ofSeconds(30)).workDir(dir)
                    .retries(0, Duration.ZERO).build();
            ImportJob job = first.submit(admin, many(100), ImportOptions.builder().chunkSize(10).build());
            failAfterChunks(first, storage, 2, new StorageException("the connection dropped", null, true));

            ImportReport interrupted = first.runJob(ACME, job.id()).orElseThrow();

            assertThat(interrupted.status()).as("left to be resumed, not failed").isEqualTo(JobStatus.RUNNING);
            assertThat(interrupted.rows()).isEqualTo(20);
            Importer second = Importer.builder(failing).owner("second").lease(Duration.ofSeconds(30)).workDir(dir)
                    .build();
            assertThat(second.runPending()).as("not before the lease runs out").isZero();
            clock.advance(Duration.ofSeconds(31));
            assertThat(second.runPending()).isEqualTo(1);
            ImportReport resumed = second.report(admin, job.id());
            assertThat(resumed.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(resumed.created()).isEqualTo(100);
            assertThat(resumed.rejected()).isEqualTo(15);
            assertThat(failing.customers().count(admin, CustomerQuery.all())).isEqualTo(100);
        }

        @Test
        void aJobWhoseStorageFailsForGoodEndsFailed() throws IOException {
            FailingStorage storage = new FailingStorage();
            Crm failing = Crm.builder(storage).clock(clock).build();
            Importer first = Importer.builder(failing).owner("first").lease(Duration.ofSeconds(30)).workDir(dir).build();
            ImportJob job = first.submit(admin, many(100), ImportOptions.builder().chunkSize(10).build());
            failAfterChunks(first, storage, 2, new StorageException("a trigger refused the row", null));

            ImportReport failed = first.runJob(ACME, job.id()).orElseThrow();

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.job().fatalCode()).isEqualTo(ErrorCode.STORAGE_FAILURE);
            assertThat(failed.rows()).as("the committed chunks stay").isEqualTo(20);
        }

        /** An importer whose process dies when it reports progress for the {@code chunk}th time. */
        private Importer dyingAtChunk(int chunk) {
            Importer dying = Importer.builder(crm).owner("dying").lease(Duration.ofSeconds(30)).workDir(dir).build();
            AtomicInteger chunks = new AtomicInteger();
            dying.addListener(new ImportListener() {
                @Override
                public void onProgress(ImportProgress progress) {
                    if (chunks.incrementAndGet() == chunk) {
                        throw new ProcessDeath();
                    }
                }
            });
            return dying;
        }

        /** Once {@code chunks} chunks are committed, the next unit of work that writes fails with {@code failure}. */
        private void failAfterChunks(Importer importer, FailingStorage storage, int chunks, StorageException failure) {
            failAfterChunks(importer, storage, chunks, 1, failure);
        }

        /** Once {@code chunks} chunks are committed, the next {@code writes} units of work that write fail. */
        private void failAfterChunks(Importer importer, FailingStorage storage, int chunks, int writes,
                                     StorageException failure) {
            AtomicInteger committed = new AtomicInteger();
            importer.addListener(new ImportListener() {
                @Override
                public void onProgress(ImportProgress progress) {
                    if (committed.incrementAndGet() == chunks) {
                        storage.failNextWrites(writes, failure);
                    }
                }
            });
        }

        @Test
        void polledProgressOfARunningJobMeasuresTimeOnTheCrmsClock() throws IOException {
            Path f = many(30);
            List<ImportProgress> polled = new java.util.concurrent.CopyOnWriteArrayList<>();
            importer.addListener(new ImportListener() {
                @Override
                public void onChunkCommitted(ChunkCommit chunk) {
                    if (polled.isEmpty()) {
                        // The job is RUNNING with its first chunk committed, 10 s after it started.
                        clock.advance(Duration.ofSeconds(10));
                        polled.add(importer.progress(admin, chunk.jobId()));
                    }
                }
            });

            importer.importFile(admin, f, ImportOptions.builder().chunkSize(10).build());

            ImportProgress p = polled.get(0);
            assertThat(p.rows()).isEqualTo(10);
            assertThat(p.rowsPerSecond()).isEqualTo(1.0);
            // The bytes still to read at the byte rate of those 10 s.
            assertThat(p.bytesRead()).isPositive();
            assertThat(p.timeLeft()).isEqualTo(Duration.ofMillis(
                    (long) ((p.totalBytes() - p.bytesRead()) / (p.bytesRead() / 10.0) * 1000)));
        }

        @Test
        void progressIsReportedByListenerAndByPolling() throws IOException {
            Path f = many(50);
            List<ImportProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            importer.addListener(new ImportListener() {
                @Override
                public void onProgress(ImportProgress progress) {
                    seen.add(progress);
                }
            });
            ImportReport report = importer.importFile(admin, f, ImportOptions.builder().chunkSize(10).build());

            assertThat(seen).hasSizeGreaterThanOrEqualTo(5);
            assertThat(seen).extracting(ImportProgress::rows).isSorted();
            assertThat(seen.get(seen.size() - 1).rows()).isEqualTo(report.rows());
            assertThat(seen).allSatisfy(p -> assertThat(p.bytesRead()).isBetween(0L, p.totalBytes()));
            ImportProgress polled = importer.progress(admin, report.jobId());
            assertThat(polled.rows()).isEqualTo(report.rows());
            assertThat(polled.totalBytes()).isEqualTo(Files.size(f));
            assertThat(polled.timeLeft()).isEqualTo(Duration.ZERO);
        }

        @Test
        void listenersHearEachStartAndEachCommittedChunkWithItsCounts() throws IOException {
            Path f = many(30);
            List<ImportJob> started = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<ChunkCommit> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();
            importer.addListener(new ImportListener() {
                @Override
                public void onStarted(ImportJob job) {
                    started.add(job);
                }

                @Override
                public void onChunkCommitted(ChunkCommit chunk) {
                    chunks.add(chunk);
                }
            });
            ImportReport report = importer.importFile(admin, f, ImportOptions.builder().chunkSize(10).build());

            assertThat(started).singleElement().satisfies(j -> {
                assertThat(j.id()).isEqualTo(report.jobId());
                assertThat(j.status()).isEqualTo(JobStatus.RUNNING);
                assertThat(j.startedAt()).isEqualTo(clock.instant());
            });
            assertThat(chunks).hasSizeGreaterThanOrEqualTo(3).allSatisfy(c -> {
                assertThat(c.jobId()).isEqualTo(report.jobId());
                assertThat(c.stored()).isTrue();
                assertThat(c.dryRun()).isFalse();
                assertThat(c.duration().isNegative()).isFalse();
            });
            assertThat(chunks.stream().mapToInt(ChunkCommit::rows).sum()).isEqualTo((int) report.rows());
            assertThat(chunks.stream().mapToInt(ChunkCommit::created).sum()).isEqualTo(30);
            assertThat(chunks.stream().mapToInt(ChunkCommit::rejected).sum()).isEqualTo((int) report.rejected());
        }

        @Test
        void chunksOfADryRunAndOfAnAtomicChecksAreNotStored() throws IOException {
            Path f = many(12);
            List<ChunkCommit> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();
            importer.addListener(new ImportListener() {
                @Override
                public void onChunkCommitted(ChunkCommit chunk) {
                    chunks.add(chunk);
                }
            });
            importer.importFile(admin, f, ImportOptions.builder().chunkSize(5).dryRun(true).build());
            assertThat(chunks).isNotEmpty().allSatisfy(c -> {
                assertThat(c.dryRun()).isTrue();
                assertThat(c.stored()).isFalse();
            });
            chunks.clear();

            Path valid = file("gecerli.csv", "isim,telefon\nAyşe,05301234567\nMehmet,05321234567\n",
                    StandardCharsets.UTF_8);
            importer.importFile(admin, valid, ImportOptions.builder().mode(ImportMode.ATOMIC).build());
            assertThat(chunks).extracting(ChunkCommit::stored).containsExactly(false, true);
            assertThat(chunks.get(1).created()).isEqualTo(2);
        }

        @Test
        void aStopRequestEndsRunPendingBeforeTheNextChunkAndTheJobResumesAfterItsLease() throws IOException {
            Path f = many(100);
            ImportJob job = importer.submit(admin, f, ImportOptions.builder().chunkSize(10).build());
            AtomicInteger chunks = new AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<ImportReport> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
            Importer stopping = Importer.builder(crm).owner("stopping").lease(Duration.ofSeconds(30)).workDir(dir)
                    .build();
            stopping.addListener(new ImportListener() {
                @Override
                public void onChunkCommitted(ChunkCommit chunk) {
                    if (chunks.incrementAndGet() == 3) {
                        stop.set(true);
                    }
                }

                @Override
                public void onFinished(ImportReport report) {
                    finished.add(report);
                }
            });

            assertThat(stopping.runPending(stop::get)).isEqualTo(1);
            assertThat(chunks).hasValue(3);
            assertThat(finished).singleElement().extracting(ImportReport::status).isEqualTo(JobStatus.RUNNING);
            ImportJob halfway = crm.imports().find(admin, job.id()).orElseThrow();
            assertThat(halfway.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(halfway.leaseOwner()).isEqualTo("stopping");
            assertThat(stopping.runPending(stop::get)).as("a stopped importer claims nothing").isZero();

            assertThat(importer.runPending()).as("the lease still runs").isZero();
            clock.advance(Duration.ofSeconds(31));
            assertThat(importer.runPending()).isEqualTo(1);
            ImportReport report = importer.report(admin, job.id());
            assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(report.created()).isEqualTo(100);
            assertThat(count()).isEqualTo(100);
        }

        @Test
        void aCancelledQueuedJobNeverRuns() throws IOException {
            ImportJob job = importer.submit(admin, many(5), ImportOptions.defaults());
            crm.imports().cancel(admin, job.id());
            assertThat(importer.runPending()).isZero();
            assertThat(importer.report(admin, job.id()).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(count()).isZero();
        }

        @Test
        void permissionsAreCheckedBeforeAnythingIsStored() throws IOException {
            Path f = many(3);
            Actor viewer = Actor.user(ACME, "ayse", "agents");
            assertThatThrownBy(() -> importer.importFile(viewer, f, ImportOptions.defaults()))
                    .isInstanceOf(PermissionDeniedException.class);
            crm.permissions().grantUser(admin, "ayse", PermissionLevel.CONTRIBUTE);
            assertThatThrownBy(() -> importer.importFile(viewer, f,
                    ImportOptions.builder().onDuplicate(OnDuplicate.UPDATE).build()))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThat(crm.imports().list(admin, 10)).isEmpty();
            assertThat(importer.importFile(viewer, f, ImportOptions.defaults()).created()).isEqualTo(3);
        }
    }

    /** In-memory storage whose next writing unit of work can be made to fail, storing nothing. */
    private static final class FailingStorage implements Storage {
        private final InMemoryStorage store = InMemoryStorage.create();
        private StorageException nextWrite;
        private int failingWrites;
        private int failedWrites;

        synchronized void failNextWrite(StorageException failure) {
            failNextWrites(1, failure);
        }

        /** The next {@code count} units of work that write fail with {@code failure}. */
        synchronized void failNextWrites(int count, StorageException failure) {
            nextWrite = failure;
            failingWrites = count;
        }

        synchronized int failedWrites() {
            return failedWrites;
        }

        @Override
        public <T> T read(TenantId tenant, Function<StorageSession, T> work) {
            return store.read(tenant, work);
        }

        @Override
        public <T> T write(TenantId tenant, Function<StorageSession, T> work) {
            StorageException failure;
            synchronized (this) {
                failure = nextWrite;
                if (failure != null) {
                    failedWrites++;
                    if (--failingWrites == 0) {
                        nextWrite = null;
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return store.write(tenant, work);
        }

        @Override
        public Optional<JobClaim> claimImportJob(String owner, Instant now, Instant leaseUntil) {
            return store.claimImportJob(owner, now, leaseUntil);
        }
    }

    /** Stands for a process dying mid-job: nothing after it runs. */
    private static final class ProcessDeath extends Error {
        private static final long serialVersionUID = 1L;
    }
}
