package dev.crmkit.spring.autoconfigure;

import dev.crmkit.core.StorageException;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.inmemory.InMemoryStorage;
import dev.crmkit.jdbc.CrmSchema;
import dev.crmkit.jdbc.JdbcStorage;
import dev.crmkit.spring.CrmProperties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses and builds the storage the {@code crm.storage} property asks for. */
final class StorageFactory {

    private static final Logger LOG = LoggerFactory.getLogger("dev.crmkit.spring");

    private StorageFactory() {
    }

    /**
     * @param dataSource the application's DataSource, or {@code null}
     * @param appFlyway the application's Flyway, or {@code null}: when there is one, the crmkit
     *     schema is migrated with its data source (which may connect as a user with more rights)
     */
    static Storage create(CrmProperties properties, DataSource dataSource, Flyway appFlyway) {
        CrmProperties.StorageType type = properties.getStorage();
        if (type == CrmProperties.StorageType.MEMORY
                || (type == CrmProperties.StorageType.AUTO && dataSource == null)) {
            LOG.info("crmkit storage: in memory{}", dataSource == null ? " (the application has no DataSource)"
                    : " (crm.storage=memory)");
            return InMemoryStorage.create();
        }
        if (dataSource == null) {
            throw new IllegalStateException("crm.storage=jdbc needs a DataSource bean: add spring-boot-starter-jdbc "
                    + "and a PostgreSQL or SQLite driver with spring.datasource.* settings, or set crm.storage=memory");
        }
        try {
            String version = null;
            int applied = 0;
            if (properties.getSchema().isMigrate()) {
                DataSource migrating = appFlyway != null ? appFlyway.getConfiguration().getDataSource() : dataSource;
                applied = CrmSchema.migrate(migrating);
                MigrationInfo current = CrmSchema.configure(migrating).load().info().current();
                version = current == null ? null : current.getVersion().getVersion();
            }
            JdbcStorage storage = JdbcStorage.builder(dataSource).migrate(false).build();
            if (version != null) {
                LOG.info("crmkit storage: JDBC on {}, schema at version {} ({} migration(s) applied now{})",
                        storage.databaseName(), version, applied,
                        appFlyway != null ? ", after the application's Flyway" : "");
            } else {
                LOG.info("crmkit storage: JDBC on {}, schema left to the application (crm.schema.migrate=false)",
                        storage.databaseName());
            }
            return storage;
        } catch (StorageException e) {
            throw new IllegalStateException("crmkit cannot store in the application's DataSource: " + e.getMessage()
                    + ". It needs PostgreSQL 14+ or SQLite 3.45+; set crm.storage=memory to keep data in memory instead", e);
        }
    }
}
