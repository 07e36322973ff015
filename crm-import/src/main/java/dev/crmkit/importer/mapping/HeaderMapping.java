package dev.crmkit.importer.mapping;

import dev.crmkit.core.importjob.JobWarning;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the columns of a file map to fields.
 *
 * @param columns every column of the header row, in order, with its target or none
 * @param warnings one per unknown column
 */
public record HeaderMapping(List<Column> columns, List<JobWarning> warnings) {

    public HeaderMapping {
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }

    /**
     * One column.
     *
     * @param index 0-based position in the file
     * @param header the header cell as written
     * @param target where its values go; {@code null} for an ignored column
     */
    public record Column(int index, String header, @Nullable FieldTarget target) {
    }

    /** The column mapped to the target. */
    public Optional<Column> columnOf(FieldTarget target) {
        for (Column c : columns) {
            if (target.equals(c.target())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The mapped columns by target key, for quick lookup while reading rows. */
    public Map<String, Column> byTargetKey() {
        java.util.LinkedHashMap<String, Column> m = new java.util.LinkedHashMap<>();
        for (Column c : columns) {
            if (c.target() != null) {
                m.put(c.target().key(), c);
            }
        }
        return m;
    }
}
