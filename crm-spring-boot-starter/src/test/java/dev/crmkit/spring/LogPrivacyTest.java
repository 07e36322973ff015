package dev.crmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageGateway;
import dev.crmkit.core.message.NewMessage;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.Importer;
import dev.crmkit.spring.autoconfigure.CrmAutoConfiguration;
import dev.crmkit.spring.autoconfigure.CrmMetricsAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Everything logged at INFO or above while an application starts on SQLite, imports files full of
 * names, phones, e-mails and national ids (good rows, rejected rows, a failed job, an update), works
 * with customers and fails to send a message, and stops: none of that personal data appears.
 */
class LogPrivacyTest {

    private static final Actor ADMIN = Actor.admin(TenantId.of("gizli-kurum"), "boss");

    /** What must never reach a log at INFO or above, in any spelling a log could use. */
    private static final List<String> PERSONAL = List.of("Ayşe", "Yılmaz", "Yilmaz", "Mehmet", "Kaya", "Zeynep",
            "Öztürk", "Çelik", "5301234567", "530 123", "5327654321", "5339998877", "12345678950", "10000000146",
            "28731465950", "ayse.yilmaz", "mehmet@", "Bağdat Caddesi", "Merhaba");

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level level;

    @BeforeEach
    void capture() {
        level = root.getLevel();
        events.start();
        root.addAppender(events);
        root.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        root.detachAppender(events);
        root.setLevel(level);
    }

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, content.getBytes(Charset.forName("windows-1254")));
        return f;
    }

    @Test
    void nothingPersonalIsLoggedAtInfoOrAbove() throws Exception {
        Path good = file("ayse-yilmaz-musteriler.csv", """
                Ad Soyad;Telefon;E-posta;TCKN;Adres
                Ayşe Yılmaz;0530 123 45 67;ayse.yilmaz@example.com;12345678950;Bağdat Caddesi 5
                Mehmet Kaya;05327654321;mehmet@example.com;10000000146;Bağdat Caddesi 7
                Zeynep Öztürk;0533 999 88 77;not-an-email;28731465951;
                Ayşe Çelik;0530 123 45 67;;;
                ;12345;;;
                """);
        Path noHeader = file("yilmaz.csv", "Ayşe Yılmaz;0530 123 45 67;12345678950\n");
        Path update = file("guncelle.csv", "isim;telefon;tckn\nAyşe Yılmaz Kaya;05301234567;28731465950\n");

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        FlywayAutoConfiguration.class, CrmAutoConfiguration.class, CrmMetricsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + CrmAutoConfigurationTest.sqliteUrl(),
                        "crm.import.poll-interval=20ms", "crm.import.chunk-size=2")
                .withBean(SimpleMeterRegistry.class)
                .withBean(MessageGateway.class, () -> m -> {
                    throw new IllegalStateException("provider refused " + m.to().e164() + ": " + m.text());
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Importer importer = context.getBean(Importer.class);
                    Crm crm = context.getBean(Crm.class);
                    ImportOptions options = context.getBean(ImportOptions.class);
                    List<ImportJob> jobs = new ArrayList<>();
                    jobs.add(importer.submit(ADMIN, good, options));
                    jobs.add(importer.submit(ADMIN, noHeader, options));
                    jobs.add(importer.submit(ADMIN, update, options.toBuilder().onDuplicate(OnDuplicate.UPDATE).build()));
                    context.getBean(ImportJobRunner.class).wakeUp();
                    await().atMost(Duration.ofSeconds(20)).until(() -> jobs.stream().allMatch(j ->
                            crm.imports().find(ADMIN, j.id()).orElseThrow().status().isFinal()));

                    Customer ayse = crm.customers().findByPhone(ADMIN, "0530 123 45 67").orElseThrow();
                    assertThat(ayse.fullName()).isEqualTo("Ayşe Yılmaz Kaya");
                    crm.customers().update(ADMIN, CustomerUpdate.of(ayse).address("Bağdat Caddesi 9").build());
                    crm.customers().search(ADMIN, CustomerQuery.text("ayse yilmaz"));
                    catchThrowable(() -> crm.customers().create(ADMIN,
                            NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67").nationalId("12345678950").build()));
                    catchThrowable(() -> crm.messages().send(ADMIN, ayse.id(),
                            NewMessage.freeText(MessageChannel.SMS, "Merhaba Ayşe")));
                });

        List<ILoggingEvent> visible = events.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .toList();
        assertThat(visible).as("the run logged at INFO").isNotEmpty();
        assertThat(visible).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("crmkit import job", "COMPLETED"))
                .anySatisfy(m -> assertThat(m).contains("HEADER_MISSING_REQUIRED"));
        for (ILoggingEvent e : visible) {
            String text = e.getFormattedMessage() + "\n" + throwableText(e.getThrowableProxy());
            for (String personal : PERSONAL) {
                assertThat(text).as("%s %s logged", e.getLevel(), e.getLoggerName()).doesNotContain(personal);
            }
        }
    }

    private static String throwableText(IThrowableProxy t) {
        StringBuilder sb = new StringBuilder();
        for (IThrowableProxy p = t; p != null; p = p.getCause()) {
            sb.append(p.getClassName()).append(": ").append(p.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
