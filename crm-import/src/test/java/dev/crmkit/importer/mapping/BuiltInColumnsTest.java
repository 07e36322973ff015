package dev.crmkit.importer.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.customer.CustomerField;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every built-in field a file can fill has exactly one column here, recognised by its key too, so a
 * new field added to {@link CustomerField} without its headers fails here rather than being
 * silently left out of imports and templates.
 */
class BuiltInColumnsTest {

    /** Set by the import itself: the time the row was loaded. */
    private static final EnumSet<CustomerField> NOT_FROM_A_FILE = EnumSet.of(CustomerField.LOADED_AT);

    @Test
    void eachFieldAFileFillsHasOneColumn() {
        List<CustomerField> columns = BuiltInColumns.ALL.stream().map(BuiltInColumns.Column::field).toList();
        assertThat(columns).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(NOT_FROM_A_FILE));
    }

    @Test
    void eachColumnIsRecognisedByItsFieldsKey() {
        for (BuiltInColumns.Column column : BuiltInColumns.ALL) {
            assertThat(column.headers()).as(column.field().key())
                    .anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(column.field().key().toLowerCase(Locale.ROOT)));
        }
    }
}
