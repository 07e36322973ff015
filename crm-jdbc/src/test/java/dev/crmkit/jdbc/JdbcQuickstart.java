package dev.crmkit.jdbc;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.NewCustomer;
import java.io.PrintStream;
import javax.sql.DataSource;

/** The README's JDBC example, compiled and run by {@code ReadmeJdbcExampleTest}. */
public final class JdbcQuickstart {

    private JdbcQuickstart() {
    }

    static void run(DataSource dataSource, PrintStream out) {
        // README-EXAMPLE-START
        // dataSource: the application's pooled DataSource on PostgreSQL 14+ or SQLite 3.45+
        Crm crm = Crm.builder(JdbcStorage.builder(dataSource).build()).build(); // migrates the schema
        Actor admin = Actor.admin(TenantId.of("acme"), "boss");

        Customer ayse = crm.customers().create(admin,
                NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67").company("İstanbul Lojistik").build());
        out.println(ayse.phone() + " " + crm.customers().search(admin,
                CustomerQuery.builder().text("ayse lojistik").build()).items().size());
        // +905301234567 1
        // README-EXAMPLE-END
    }
}
