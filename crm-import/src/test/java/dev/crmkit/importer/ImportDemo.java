package dev.crmkit.importer;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.bulk.RowError;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Imports a sample file into an in-memory store and shows the result: the README's first command
 * runs it ({@code mvn -B -q -pl crm-import -am test-compile exec:java}), on
 * {@code examples/musteriler.csv} unless a file is given.
 */
public final class ImportDemo {

    private ImportDemo() {
    }

    public static void main(String[] args) {
        Path file = args.length > 0 ? Path.of(args[0]) : sample();
        run(file, System.out);
    }

    static ImportReport run(Path file, PrintStream out) {
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Importer importer = Importer.builder(crm).build();
        Actor admin = Actor.admin(TenantId.of("demo"), "admin");

        ImportReport report = importer.importFile(admin, file, ImportOptions.defaults());
        out.printf("%s: %s, %d rows, %d created, %d rejected (encoding %s, delimiter '%s')%n", file.getFileName(),
                report.status(), report.rows(), report.created(), report.rejected(), report.job().encoding(),
                report.job().delimiter());
        for (RowError e : report.errors()) {
            out.printf("  row %d, %s: %s %s%n", e.row(), e.column(), e.code(), e.message());
        }
        out.println("search \"ayse\":");
        for (Customer c : crm.customers().search(admin, CustomerQuery.text("ayse")).items()) {
            out.printf("  %s  %s  %s  %s%n", c.fullName(), c.phone(), c.company(), c.segment());
        }
        return report;
    }

    /** The shipped sample, found from the repository root or from a module folder. */
    private static Path sample() {
        for (Path p : new Path[] {Path.of("examples", "musteriler.csv"), Path.of("..", "examples", "musteriler.csv")}) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("examples/musteriler.csv not found; pass a file");
    }
}
