package dev.crmkit.bench.importing;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.ImportReport;
import dev.crmkit.importer.Importer;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * The import benchmark: a whole-process harness, not JMH, since an import is one long run. Each
 * figure is printed with the baselines measured in the same process on the same file.
 *
 * <pre>
 * java -Xmx3g -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.ImportBenchmark csv 1000000
 * java -Xmx3g -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.ImportBenchmark xlsx 1000000
 * java -Xmx256m -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.ImportBenchmark memory-csv 1000000
 * java -Xmx256m -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.ImportBenchmark memory-xlsx 1000000
 * java -Xmx512m -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.ImportBenchmark memory-csv 10000000
 * </pre>
 *
 * Files are generated once under {@code crm-bench/target/bench-data} (or the folder given as the
 * third argument) and reused.
 */
public final class ImportBenchmark {

    private static final long SEED = 20261122L;
    private static final Charset TURKISH = Charset.forName("windows-1254");
    private static final Actor ADMIN = Actor.admin(TenantId.of("bench"), "bench");

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "csv";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Path.of(args.length > 2 ? args[2] : "crm-bench/target/bench-data");
        Files.createDirectories(dir);
        String collectors = String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
        System.out.printf("import benchmark: %s, %,d rows, %d cores, max heap %,d MB, collectors %s%n", mode, rows,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, collectors);
        switch (mode) {
            case "csv" -> csv(file(dir, rows, false));
            case "xlsx" -> xlsx(file(dir, rows, true));
            case "memory-csv" -> memory(file(dir, rows, false));
            case "memory-xlsx" -> memory(file(dir, rows, true));
            default -> throw new IllegalArgumentException("modes: csv, xlsx, memory-csv, memory-xlsx");
        }
    }

    private static Path file(Path dir, int rows, boolean xlsx) throws IOException {
        Path f = dir.resolve("customers-" + rows + (xlsx ? ".xlsx" : ".csv"));
        if (!Files.exists(f)) {
            long t0 = System.nanoTime();
            Path tmp = dir.resolve(f.getFileName() + ".tmp");
            if (xlsx) {
                ImportFileGenerator.xlsx(tmp, rows, SEED);
            } else {
                ImportFileGenerator.csv(tmp, rows, SEED);
            }
            Files.move(tmp, f);
            System.out.printf("generated %s (%,d bytes) in %.1f s%n", f.getFileName(), Files.size(f),
                    (System.nanoTime() - t0) / 1e9);
        }
        return f;
    }

    private static void csv(Path file) throws IOException {
        PhoneParser phones = PhoneParser.forRegion("TR");
        for (int warmup = 0; warmup < 2; warmup++) {
            bareCsv(file);
            csvWithPhones(file, phones);
            importOnce(file);
        }
        List<Double> bare = new ArrayList<>();
        List<Double> withPhones = new ArrayList<>();
        List<Double> imports = new ArrayList<>();
        ImportReport last = null;
        for (int run = 0; run < 3; run++) {
            bare.add(bareCsv(file));
            withPhones.add(csvWithPhones(file, phones));
            Timed<ImportReport> t = importOnce(file);
            imports.add(t.rate);
            last = t.value;
        }
        report(last);
        double e2e = median(imports);
        System.out.printf("%-44s %,12.0f rows/s%n", "bare Commons CSV parse (baseline)", median(bare));
        System.out.printf("%-44s %,12.0f rows/s%n", "CSV parse + phone normalization (baseline)", median(withPhones));
        System.out.printf("%-44s %,12.0f rows/s   = %.2f x bare parse, %.2f x parse+phones%n",
                "end-to-end import into memory", e2e, e2e / median(bare), e2e / median(withPhones));
    }

    private static void xlsx(Path file) throws Exception {
        for (int warmup = 0; warmup < 2; warmup++) {
            bareXlsx(file);
            importOnce(file);
        }
        List<Double> bare = new ArrayList<>();
        List<Double> imports = new ArrayList<>();
        ImportReport last = null;
        for (int run = 0; run < 3; run++) {
            bare.add(bareXlsx(file));
            Timed<ImportReport> t = importOnce(file);
            imports.add(t.rate);
            last = t.value;
        }
        report(last);
        double e2e = median(imports);
        System.out.printf("%-44s %,12.0f rows/s%n", "bare POI SAX read (baseline)", median(bare));
        System.out.printf("%-44s %,12.0f rows/s   = %.2f x bare POI SAX read%n", "end-to-end XLSX import into memory",
                e2e, e2e / median(bare));
    }

    /** A dry run (nothing stored, the file read in place) to show the pipeline's own memory. */
    private static void memory(Path file) {
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
                heap.add(pool);
            }
        }
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Importer importer = Importer.builder(crm).build();
        long t0 = System.nanoTime();
        ImportJob job = importer.submitShared(ADMIN, file, ImportOptions.builder().dryRun(true).maxFileBytes(4L << 30).build());
        ImportReport report = importer.runJob(ADMIN.tenant(), job.id()).orElseThrow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Young pools fill up with garbage between collections, so their peaks say nothing; what
        // survives collection ends up in the old generation, whose peak bounds the live data.
        long oldPeak = 0;
        for (MemoryPoolMXBean pool : heap) {
            if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
                oldPeak = Math.max(oldPeak, pool.getPeakUsage().getUsed());
            }
        }
        System.gc();
        long liveAfter = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        report(report);
        System.out.printf("dry run of %,d rows in %.1f s (%,.0f rows/s); heap limit %,d MB, old generation peak %,d MB,"
                        + " live after the run %,d MB%n", report.rows(), seconds, report.rows() / seconds,
                Runtime.getRuntime().maxMemory() >> 20, oldPeak >> 20, liveAfter >> 20);
    }

    private record Timed<T>(T value, double rate) {
    }

    private static Timed<ImportReport> importOnce(Path file) {
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Importer importer = Importer.builder(crm).build();
        System.gc();
        long t0 = System.nanoTime();
        ImportReport report = importer.importFile(ADMIN, file, ImportOptions.builder().chunkSize(2000).maxFileBytes(4L << 30).build());
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Timed<>(report, report.rows() / seconds);
    }

    static double bareCsv(Path file) throws IOException {
        long t0 = System.nanoTime();
        long n = 0;
        long chars = 0;
        try (Reader in = Files.newBufferedReader(file, TURKISH);
             CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(';').get().parse(in)) {
            for (CSVRecord r : parser) {
                chars += r.get(0).length();
                n++;
            }
        }
        return rate(n - 1, t0, chars);
    }

    private static double csvWithPhones(Path file, PhoneParser phones) throws IOException {
        long t0 = System.nanoTime();
        long n = 0;
        long valid = 0;
        try (Reader in = Files.newBufferedReader(file, TURKISH);
             CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(';').get().parse(in)) {
            boolean header = true;
            for (CSVRecord r : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                try {
                    phones.parse(r.get(1));
                    valid++;
                } catch (CrmValidationException e) {
                    // about 1% of the rows
                }
                n++;
            }
        }
        return rate(n, t0, valid);
    }

    private static double bareXlsx(Path file) throws Exception {
        long t0 = System.nanoTime();
        long[] cells = new long[1];
        long[] rows = new long[1];
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings,
                    new XSSFSheetXMLHandler.SheetContentsHandler() {
                        @Override
                        public void startRow(int rowNum) {
                            rows[0]++;
                        }

                        @Override
                        public void endRow(int rowNum) {
                        }

                        @Override
                        public void cell(String ref, String value, XSSFComment comment) {
                            cells[0] += value.length();
                        }
                    }, false));
            try (var sheet = reader.getSheetsData().next()) {
                xml.parse(new InputSource(sheet));
            }
        }
        return rate(rows[0] - 1, t0, cells[0]);
    }

    private static double rate(long n, long t0, long sink) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sink == Long.MIN_VALUE) {
            System.out.print("");
        }
        return n / seconds;
    }

    private static void report(ImportReport r) {
        System.out.printf("job %d %s: rows %,d created %,d rejected %,d (encoding %s, delimiter %s)%n", r.jobId(),
                r.status(), r.rows(), r.created(), r.rejected(), r.job().encoding(), r.job().delimiter());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
