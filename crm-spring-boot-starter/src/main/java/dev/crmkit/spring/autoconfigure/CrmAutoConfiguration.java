package dev.crmkit.spring.autoconfigure;

import dev.crmkit.core.Crm;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.core.blob.FileSystemBlobStore;
import dev.crmkit.core.message.MessageGateway;
import dev.crmkit.core.permission.InMemoryUserDirectory;
import dev.crmkit.core.permission.UserDirectory;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.importer.ImportListener;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.Importer;
import dev.crmkit.importer.source.SourceLimits;
import dev.crmkit.spring.CrmBuilderCustomizer;
import dev.crmkit.spring.CrmProperties;
import dev.crmkit.spring.ImportJobRunner;
import java.io.IOException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * The crmkit beans: {@link Storage}, {@link UserDirectory}, {@link Crm}, {@link ImportOptions},
 * {@link Importer} and the {@link ImportJobRunner}, each left out when the application defines its
 * own. See {@link CrmProperties} for what the {@code crm.*} properties change.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
        "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration"})
@EnableConfigurationProperties(CrmProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class CrmAutoConfiguration {

    /**
     * JDBC storage on the application's DataSource, or in memory. It waits for the application's
     * database initialisation (Flyway, Liquibase, SQL scripts) before migrating its own schema.
     */
    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    Storage crmStorage(CrmProperties properties, ObjectProvider<DataSource> dataSources,
                       ObjectProvider<Flyway> flyways) {
        return StorageFactory.create(properties, dataSources.getIfAvailable(), flyways.getIfUnique());
    }

    /**
     * An empty directory in memory, so that the application starts; a real application defines its
     * own {@link UserDirectory} bean on its users.
     */
    @Bean
    @ConditionalOnMissingBean(UserDirectory.class)
    InMemoryUserDirectory crmUserDirectory() {
        return new InMemoryUserDirectory();
    }

    /** Attachment bytes as files under {@code crm.attachments.location}. */
    @Bean
    @ConditionalOnMissingBean(BlobStore.class)
    @ConditionalOnProperty(prefix = "crm.attachments", name = "location")
    FileSystemBlobStore crmBlobStore(CrmProperties properties) throws IOException {
        // Set, or this bean would not be made (see the condition).
        return FileSystemBlobStore.at(Objects.requireNonNull(properties.getAttachments().getLocation(),
                "crm.attachments.location"));
    }

    @Bean
    @ConditionalOnMissingBean
    Crm crm(Storage storage, UserDirectory users, CrmProperties properties, ObjectProvider<BlobStore> blobStores,
            ObjectProvider<MessageGateway> gateways, ObjectProvider<CrmBuilderCustomizer> customizers) {
        Crm.Builder builder = Crm.builder(storage)
                .userDirectory(users)
                .defaultRegion(properties.getDefaultRegion())
                .zone(properties.getZone())
                .attachmentSizeLimit(properties.getAttachments().getMaxSize().toBytes());
        BlobStore blobs = blobStores.getIfAvailable();
        if (blobs != null) {
            builder.blobStore(blobs);
        }
        MessageGateway gateway = gateways.getIfAvailable();
        if (gateway != null) {
            builder.messageGateway(gateway);
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /** The defaults for submitting imports, from {@code crm.import.*}; change a copy with {@code toBuilder()}. */
    @Bean
    @ConditionalOnMissingBean
    ImportOptions crmImportOptions(CrmProperties properties) {
        CrmProperties.Import p = properties.getImport();
        SourceLimits limits = SourceLimits.DEFAULT
                .withMaxFileBytes(p.getMaxFileSize().toBytes())
                .withMaxCellChars(p.getMaxCellLength());
        if (p.getMaxRows() != null) {
            limits = limits.withMaxRows(p.getMaxRows());
        }
        ImportOptions.Builder builder = ImportOptions.builder()
                .chunkSize(p.getChunkSize())
                .limits(limits)
                .clearToken(p.getClearToken());
        // No zone: an import takes dates in its tenant's zone, as the Crm bean was built with.
        return builder.build();
    }

    /** The importer, with every {@link ImportListener} bean and a listener that logs each job's end. */
    @Bean
    @ConditionalOnMissingBean
    Importer crmImporter(Crm crm, CrmProperties properties, ObjectProvider<ImportListener> listeners) {
        CrmProperties.Import settings = properties.getImport();
        Importer.Builder builder = Importer.builder(crm).lease(settings.getLease())
                .retries(settings.getRetries(), settings.getRetryDelay());
        if (properties.getImport().getWorkDir() != null) {
            builder.workDir(properties.getImport().getWorkDir());
        }
        Importer importer = builder.build();
        importer.addListener(new ImportJobLog());
        listeners.orderedStream().forEach(importer::addListener);
        return importer;
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(OnImportWorkers.class)
    ImportJobRunner crmImportJobRunner(Importer importer, CrmProperties properties) {
        CrmProperties.Import p = properties.getImport();
        return new ImportJobRunner(importer, p.getWorkers(), p.getPollInterval(), p.getShutdownTimeout());
    }
}
