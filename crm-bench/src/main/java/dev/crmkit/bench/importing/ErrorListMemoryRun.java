package dev.crmkit.bench.importing;

import static dev.crmkit.bench.importing.Console.check;
import static dev.crmkit.bench.importing.Console.say;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.importjob.RowError;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A file whose every row is invalid, imported by the command line tool as a user runs it, in a
 * fixed heap, on its default SQLite store; whole processes, JVM start included:
 * <ul>
 *   <li>{@code crm import FILE --json --errors report.csv}, a real run, and {@code crm import FILE
 *       --json --dry-run}; each checked to give one JSON document with every error and, for the
 *       real run, a report line per row;
 *   <li>the baseline, measured in this process: the heap a list of that many errors would take
 *       if a report held them (as the tool did before it read them from the store), from the
 *       retained size of 200,000 errors of the same form.
 * </ul>
 * The file is larger than the tool's default limit of 200 MB, so the runs raise it with {@code
 * --max-file-size}. The peak resident memory of each run is read from Linux's {@code /proc}; elsewhere it is not
 * shown.
 *
 * <pre>
 * mvn -B -q package -pl crm-cli,crm-bench -am -DskipTests
 * java -cp crm-bench/target/benchmarks.jar dev.crmkit.bench.importing.ErrorListMemoryRun 10000000 256m
 * </pre>
 * Arguments: rows (default 10,000,000), the tool's heap (default 256m), the data folder (default
 * {@code crm-bench/target/error-list-data}), the tool's jar (default {@code crm-cli/target/crm-cli.jar}).
 */
public final class ErrorListMemoryRun {

    private ErrorListMemoryRun() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        String heap = args.length > 1 ? args[1] : "256m";
        Path dir = Path.of(args.length > 2 ? args[2] : "crm-bench/target/error-list-data").toAbsolutePath();
        Path jar = Path.of(args.length > 3 ? args[3] : "crm-cli/target/crm-cli.jar").toAbsolutePath();
        clear(dir);
        Files.createDirectories(dir);
        Path file = dir.resolve("hepsi-hatali.csv");
        try (Writer w = Files.newBufferedWriter(file, Charset.forName("windows-1254"))) {
            w.write("Ad Soyad;Telefon\r\n");
            for (int i = 0; i < rows; i++) {
                w.write("Müşteri " + i + ";12" + (i % 1000) + "\r\n");
            }
        }
        say("file: %,d rows, all with an invalid phone, %,d bytes; the tool's heap: -Xmx%s", rows, Files.size(file), heap);

        double perError = bytesPerHeldError();
        double held = perError * rows;
        say("baseline (in-process): a list of %,d errors would hold %,.0f MB (%.0f bytes each, measured)",
                rows, held / 1e6, perError);

        for (boolean dryRun : new boolean[] {false, true}) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + heap, "-Djava.io.tmpdir=" + dir, "-jar", jar.toString(), "import",
                    file.toString(), "--json", "--max-file-size", "2GB"));
            command.addAll(dryRun ? List.of("--dry-run") : List.of("--errors", "hatalar.csv"));
            Path out = dir.resolve(dryRun ? "dry.json" : "real.json");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile()).start();
            long peakKb = 0;
            while (!p.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                peakKb = Math.max(peakKb, peakResidentKb(p.pid()));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 3) {
                try (Stream<String> head = Files.lines(out).limit(20)) {
                    check(false, "exit code 3 (rows rejected), got " + p.exitValue() + ": "
                            + Files.readString(dir.resolve("stderr.txt")) + String.join("\n", head.toList()));
                }
            }
            long errors = errorsIn(out);
            check(errors == rows, "the document holds " + errors + " errors");
            if (!dryRun) {
                try (Stream<String> lines = Files.lines(dir.resolve("hatalar.csv"), StandardCharsets.UTF_8)) {
                    check(lines.count() == rows + 1L, "the report has a line per rejected row");
                }
            }
            say("%-58s %7.1f s  %,9.0f rows/s  peak RSS %s  document %,d MB",
                    "crm import --json " + (dryRun ? "--dry-run" : "--errors report.csv") + " (whole process)",
                    seconds, rows / seconds, peakKb > 0 ? String.format(Locale.ROOT, "%,d MB", peakKb / 1024) : "n/a",
                    Files.size(out) / 1_000_000);
            say("  heap limit / errors held in memory: %.2f", parseMb(heap) * 1e6 / held);
            Files.delete(out);
        }
    }

    /** The retained heap of one {@link RowError} as a report list held them, from 200,000 of them. */
    private static double bytesPerHeldError() {
        int n = 200_000;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        List<RowError> errors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String value = "12" + (i % 1000);
            errors.add(new RowError(i + 2L, "Telefon", new String(value), ErrorCode.PHONE_INVALID,
                    "not a valid phone number: " + value));
        }
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        check(errors.size() == n, "kept");
        return (after - before) / (double) n;
    }

    private static long errorsIn(Path json) throws IOException {
        long errors = 0;
        try (JsonParser p = new JsonFactory().createParser(json.toFile())) {
            check(p.nextToken() == JsonToken.START_OBJECT, "a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("errors")) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        errors++;
                        p.skipChildren();
                    }
                } else if (value.isStructStart()) {
                    p.skipChildren();
                }
            }
            check(p.nextToken() == null, "one document");
        }
        return errors;
    }

    private static long peakResidentKb(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process has just ended.
        }
        return 0;
    }

    private static double parseMb(String heap) {
        String h = heap.toLowerCase(Locale.ROOT);
        double n = Double.parseDouble(h.replaceAll("[^0-9.]", ""));
        return h.endsWith("g") ? n * 1024 * 1.048576 : h.endsWith("m") ? n * 1.048576 : n / 1e6;
    }

    private static void clear(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
