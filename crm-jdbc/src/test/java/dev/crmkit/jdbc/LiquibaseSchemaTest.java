package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.NewCustomer;
import java.sql.Connection;
import java.util.function.Supplier;
import java.util.stream.Stream;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host on Liquibase applies the shipped scripts with {@code sqlFile} change sets, as the README
 * says, and gets the schema Flyway would have made; the storage then works on it unmigrated.
 */
class LiquibaseSchemaTest {

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("sqlite", (Supplier<HikariDataSource>) TestDatabases::freshSqlite),
                Arguments.of("postgresql", (Supplier<HikariDataSource>) TestDatabases::freshPostgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @SuppressWarnings("deprecation") // the Liquibase facade is the shortest way to run a change log
    void theScriptsApplyWithLiquibaseToTheSchemaFlywayMakes(String name, Supplier<HikariDataSource> fresh)
            throws Exception {
        String flywaySchema;
        try (HikariDataSource ds = fresh.get()) {
            CrmSchema.migrate(ds);
            flywaySchema = SchemaMigrationTest.schema(ds);
        }
        try (HikariDataSource ds = fresh.get()) {
            try (Connection c = ds.getConnection()) {
                var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                new Liquibase("liquibase/crmkit-changelog.xml", new ClassLoaderResourceAccessor(), database)
                        .update("");
            }
            assertThat(SchemaMigrationTest.schema(ds)).isEqualTo(flywaySchema);

            Crm crm = Crm.builder(JdbcStorage.builder(ds).migrate(false).build()).build();
            Actor admin = Actor.admin(TenantId.of("acme"), "boss");
            crm.customers().create(admin, NewCustomer.builder("Işıl Kaya", "0532 111 22 33").build());
            assertThat(crm.customers().search(admin, CustomerQuery.builder().text("isil").build()).items()).hasSize(1);
        }
    }
}
