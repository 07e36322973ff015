package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.attachment.AttachmentDownload;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.message.MessageChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema's migrations on both databases: an empty database reaches the latest version, and a
 * database left at any earlier version (holding data written at that version) upgrades to
 * exactly the schema a fresh database gets, with its data still readable.
 */
class SchemaMigrationTest {

    private static final Actor ADMIN = Actor.admin(TenantId.of("acme"), "boss");

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("sqlite", (Supplier<HikariDataSource>) TestDatabases::freshSqlite),
                Arguments.of("postgresql", (Supplier<HikariDataSource>) TestDatabases::freshPostgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEmptyDatabaseMigratesToTheLatestVersionOnce(String name, Supplier<HikariDataSource> fresh) {
        try (HikariDataSource ds = fresh.get()) {
            List<String> versions = versions(ds);
            assertThat(versions).as("the shipped migrations").isNotEmpty().startsWith("1");
            try (Connection c = ds.getConnection()) {
                assertThat(dev.crmkit.jdbc.internal.Dialect.of(c).latestSchemaVersion())
                        .as("the newest shipped version, which the fast check looks for")
                        .contains(versions.get(versions.size() - 1));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            assertThat(CrmSchema.isCurrent(ds)).as("an empty database is not current").isFalse();

            assertThat(CrmSchema.migrate(ds)).isEqualTo(versions.size());
            assertThat(CrmSchema.isCurrent(ds)).isTrue();
            assertThat(CrmSchema.migrate(ds)).as("a second run has nothing to do").isZero();

            Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
            Customer created = crm.customers().create(ADMIN, dev.crmkit.core.customer.NewCustomer
                    .builder("Çağrı Öztürk", "0530 123 45 67").build());
            assertThat(crm.customers().findByPhone(ADMIN, "+905301234567")).map(Customer::id).contains(created.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseHoldingTheApplicationsTablesTakesTheSchemaBesideThem(String name, Supplier<HikariDataSource> fresh)
            throws SQLException {
        try (HikariDataSource ds = fresh.get()) {
            List<String> versions = versions(ds);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE app_order (id BIGINT PRIMARY KEY, note VARCHAR(100))");
                s.execute("INSERT INTO app_order VALUES (1, 'kept')");
            }

            assertThat(CrmSchema.migrate(ds)).isEqualTo(versions.size());
            assertThat(CrmSchema.migrate(ds)).as("a second run has nothing to do").isZero();
            assertThat(CrmSchema.configure(ds).load().info().current().getVersion().getVersion())
                    .isEqualTo(versions.get(versions.size() - 1));

            Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
            crm.customers().create(ADMIN, dev.crmkit.core.customer.NewCustomer
                    .builder("Çağrı Öztürk", "0530 123 45 67").build());
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT note FROM app_order WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseAtEveryEarlierVersionUpgradesToTheFreshSchemaKeepingItsData(String name,
                                                                              Supplier<HikariDataSource> fresh)
            throws SQLException, IOException {
        String latestSchema;
        List<String> versions;
        try (HikariDataSource ds = fresh.get()) {
            versions = versions(ds);
            CrmSchema.migrate(ds);
            latestSchema = schema(ds);
        }
        for (String version : versions) {
            try (HikariDataSource ds = fresh.get()) {
                assertThat(CrmSchema.migrateTo(ds, version)).isEqualTo(versions.indexOf(version) + 1);
                assertThat(CrmSchema.isCurrent(ds)).as("current only at the newest version")
                        .isEqualTo(version.equals(versions.get(versions.size() - 1)));
                runScript(ds, "/migration-data/" + name + "/V" + version + ".sql");

                CrmSchema.migrate(ds);

                assertThat(schema(ds)).as("the schema upgraded from version " + version).isEqualTo(latestSchema);
                Crm crm = Crm.builder(JdbcStorage.builder(ds).migrate(false).build()).build();
                Customer kept = crm.customers().findByPhone(ADMIN, "+905301112233").orElseThrow();
                assertThat(kept.fullName()).isEqualTo("Ayşe Işık");
                assertThat(crm.customers().search(ADMIN, CustomerQuery.builder().text("ayşe").build()).items())
                        .extracting(Customer::id).containsExactly(kept.id());
                assertThat(crm.activities().timeline(ADMIN, kept.id(), ActivityQuery.newest(10)).items())
                        .hasSize(1);
                // SQLite's first version holds every table PostgreSQL got by its version 4.
                int level = name.equals("sqlite") ? 4 : Integer.parseInt(version);
                if (level >= 3) {
                    // Data of version 3 on: a result code applied to the customer, and a product.
                    assertThat(kept.resultCode()).isEqualTo("PTP");
                    assertThat(crm.results().history(ADMIN, kept.id(), 10)).singleElement()
                            .satisfies(r -> assertThat(r.amount()).isEqualByComparingTo("1250.50"));
                    assertThat(crm.results().find(ADMIN, "PTP").orElseThrow().label()).isEqualTo("Ödeme sözü");
                    assertThat(crm.products().list(ADMIN, kept.id())).singleElement()
                            .satisfies(p -> assertThat(p.status()).isEqualTo("Derdest"));
                }
                if (level >= 4) {
                    // Data of version 4 on: a message template, a message sent from it, and an attachment
                    // whose bytes are in the database blob store.
                    assertThat(crm.messages().templates(ADMIN)).singleElement().satisfies(t -> {
                        assertThat(t.key()).isEqualTo("odeme-hatirlatma");
                        assertThat(t.name()).isEqualTo("Ödeme hatırlatma");
                        assertThat(t.channels()).containsExactlyInAnyOrder(MessageChannel.SMS, MessageChannel.WHATSAPP);
                        assertThat(t.active()).isTrue();
                    });
                    assertThat(crm.messages().list(ADMIN, kept.id(), 10)).singleElement().satisfies(m -> {
                        assertThat(m.channel()).isEqualTo(MessageChannel.SMS);
                        assertThat(m.to().e164()).isEqualTo("+905301112233");
                        assertThat(m.templateKey()).isEqualTo("odeme-hatirlatma");
                        assertThat(m.text()).isEqualTo("Sayın Ayşe Işık, ödemenizi hatırlatırız.");
                        assertThat(m.sentAt()).isEqualTo(Instant.parse("2026-01-05T10:06:00.123456Z"));
                        assertThat(m.providerId()).isEqualTo("sms-4711");
                    });
                    Attachment file = crm.attachments().list(ADMIN, kept.id()).get(0);
                    assertThat(file.fileName()).isEqualTo("dekont.pdf");
                    assertThat(file.size()).isEqualTo(25);
                    try (AttachmentDownload download = crm.attachments().download(ADMIN, file.id())) {
                        assertThat(new String(download.content().readAllBytes(), StandardCharsets.US_ASCII))
                                .isEqualTo("%PDF-1.4 dekont 2026/0001");
                    }
                }
            }
        }
    }

    private static List<String> versions(DataSource ds) {
        List<String> out = new ArrayList<>();
        for (MigrationInfo info : CrmSchema.configure(ds).load().info().all()) {
            out.add(info.getVersion().getVersion());
        }
        return out;
    }

    /** Every table, column (type, nullability) and index (columns, their order) of the crm_ tables, as comparable text. */
    static String schema(DataSource ds) throws SQLException {
        TreeSet<String> lines = new TreeSet<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = c.getSchema();
            try (ResultSet rs = meta.getColumns(null, schema, "%", "%")) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase();
                    if (table.startsWith("crm_") && !table.equals(CrmSchema.HISTORY_TABLE)) {
                        lines.add(table + "." + rs.getString("COLUMN_NAME").toLowerCase() + " "
                                + rs.getString("TYPE_NAME") + " " + rs.getInt("COLUMN_SIZE") + " "
                                + rs.getString("IS_NULLABLE"));
                    }
                }
            }
            for (String table : new TreeSet<>(tables(meta, schema))) {
                try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
                    while (rs.next()) {
                        if (rs.getString("INDEX_NAME") != null) {
                            lines.add("index " + table.toLowerCase() + " " + rs.getString("INDEX_NAME").toLowerCase()
                                    + " " + rs.getString("COLUMN_NAME") + " " + rs.getString("ASC_OR_DESC")
                                    + " unique=" + !rs.getBoolean("NON_UNIQUE"));
                        }
                    }
                }
            }
        }
        return String.join("\n", lines);
    }

    private static List<String> tables(DatabaseMetaData meta, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (table.toLowerCase().startsWith("crm_") && !table.equalsIgnoreCase(CrmSchema.HISTORY_TABLE)) {
                    out.add(table);
                }
            }
        }
        return out;
    }

    private static void runScript(DataSource ds, String resource) throws SQLException, IOException {
        String sql;
        try (InputStream in = SchemaMigrationTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("data written at this version: " + resource).isNotNull();
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.split(";\\s*\\n")) {
                String body = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
                if (!body.isBlank()) {
                    s.execute(body);
                }
            }
        }
    }
}
