package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** As with {@code Crm.Builder}, a setting given twice is a mistake, not a silent override. */
class JdbcStorageBuilderTest {

    @Test
    void migrateMayBeGivenOnce() {
        assertThatThrownBy(() -> JdbcStorage.builder(TestDatabases.sqlite()).migrate(false).migrate(true))
                .isInstanceOf(IllegalStateException.class).hasMessage("migrate was already set");
    }
}
