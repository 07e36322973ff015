package dev.crmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.Crm;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.attachment.NewAttachment;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.core.blob.FileSystemBlobStore;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageGateway;
import dev.crmkit.core.message.NewMessage;
import dev.crmkit.core.message.OutgoingMessage;
import dev.crmkit.core.permission.InMemoryUserDirectory;
import dev.crmkit.core.permission.UserDirectory;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.Importer;
import dev.crmkit.inmemory.InMemoryStorage;
import dev.crmkit.jdbc.CrmSchema;
import dev.crmkit.jdbc.JdbcStorage;
import dev.crmkit.spring.autoconfigure.CrmAutoConfiguration;
import dev.crmkit.spring.autoconfigure.CrmMetricsAutoConfiguration;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CrmAutoConfigurationTest {

    static final TenantId ACME = TenantId.of("acme");
    static final Actor ADMIN = Actor.admin(ACME, "boss");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CrmAutoConfiguration.class, CrmMetricsAutoConfiguration.class))
            .withPropertyValues("crm.import.poll-interval=50ms");

    /** The runner with a SQLite file of its own as the application's DataSource. */
    private ApplicationContextRunner withDatabase() {
        return runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + sqliteUrl());
    }

    /** The URL of a new SQLite file in a temporary folder. */
    static String sqliteUrl() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("crm-starter-test");
            dir.toFile().deleteOnExit();
            java.nio.file.Path file = dir.resolve(UUID.randomUUID() + ".db");
            file.toFile().deleteOnExit();
            return "jdbc:sqlite:" + file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean tableExists(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
            return false;
        }
    }

    static Customer ayse(Crm crm) {
        return crm.customers().create(ADMIN, NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67").build());
    }

    @Nested
    @DisplayName("storage")
    class StorageChoice {

        @Test
        void withoutADataSourceTheCustomerModuleLivesInMemory() {
            runner.run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(Storage.class).getBean(Storage.class).isInstanceOf(InMemoryStorage.class);
                assertThat(context).hasSingleBean(Crm.class).hasSingleBean(Importer.class)
                        .hasSingleBean(ImportOptions.class).hasSingleBean(ImportJobRunner.class)
                        .hasSingleBean(InMemoryUserDirectory.class);
                Crm crm = context.getBean(Crm.class);
                ayse(crm);
                assertThat(crm.customers().search(ADMIN, CustomerQuery.text("ayse")).items())
                        .extracting(Customer::fullName).containsExactly("Ayşe Yılmaz");
                assertThat(context.getBean(ImportJobRunner.class).isRunning()).isTrue();
            });
        }

        @Test
        void withADataSourceItStoresThereWithTheSchemaMigrated() {
            withDatabase().run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Storage.class)).isInstanceOf(JdbcStorage.class);
                DataSource ds = context.getBean(DataSource.class);
                assertThat(CrmSchema.configure(ds).load().info().pending()).isEmpty();
                assertThat(CrmSchema.configure(ds).load().info().current()).isNotNull();
                assertThat(tableExists(ds, "crm_schema_history")).isTrue();
                assertThat(tableExists(ds, "flyway_schema_history")).isFalse();
                Crm crm = context.getBean(Crm.class);
                long id = ayse(crm).id();
                assertThat(crm.customers().get(ADMIN, id).phone().e164()).isEqualTo("+905301234567");
                assertThat(context).doesNotHaveBean(FileSystemBlobStore.class);
            });
        }

        @Test
        void theApplicationsFlywayMigratesFirstAndEachSchemaKeepsItsOwnHistory() {
            AtomicBoolean crmTablesBeforeAppFlyway = new AtomicBoolean(true);
            withDatabase()
                    .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                    .withPropertyValues("spring.flyway.locations=classpath:db/app")
                    .withBean(FlywayMigrationStrategy.class, () -> flyway -> {
                        try {
                            crmTablesBeforeAppFlyway.set(tableExists(flyway.getConfiguration().getDataSource(),
                                    "crm_schema_history"));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        flyway.migrate();
                    })
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(Flyway.class);
                        DataSource ds = context.getBean(DataSource.class);
                        assertThat(crmTablesBeforeAppFlyway).as("crm tables when the application's Flyway ran").isFalse();
                        assertThat(tableExists(ds, "flyway_schema_history")).isTrue();
                        assertThat(tableExists(ds, "app_note")).isTrue();
                        assertThat(tableExists(ds, "crm_schema_history")).isTrue();
                        assertThat(context.getBean(Flyway.class).info().current().getVersion().getVersion())
                                .isEqualTo("1");
                        assertThat(CrmSchema.configure(ds).load().info().pending()).isEmpty();
                        ayse(context.getBean(Crm.class));
                    });
        }

        @Test
        void anApplicationFlywayWithNoScriptsOfItsOwnIsNoObstacle() {
            withDatabase().withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class)).run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(Flyway.class);
                assertThat(CrmSchema.configure(context.getBean(DataSource.class)).load().info().pending()).isEmpty();
                ayse(context.getBean(Crm.class));
            });
        }

        @Test
        void theSchemaIsLeftAloneWhenMigrationIsSwitchedOff() {
            withDatabase().withPropertyValues("crm.schema.migrate=false", "crm.import.workers=0").run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Storage.class)).isInstanceOf(JdbcStorage.class);
                assertThat(tableExists(context.getBean(DataSource.class), "crm_schema_history")).isFalse();
            });
        }

        @Test
        void memoryCanBeChosenDespiteADataSource() {
            withDatabase().withPropertyValues("crm.storage=memory").run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Storage.class)).isInstanceOf(InMemoryStorage.class);
                assertThat(tableExists(context.getBean(DataSource.class), "crm_schema_history")).isFalse();
            });
        }

        @Test
        void jdbcWithoutADataSourceFailsSayingWhatIsMissing() {
            runner.withPropertyValues("crm.storage=jdbc").run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().hasMessageContaining("crm.storage=jdbc needs a DataSource bean"));
        }
    }

    @Nested
    @DisplayName("beans the application defines")
    class Overrides {

        @Test
        void anApplicationsStorageIsUsedEvenWithADataSource() {
            InMemoryStorage own = InMemoryStorage.create();
            withDatabase().withBean(Storage.class, () -> own).run(context -> {
                assertThat(context).hasSingleBean(Storage.class);
                assertThat(context.getBean(Storage.class)).isSameAs(own);
                assertThat(tableExists(context.getBean(DataSource.class), "crm_schema_history")).isFalse();
            });
        }

        @Test
        void anApplicationsUserDirectoryIsWhereRepresentativesAreFound() {
            UserDirectory users = new InMemoryUserDirectory().add(ACME, "mehmet");
            runner.withBean(UserDirectory.class, () -> users).run(context -> {
                assertThat(context).hasSingleBean(UserDirectory.class).doesNotHaveBean("crmUserDirectory");
                Crm crm = context.getBean(Crm.class);
                Customer c = ayse(crm);
                assertThat(crm.customers().update(ADMIN, CustomerUpdate.of(c).representative("mehmet").build())
                        .representative()).isEqualTo("mehmet");
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> crm.customers().update(ADMIN,
                        CustomerUpdate.of(crm.customers().get(ADMIN, c.id())).representative("nobody").build())))
                        .isInstanceOf(CrmValidationException.class);
            });
        }

        @Test
        void anApplicationsCrmIsTheOneTheImporterUses() {
            Crm own = Crm.builder(InMemoryStorage.create()).build();
            runner.withBean(Crm.class, () -> own).run(context -> {
                assertThat(context).hasSingleBean(Crm.class);
                assertThat(context.getBean(Crm.class)).isSameAs(own);
                Path file = Files.createTempFile("kisiler", ".csv");
                Files.writeString(file, "isim,telefon\nAyşe Yılmaz,05301234567\n");
                context.getBean(Importer.class).importFile(ADMIN, file, ImportOptions.defaults());
                assertThat(own.customers().count(ADMIN, CustomerQuery.all())).isEqualTo(1);
            });
        }

        @Test
        void customizersAdjustTheBuilder() {
            Clock fixed = Clock.fixed(Instant.parse("2027-01-15T10:00:00Z"), ZoneOffset.UTC);
            runner.withBean(CrmBuilderCustomizer.class, () -> builder -> builder.clock(fixed)).run(context ->
                    assertThat(ayse(context.getBean(Crm.class)).createdAt()).isEqualTo(fixed.instant()));
        }

        @Test
        void anApplicationsMessageGatewayCarriesMessages() {
            List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
            runner.withBean(MessageGateway.class, () -> m -> {
                sent.add(m);
                return "provider-1";
            }).run(context -> {
                Crm crm = context.getBean(Crm.class);
                long id = ayse(crm).id();
                crm.messages().send(ADMIN, id, NewMessage.freeText(MessageChannel.SMS, "Merhaba"));
                assertThat(sent).singleElement().satisfies(m -> assertThat(m.to().e164()).isEqualTo("+905301234567"));
            });
        }

        @Test
        void attachmentsGoToTheConfiguredFolderUnlessTheApplicationHasABlobStore(@TempDir Path dir) throws Exception {
            runner.withPropertyValues("crm.attachments.location=" + dir).run(context -> {
                assertThat(context).hasSingleBean(FileSystemBlobStore.class);
                Crm crm = context.getBean(Crm.class);
                crm.attachments().upload(ADMIN, ayse(crm).id(), NewAttachment.of("not.txt", "text/plain"),
                        new ByteArrayInputStream("merhaba".getBytes()));
                try (var files = Files.walk(dir)) {
                    assertThat(files.filter(Files::isRegularFile)).hasSize(1);
                }
            });
            BlobStore own = FileSystemBlobStore.at(dir.resolve("own"));
            runner.withPropertyValues("crm.attachments.location=" + dir.resolve("unused"))
                    .withBean(BlobStore.class, () -> own).run(context -> {
                        assertThat(context).hasSingleBean(BlobStore.class);
                        assertThat(context.getBean(BlobStore.class)).isSameAs(own);
                        assertThat(dir.resolve("unused")).doesNotExist();
                    });
        }
    }

    @Nested
    @DisplayName("properties")
    class Properties {

        @Test
        void importPropertiesBecomeTheImportOptionsBean() {
            runner.withPropertyValues("crm.import.chunk-size=250", "crm.import.max-file-size=5MB",
                    "crm.import.max-rows=1000", "crm.import.max-cell-length=500", "crm.import.clear-token=#SIL",
                    "crm.zone=Europe/Berlin").run(context -> {
                        ImportOptions o = context.getBean(ImportOptions.class);
                        assertThat(o.chunkSize()).isEqualTo(250);
                        assertThat(o.limits().maxFileBytes()).isEqualTo(5L * 1024 * 1024);
                        assertThat(o.limits().maxRows()).isEqualTo(1000);
                        assertThat(o.limits().maxCellChars()).isEqualTo(500);
                        assertThat(o.clearToken()).isEqualTo("#SIL");
                        // Imports take dates in the tenant's zone, which crm.zone gives the Crm bean.
                        assertThat(o.zone()).isNull();
                        assertThat(context.getBean(Crm.class).zone(new TenantId("acme")))
                                .isEqualTo(ZoneId.of("Europe/Berlin"));
                    });
            runner.run(context -> {
                ImportOptions o = context.getBean(ImportOptions.class);
                assertThat(o.chunkSize()).isEqualTo(ImportOptions.DEFAULT_CHUNK_SIZE);
                assertThat(o.limits().maxRows()).isEqualTo(Long.MAX_VALUE);
                assertThat(o.clearToken()).isEqualTo("#CLEAR");
            });
        }

        @Test
        void theRegionReadsNumbersWithoutACountryCode() {
            runner.withPropertyValues("crm.default-region=DE").run(context -> {
                Crm crm = context.getBean(Crm.class);
                assertThat(crm.phoneParser().defaultRegion()).isEqualTo("DE");
                Customer c = crm.customers().create(ADMIN, NewCustomer.builder("Jonas Weber", "030 123456").build());
                assertThat(c.phone().e164()).startsWith("+4930");
            });
        }

        @Test
        void theAttachmentLimitIsApplied() {
            runner.withPropertyValues("crm.attachments.max-size=4B").run(context -> {
                Crm crm = context.getBean(Crm.class);
                long id = ayse(crm).id();
                assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(dev.crmkit.core.CrmException.class,
                        () -> crm.attachments().upload(ADMIN, id, NewAttachment.of("a.txt", "text/plain"),
                                new ByteArrayInputStream("merhaba".getBytes()))).code())
                        .isEqualTo(ErrorCode.ATTACHMENT_TOO_LARGE);
            });
        }

        @Test
        void anUnknownRegionStopsStartUpNamingTheProperty() {
            runner.withPropertyValues("crm.default-region=XX").run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasStackTraceContaining("crm.default-region")
                        .hasStackTraceContaining("is not a phone region");
            });
        }

        @Test
        void outOfRangeValuesStopStartUpNamingEachProperty() {
            runner.withPropertyValues("crm.import.chunk-size=0", "crm.import.workers=-1", "crm.import.lease=0s",
                            "crm.import.retries=-1", "crm.import.retry-delay=-1s")
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).hasStackTraceContaining("import.chunkSize")
                                .hasStackTraceContaining("must be 1 to 100000")
                                .hasStackTraceContaining("import.workers")
                                .hasStackTraceContaining("import.lease")
                                .hasStackTraceContaining("import.retries")
                                .hasStackTraceContaining("import.retryDelay");
                    });
            runner.withPropertyValues("crm.zone=Mars/Olympus").run(context -> assertThat(context).hasFailed()
                    .getFailure().hasStackTraceContaining("crm.zone"));
        }

        @Test
        void noWorkersMeansNoRunner() {
            runner.withPropertyValues("crm.import.workers=0").run(context -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(ImportJobRunner.class).hasSingleBean(Importer.class);
            });
        }

        @Test
        void theRunnerHasAsManyWorkersAsAsked() {
            runner.withPropertyValues("crm.import.workers=3").run(context ->
                    assertThat(context.getBean(ImportJobRunner.class).workers()).isEqualTo(3));
        }
    }
}
