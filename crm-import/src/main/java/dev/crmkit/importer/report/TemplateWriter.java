package dev.crmkit.importer.report;

import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.importer.mapping.BuiltInColumns;
import java.io.OutputStream;
import dev.crmkit.core.customer.CustomerField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the import template ("Örnek Excel"): a header row with the built-in fields and the custom
 * fields the reader may see, in order, one example row, and the marker row ({@link #MARKER_ROW})
 * below which the user writes the records. Imported untouched, the template stores nothing.
 *
 * <p>The XLSX template offers dropdowns (Excel data validation) where a column takes one of a
 * few values: customer type, segment and status, yes/no and single-select custom fields (their
 * options exactly as defined), and the representative (the usernames given). A list too long for
 * Excel's own 255 characters is kept on a second sheet, {@code Listeler}.
 */
public final class TemplateWriter {

    /**
     * What starts the first cell of the row that ends the instructions and examples: an import
     * skips the rows above it and the row itself, and reads records from the row below, when it
     * finds one among the first rows below the header (see the README's import section).
     */
    public static final String MARKER = "#####";

    /** The template's marker row. */
    public static final String MARKER_ROW = MARKER + " Kayıtlarınızı bu satırın altına yazın, bu satır ve üstündeki örnek"
            + " aktarılmaz (write your records below this row, it and the example above are not imported)";

    private TemplateWriter() {
    }

    /**
     * @param visibleFields the custom fields the reader may see, in position order
     * @param representatives the usernames the representative column offers; empty for no dropdown
     * @param delimiter the CSV delimiter ({@code ;} suits Turkish Excel); ignored for XLSX
     */
    public static void write(OutputStream out, ReportFormat format, char delimiter,
                             List<CustomFieldDefinition> visibleFields, List<String> representatives) {
        List<String> header = new ArrayList<>();
        List<String> example = new ArrayList<>();
        Map<Integer, List<String>> choices = new LinkedHashMap<>();
        for (BuiltInColumns.Column c : BuiltInColumns.ALL) {
            if (c.example() != null) {
                List<String> offered = c.field() == CustomerField.REPRESENTATIVE ? representatives : c.choices();
                if (!offered.isEmpty()) {
                    choices.put(header.size(), offered);
                }
                header.add(c.header());
                example.add(c.example());
            }
        }
        for (CustomFieldDefinition d : visibleFields) {
            List<String> offered = switch (d.type()) {
                case BOOLEAN -> BuiltInColumns.YES_NO;
                case SINGLE_SELECT -> d.options();
                default -> List.of();
            };
            if (!offered.isEmpty()) {
                choices.put(header.size(), offered);
            }
            header.add(d.label());
            example.add(example(d));
        }
        try (TableWriter table = new TableWriter(out, format, delimiter, "Müşteriler")) {
            choices.forEach((column, values) -> table.choices(column, header.get(column), values));
            table.row(header);
            table.row(example);
            table.row(List.of(MARKER_ROW));
        }
    }

    private static String example(CustomFieldDefinition d) {
        return switch (d.type()) {
            case TEXT -> "Örnek";
            case FILE -> "";
            case NUMBER -> "10";
            case DATE -> "01.01.2027";
            case BOOLEAN -> "Evet";
            case SINGLE_SELECT -> d.options().get(0);
            case MULTI_SELECT -> d.options().get(0);
        };
    }
}
