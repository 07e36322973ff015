package dev.crmkit.spring;

import static dev.crmkit.spring.CrmAutoConfigurationTest.ADMIN;
import static dev.crmkit.spring.CrmAutoConfigurationTest.ayse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.crmkit.core.Crm;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.importer.ImportListener;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.Importer;
import dev.crmkit.spring.autoconfigure.CrmAutoConfiguration;
import dev.crmkit.spring.autoconfigure.CrmMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CrmMetricsTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CrmAutoConfiguration.class, CrmMetricsAutoConfiguration.class))
            .withPropertyValues("crm.import.poll-interval=20ms", "crm.import.chunk-size=2");

    private Path file() throws Exception {
        Path f = dir.resolve("musteriler.csv");
        Files.writeString(f, """
                isim;telefon
                Ayşe Yılmaz;0530 123 45 67
                Mehmet Kaya;0532 765 43 21
                ;0533 111 22 33
                Fatma Aydın;0530 123 45 67
                Ali Veli;0535 222 33 44
                """, StandardCharsets.UTF_8);
        return f;
    }

    private static double count(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void importsAndCustomerOperationsAreMeasured() {
        runner.withBean(SimpleMeterRegistry.class).run(context -> {
            assertThat(context).hasBean("crmImportMetrics").hasBean("crmCustomerMetrics");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Importer importer = context.getBean(Importer.class);

            ImportJob job = importer.submit(ADMIN, file(), context.getBean(ImportOptions.class));
            context.getBean(ImportJobRunner.class).wakeUp();
            Crm crm = context.getBean(Crm.class);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    crm.imports().find(ADMIN, job.id()).orElseThrow().status() == JobStatus.COMPLETED);
            // The listener counts the end just after the job is stored as ended.
            await().atMost(Duration.ofSeconds(5)).until(() -> count(registry, "crm.import.jobs", "outcome", "completed") == 1);

            assertThat(count(registry, "crm.import.jobs", "outcome", "started")).isEqualTo(1);
            assertThat(count(registry, "crm.import.jobs", "outcome", "failed")).isZero();
            assertThat(count(registry, "crm.import.rows", "outcome", "created")).isEqualTo(3);
            assertThat(count(registry, "crm.import.rows", "outcome", "rejected")).isEqualTo(2);
            assertThat(count(registry, "crm.import.rows", "outcome", "updated")).isZero();
            assertThat(registry.get("crm.import.chunk.commit").timer().count()).isEqualTo(3);
            assertThat(registry.get("crm.import.job.lag").timer().count()).isEqualTo(1);

            importer.importFile(ADMIN, file(), ImportOptions.builder().dryRun(true).build());
            assertThat(count(registry, "crm.import.rows", "outcome", "created")).as("dry runs are not counted")
                    .isEqualTo(3);

            Path empty = dir.resolve("bos.csv");
            Files.writeString(empty, "");
            importer.importFile(ADMIN, empty, ImportOptions.defaults());
            assertThat(count(registry, "crm.import.jobs", "outcome", "failed")).isEqualTo(1);

            crm.customers().search(ADMIN, CustomerQuery.text("ayse"));
            crm.customers().search(ADMIN, CustomerQuery.text("kaya"));
            crm.customers().create(ADMIN, NewCustomer.builder("Zeynep Demir", "0536 444 55 66").build());
            catchThrowable(() -> ayse(crm));
            assertThat(count(registry, "crm.customer.operations", "type", "search", "outcome", "success")).isEqualTo(2);
            assertThat(count(registry, "crm.customer.operations", "type", "create", "outcome", "success")).isEqualTo(1);
            assertThat(count(registry, "crm.customer.operations", "type", "create", "outcome", "failure",
                    "error", "DUPLICATE_PHONE")).isEqualTo(1);
        });
    }

    @Test
    void withoutAMeterRegistryThereAreNoMeters() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("crmImportMetrics").doesNotHaveBean("crmCustomerMetrics");
            assertThat(context.getBean(Crm.class).customers().getClass().getSimpleName())
                    .isNotEqualTo("MeteredCustomerService");
        });
    }

    @Test
    void withoutMicrometerOnTheClassPathEverythingElseWorks() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("crmImportMetrics")
                    .hasSingleBean(Crm.class).hasSingleBean(ImportJobRunner.class);
            assertThat(context.getBeansOfType(ImportListener.class)).isEmpty();
            Crm crm = context.getBean(Crm.class);
            context.getBean(Importer.class).importFile(ADMIN, file(), ImportOptions.defaults());
            assertThat(crm.customers().count(ADMIN, CustomerQuery.all())).isEqualTo(3);
        });
    }
}
