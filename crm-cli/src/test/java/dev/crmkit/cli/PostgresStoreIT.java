package dev.crmkit.cli;

import static dev.crmkit.cli.CrmProcess.crm;
import static dev.crmkit.cli.CrmProcess.example;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.cli.CrmProcess.Result;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store} with a PostgreSQL URL: the tool migrates the schema, imports and searches there, per tenant. */
class PostgresStoreIT {

    private static EmbeddedPostgres postgres;
    private static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void importsIntoPostgresqlAndKeepsTenantsApart() {
        Result imported = crm(dir, "import", example("musteriler.csv").toString(), "--store", url, "--tenant", "acme", "--json");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.json().get("created").asLong()).isEqualTo(10);

        Result found = crm(dir, "customers", "search", "çağrı", "--store", url, "--tenant", "acme", "--json");
        assertThat(found.exitCode()).as(found.toString()).isZero();
        assertThat(found.json().get("customers").get(0).get("fullName").asText()).isEqualTo("Çağrı Şahin");
        assertThat(crm(dir, "customers", "count", "--store", url, "--tenant", "other", "--json").json().get("count").asLong())
                .as("another tenant sees nothing").isZero();
        assertThat(dir.resolve("crm-data")).as("no SQLite store was made").doesNotExist();

        Result wrong = crm(dir, "jobs", "list", "--store", "postgres://nowhere");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("JDBC URL");
    }
}
