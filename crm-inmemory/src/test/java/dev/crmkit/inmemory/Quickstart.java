package dev.crmkit.inmemory;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.Page;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.permission.InMemoryUserDirectory;
import java.io.PrintStream;

/** The README's example, compiled and run by {@code ReadmeExampleTest} so it cannot rot. */
public final class Quickstart {

    public static void main(String[] args) {
        run(System.out);
    }

    static Page<Customer> run(PrintStream out) {
        // README-EXAMPLE-START
        TenantId acme = TenantId.of("acme");
        InMemoryUserDirectory users = new InMemoryUserDirectory().add(acme, "mehmet");
        Crm crm = Crm.builder(InMemoryStorage.create()).userDirectory(users).build();
        Actor admin = Actor.admin(acme, "boss");

        Customer ayse = crm.customers().create(admin,
                NewCustomer.builder("  Ayşe   Yılmaz ", "0530 123 45 67")
                        .company("İstanbul Lojistik")
                        .nationalId("10000000146")
                        .build());
        out.println(ayse.fullName() + " " + ayse.phone() + " " + ayse.nationalId());
        // Ayşe Yılmaz +905301234567 *******0146

        crm.customers().update(admin, CustomerUpdate.of(ayse).segment(Segment.VIP).representative("mehmet").build());
        crm.activities().addNote(admin, ayse.id(), "Called back, wants a quote.");

        Page<Customer> found = crm.customers().search(admin, CustomerQuery.text("ayse istanbul"));
        out.println(found.items().get(0).segment() + " " + found.items().get(0).representative());
        // VIP mehmet
        for (Activity a : crm.activities().timeline(admin, ayse.id(), ActivityQuery.newest()).items()) {
            out.println(a.type() + " " + a.text() + " " + a.changes());
        }
        // README-EXAMPLE-END
        return found;
    }
}
