package dev.crmkit.importer.source;

import java.nio.file.Path;

/**
 * Run in a separate JVM with a small heap by {@code XlsSourceTest}: reads every record of the
 * workbook given as the argument and prints the record count and the heap in use (after a
 * collection) once early and once at the end.
 */
final class XlsReadProbe {

    private XlsReadProbe() {
    }

    public static void main(String[] args) {
        long records = 0;
        long early = -1;
        String last = "";
        try (RecordSource source = XlsSource.open(Path.of(args[0]), SourceOptions.DEFAULT)) {
            SourceRecord record;
            while ((record = source.next()) != null) {
                records++;
                last = record.cell(0) + "|" + record.cell(1);
                if (records == 5_000) {
                    early = usedHeap();
                }
            }
        }
        System.out.println("records=" + records + " last=" + last + " early=" + early + " end=" + usedHeap());
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
