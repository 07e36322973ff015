package dev.crmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.Importer;
import dev.crmkit.jdbc.JdbcStorage;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Spring Boot application, started as {@code SpringApplication.run} starts one, on a SQLite
 * file database: the starter's beans come up, a file submitted as a job is run by the runner, and
 * closing the application stops the workers before the database goes.
 */
class CrmStarterApplicationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    private static final Actor ADMIN = Actor.admin(TenantId.of("acme"), "boss");

    @Test
    void aSubmittedImportIsRunByTheRunnerAndTheApplicationStopsCleanly(@TempDir Path dir) throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .properties("spring.datasource.url=jdbc:sqlite:" + dir.resolve("crm.db"),
                        "crm.import.poll-interval=100ms", "crm.import.workers=2", "spring.main.banner-mode=off")
                .run();
        ImportJobRunner runner = context.getBean(ImportJobRunner.class);
        try {
            assertThat(context.getBean(Storage.class)).isInstanceOf(JdbcStorage.class);
            assertThat(runner.workers()).isEqualTo(2);
            Crm crm = context.getBean(Crm.class);
            Path file = dir.resolve("musteriler.csv");
            Files.write(file, """
                    Ad Soyad;Telefon;Şirket
                    Ayşe Yılmaz;0530 123 45 67;İstanbul Lojistik
                    İsmail Kaya;0532 765 43 21;Kaya Gıda
                    """.getBytes(Charset.forName("windows-1254")));

            ImportJob job = context.getBean(Importer.class).submit(ADMIN, file, context.getBean(ImportOptions.class));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    crm.imports().find(ADMIN, job.id()).orElseThrow().status() == JobStatus.COMPLETED);

            assertThat(crm.customers().search(ADMIN, CustomerQuery.text("ayse")).items())
                    .extracting(Customer::fullName).containsExactly("Ayşe Yılmaz");
            assertThat(crm.imports().find(ADMIN, job.id()).orElseThrow().encoding()).isEqualTo("windows-1254");
        } finally {
            context.close();
        }
        assertThat(runner.isRunning()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("crm-import-"));
    }
}
