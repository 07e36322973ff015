package dev.crmkit.importer;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.inmemory.InMemoryStorage;
import java.nio.file.Path;

/**
 * A host with no logging set up, as a new Maven project that only depends on the library is: it
 * imports the spreadsheets given as arguments and prints each report's status. Run by {@link
 * QuietHostTest} in a JVM of its own.
 */
public final class QuietHostChild {

    private QuietHostChild() {
    }

    public static void main(String[] args) {
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Importer importer = Importer.builder(crm).build();
        Actor admin = Actor.admin(TenantId.of("acme"), "boss");
        for (String file : args) {
            ImportReport report = importer.importFile(admin, Path.of(file), ImportOptions.defaults());
            System.out.println(Path.of(file).getFileName() + " " + report.status() + " created=" + report.created());
        }
    }
}
