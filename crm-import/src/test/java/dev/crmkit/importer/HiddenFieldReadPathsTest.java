package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.permission.DirectoryUser;
import dev.crmkit.core.permission.InMemoryUserDirectory;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.script.Script;
import dev.crmkit.importer.report.ReportFormat;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom field visible only to finance stays out of everything an agent can read: single reads,
 * lookups by phone, searches with and without filters, the timeline and the feed after the field
 * changed, rendered scripts and message previews, import templates and error reports in CSV and
 * XLSX. Everything the agent reads is collected as text and searched for the field's value and
 * label; the same reads by a finance user do show them, so the check can fail.
 */
class HiddenFieldReadPathsTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final String SECRET = "Gizli4242";
    private static final String LABEL = "Prim Oranı";

    @TempDir
    Path dir;

    @Test
    void aFieldAnAgentMayNotSeeIsInNothingTheAgentReads() throws IOException {
        InMemoryUserDirectory users = new InMemoryUserDirectory();
        users.add(ACME, DirectoryUser.of("ayse", "Ayşe", "agents"));
        users.add(ACME, DirectoryUser.of("zeynep", "Zeynep", "finance"));
        Crm crm = Crm.builder(InMemoryStorage.create()).userDirectory(users).build();
        Actor admin = new Actor("boss", ACME, true, Set.of("managers"));
        crm.permissions().grantGroup(admin, "agents", PermissionLevel.CONTRIBUTE);
        crm.permissions().grantGroup(admin, "finance", PermissionLevel.CONTRIBUTE);
        Actor agent = Actor.user(ACME, "ayse", "agents");
        Actor finance = Actor.user(ACME, "zeynep", "finance");
        crm.customFields().define(admin, CustomFieldDefinition.builder("prim", LABEL, FieldType.TEXT)
                .visibleTo("finance").build());
        Customer c = crm.customers().create(admin, NewCustomer.builder("Mehmet Kaya", "0532 111 22 33")
                .segment(Segment.VIP).customField("prim", SECRET + "-ilk").build());
        crm.customers().update(admin, CustomerUpdate.of(c).customField("prim", SECRET).build());
        crm.scripts().define(admin, Script.builder("genel", "Genel", "<p>[MÜŞTERİ_ADI] [ALAN:prim]</p>").build());
        crm.messages().defineTemplate(admin, MessageTemplate.builder("bilgi", "Bilgi", "Sayın [MÜŞTERİ_ADI]: [ALAN:prim]").build());
        Importer importer = Importer.builder(crm).workDir(dir).build();

        List<String> agentReads = readEverything(crm, importer, agent, c.id());
        List<String> financeReads = readEverything(crm, importer, finance, c.id());

        assertThat(String.join("\n", financeReads)).contains(SECRET).contains(LABEL);
        for (String read : agentReads) {
            assertThat(read).doesNotContain(SECRET).doesNotContain(LABEL);
        }
    }

    /** What the actor can read along every path, as text, including an import of its own. */
    private List<String> readEverything(Crm crm, Importer importer, Actor actor, long customerId) throws IOException {
        List<String> reads = new ArrayList<>();
        Customer customer = crm.customers().get(actor, customerId);
        reads.add(customer.toString());
        reads.add(crm.customers().findByPhone(actor, "0532 111 22 33").orElseThrow().toString());
        reads.add(crm.customers().search(actor, CustomerQuery.text("mehmet")).items().toString());
        reads.add(crm.customers().search(actor, CustomerQuery.builder().segments(Segment.VIP).build()).items().toString());
        reads.add(crm.activities().timeline(actor, customerId, ActivityQuery.newest(100)).items().toString());
        reads.add(crm.activities().feed(actor, ActivityQuery.newest(100)).items().toString());
        reads.add(crm.customFields().list(actor).toString());
        reads.add(crm.scripts().render(actor, "genel", customerId));
        reads.add(crm.messages().preview(actor, customerId, "bilgi"));
        for (ReportFormat format : ReportFormat.values()) {
            ByteArrayOutputStream template = new ByteArrayOutputStream();
            importer.writeTemplate(actor, template, format);
            reads.add(text(template.toByteArray(), format));
        }
        // The actor's own import of a file with a column for the field (by its key: an agent does
        // not know its label), with one rejected row; what the file holds is the actor's own.
        Path file = dir.resolve("import-" + actor.userId() + ".csv");
        Files.writeString(file, "Ad Soyad;Telefon;prim\n;0533 111 22 33;dosyadan\n", StandardCharsets.UTF_8);
        ImportReport report = importer.importFile(actor, file, ImportOptions.defaults());
        reads.add(report.toString());
        reads.add(importer.rejectedRows(actor, report.jobId()).toList().toString());
        for (ReportFormat format : ReportFormat.values()) {
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            importer.writeErrorReport(actor, report.jobId(), errors, format);
            reads.add(text(errors.toByteArray(), format));
        }
        return reads;
    }

    private static String text(byte[] bytes, ReportFormat format) throws IOException {
        return format == ReportFormat.CSV ? new String(bytes, StandardCharsets.UTF_8) : NationalIdPrivacyTest.cellsOf(bytes);
    }
}
