package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A date without a time is taken in the importing tenant's zone, as the {@code Crm} was built with. */
class ImportZoneTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    Path dir;

    private Crm crm;
    private Importer importer;
    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        crm = Crm.builder(InMemoryStorage.create()).tenantZones(t -> t.equals(ACME) ? NEW_YORK : ZoneOffset.UTC).build();
        importer = Importer.builder(crm).workDir(dir).build();
        file = dir.resolve("musteriler.csv");
        Files.writeString(file, "Ad Soyad;Telefon;Aksiyon Tarihi\nAyşe Yılmaz;0530 123 45 67;04.05.2026\n",
                StandardCharsets.UTF_8);
    }

    private java.time.Instant importedActionAt(TenantId tenant, ImportOptions options) {
        Actor admin = Actor.admin(tenant, "boss");
        ImportReport report = importer.importFile(admin, file, options);
        assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(report.created()).isEqualTo(1);
        return crm.customers().findByPhone(admin, "+905301234567").orElseThrow().actionAt();
    }

    @Test
    void eachTenantsDatesStartAtItsOwnMidnight() {
        assertThat(importedActionAt(ACME, ImportOptions.defaults()))
                .isEqualTo(LocalDate.of(2026, 5, 4).atStartOfDay(NEW_YORK).toInstant());
        assertThat(importedActionAt(GLOBEX, ImportOptions.defaults()))
                .isEqualTo(LocalDate.of(2026, 5, 4).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Test
    void aZoneInTheOptionsOverridesTheTenantsZone() {
        ZoneId istanbul = ZoneId.of("Europe/Istanbul");
        assertThat(importedActionAt(ACME, ImportOptions.builder().zone(istanbul).build()))
                .isEqualTo(LocalDate.of(2026, 5, 4).atStartOfDay(istanbul).toInstant());
    }

    @Test
    void theCrmTellsEachTenantsZone() {
        assertThat(crm.zone(ACME)).isEqualTo(NEW_YORK);
        assertThat(crm.zone(GLOBEX)).isEqualTo(ZoneOffset.UTC);
        assertThat(Crm.builder(InMemoryStorage.create()).build().zone(ACME)).isEqualTo(Crm.DEFAULT_ZONE);
    }
}
