package dev.crmkit.importer;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.importer.report.ReportFormat;
import dev.crmkit.importer.source.SourceLimits;
import dev.crmkit.importer.source.SourceOptions;
import dev.crmkit.importer.source.SourceRecord;
import dev.crmkit.importer.source.XlsxSource;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The JVM that {@link HostileFilesTest} starts with a small heap: imports each file it is given
 * through the whole import path on a fresh in-memory store and prints one {@code RESULT} line per
 * file. Everything the job left behind (the job, its warnings, rejected rows and errors, both error
 * reports as text) goes to {@code NAME.evidence.txt} so the test can search it; the error reports
 * themselves to {@code NAME.errors.csv} and {@code NAME.errors.xlsx}.
 *
 * <p>Arguments: the folder for evidence and for the importer's copies, then one argument per file:
 * {@code name|path|shared|maxFileBytes|maxRows|minInflateRatio}, {@code -} for a default.
 * {@code shared} submits the file by path (the store keeps no copy of its bytes, as a host
 * importing files too large to keep in memory would), otherwise {@link Importer#importFile} copies
 * it into the store.
 */
final class HostileImportChild {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final AtomicLong LIVE_AFTER_GC = new AtomicLong();

    private HostileImportChild() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        watchCollections();
        for (int i = 1; i < args.length; i++) {
            String[] spec = args[i].split("\\|", -1);
            run(work, spec[0], Path.of(spec[1]), Boolean.parseBoolean(spec[2]), options(spec));
        }
    }

    private static ImportOptions options(String[] spec) {
        SourceLimits limits = SourceLimits.DEFAULT;
        if (!spec[3].equals("-")) {
            limits = limits.withMaxFileBytes(Long.parseLong(spec[3]));
        }
        if (!spec[4].equals("-")) {
            limits = limits.withMaxRows(Long.parseLong(spec[4]));
        }
        if (!spec[5].equals("-")) {
            limits = limits.withMinInflateRatio(Double.parseDouble(spec[5]));
        }
        return ImportOptions.builder().limits(limits).build();
    }

    private static void run(Path work, String name, Path file, boolean shared, ImportOptions options)
            throws IOException {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        LIVE_AFTER_GC.set(0);
        long started = System.nanoTime();

        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Actor admin = Actor.admin(TENANT, "boss");
        Importer importer = Importer.builder(crm).workDir(work.resolve(name + ".work")).build();
        StringBuilder result = new StringBuilder("RESULT name=").append(name);
        String message = "";
        String reports = "-";
        try (Writer evidence = Files.newBufferedWriter(work.resolve(name + ".evidence.txt"), StandardCharsets.UTF_8)) {
            try {
                ImportReport report;
                if (shared) {
                    ImportJob job = importer.submitShared(admin, file, options);
                    report = importer.runJob(TENANT, job.id()).orElseThrow();
                } else {
                    report = importer.importFile(admin, file, options);
                }
                ImportJob job = report.job();
                evidence.write(job + "\n" + report.warnings() + "\n");
                for (RowError e : report.firstErrors()) {
                    evidence.write(e + "\n");
                }
                TreeSet<String> codes = new TreeSet<>();
                long after = 0;
                List<RejectedRow> page;
                do {
                    page = crm.imports().rejectedRows(admin, job.id(), after, 1000);
                    for (RejectedRow r : page) {
                        r.errors().forEach(e -> codes.add(e.code().name()));
                        evidence.write(r + "\n");
                        after = r.row();
                    }
                } while (page.size() == 1000);
                result.append(" status=").append(job.status())
                        .append(" fatal=").append(job.fatalCode())
                        .append(" rows=").append(job.rows())
                        .append(" created=").append(job.created())
                        .append(" updated=").append(job.updated())
                        .append(" rejected=").append(job.rejected())
                        .append(" codes=").append(String.join(",", codes));
                message = job.fatalMessage() == null ? "" : job.fatalMessage();
                try {
                    errorReports(importer, admin, job.id(), work, name, evidence);
                    reports = "ok";
                } catch (RuntimeException e) {
                    reports = e.getClass().getName();
                    e.printStackTrace();
                }
            } catch (ImportFileException e) {
                // Refused before a job existed (the size limit is checked when the file is submitted).
                result.append(" status=REFUSED fatal=").append(e.code())
                        .append(" rows=0 created=0 updated=0 rejected=0 codes=");
                message = e.getMessage();
                evidence.write(message + "\n");
            } catch (RuntimeException e) {
                result.append(" status=THREW fatal=- rows=0 created=0 updated=0 rejected=0 codes=");
                message = e.getClass().getName() + ": " + e.getMessage();
                evidence.write(e + "\n");
                e.printStackTrace();
            }
        }
        long stored = crm.customers().count(admin, CustomerQuery.all());
        long millis = (System.nanoTime() - started) / 1_000_000;
        result.append(" stored=").append(stored)
                .append(" reports=").append(reports)
                .append(" millis=").append(millis)
                .append(" liveMb=").append(mb(LIVE_AFTER_GC.get()))
                .append(" peakMb=").append(mb(heapPeak()))
                .append(" maxMb=").append(mb(Runtime.getRuntime().maxMemory()))
                .append(" message=").append(oneLine(message));
        System.out.println(result);
        System.out.flush();
    }

    /** Writes both error reports to files and their cells, as text, to the evidence. */
    private static void errorReports(Importer importer, Actor admin, long jobId, Path work, String name,
                                     Writer evidence) throws IOException {
        Path csv = work.resolve(name + ".errors.csv");
        try (OutputStream out = Files.newOutputStream(csv)) {
            importer.writeErrorReport(admin, jobId, out, ReportFormat.CSV);
        }
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            in.transferTo(evidence);
        }
        Path xlsx = work.resolve(name + ".errors.xlsx");
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            importer.writeErrorReport(admin, jobId, out, ReportFormat.XLSX);
        }
        // Read back with the library's own streaming reader: a report of many rows is too big for
        // POI's whole-workbook model in this heap.
        try (XlsxSource report = XlsxSource.open(xlsx, SourceOptions.DEFAULT)) {
            for (SourceRecord r = report.next(); r != null; r = report.next()) {
                evidence.write(String.join("\t", r.cells()) + "\n");
            }
        }
    }

    /** The most heap in use right after any collection during the run: what was really held. */
    private static void watchCollections() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                LIVE_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    private static boolean isHeap(String pool) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(pool)) {
                return p.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    /** The sum of each heap pool's peak: an upper bound of the heap ever in use, garbage included. */
    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long mb(long bytes) {
        return (bytes + (1 << 19)) >> 20;
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").replace("|", "/");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
