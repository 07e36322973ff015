package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.inmemory.InMemoryStorage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** As with {@code Crm.Builder}, a setting given twice is a mistake, not a silent override. */
class ImporterBuilderTest {

    @TempDir
    Path dir;

    private final Crm crm = Crm.builder(InMemoryStorage.create()).build();

    @Test
    void eachSettingMayBeGivenOnce() {
        assertThatThrownBy(() -> Importer.builder(crm).owner("a").owner("b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("owner was already set");
        assertThatThrownBy(() -> Importer.builder(crm).lease(Duration.ofSeconds(5)).lease(Duration.ofSeconds(9)))
                .isInstanceOf(IllegalStateException.class).hasMessage("lease was already set");
        assertThatThrownBy(() -> Importer.builder(crm).retries(1, Duration.ZERO).retries(2, Duration.ZERO))
                .isInstanceOf(IllegalStateException.class).hasMessage("retries was already set");
        assertThatThrownBy(() -> Importer.builder(crm).workDir(dir).workDir(dir))
                .isInstanceOf(IllegalStateException.class).hasMessage("workDir was already set");
        assertThat(Importer.builder(crm).owner("a").lease(Duration.ofSeconds(5)).retries(0, Duration.ZERO).workDir(dir)
                .build()).isNotNull();
    }
}
