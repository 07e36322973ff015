package dev.crmkit.importer.internal;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.importjob.ImportRow;
import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.text.TextFolding;
import dev.crmkit.importer.mapping.FieldTarget;
import dev.crmkit.importer.mapping.HeaderMapping;
import dev.crmkit.importer.source.SourceRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns one record of a file into an {@link ImportRow}: reads each mapped cell as its field's type
 * (SPEC 3.3) and reports the cells it cannot read; the rules every customer value must meet are
 * core's and are applied there. One instance reads one file (it carries the file's number style);
 * not thread-safe.
 */
public final class RowParser {

    private final List<HeaderMapping.Column> columns;
    private final List<String> headers;
    private final Map<String, CustomFieldDefinition> definitions;
    private final PhoneParser phones;
    private final NumberStyle numbers;
    private final String clearToken;
    private final int maxCellChars;
    private final ZoneId zone;

    /**
     * @param decimalSeparator {@code ','} or {@code '.'} to fix the file's number style, 0 to detect it
     * @param clearToken the cell text that empties a field in UPDATE mode, compared ignoring case
     */
    public RowParser(HeaderMapping mapping, Map<String, CustomFieldDefinition> definitions, PhoneParser phones,
                     char decimalSeparator, String clearToken, int maxCellChars, ZoneId zone) {
        this.columns = mapping.columns().stream().filter(c -> c.target() != null).toList();
        this.headers = mapping.columns().stream().map(HeaderMapping.Column::header).toList();
        this.definitions = definitions;
        this.phones = phones;
        this.numbers = new NumberStyle(decimalSeparator);
        this.clearToken = clearToken;
        this.maxCellChars = maxCellChars;
        this.zone = zone;
    }

    /** The header cells, in order. */
    public List<String> headers() {
        return headers;
    }

    /**
     * Parses a data record.
     *
     * @param warnings receives row-level warnings (a phone recovered from Excel's number format)
     */
    public ImportRow parse(SourceRecord record, Consumer<JobWarning> warnings) {
        long row = record.rowNumber();
        Values v = new Values();
        List<RowError> errors = new ArrayList<>(0);
        Set<String> failed = new HashSet<>(2);
        Set<String> cleared = new HashSet<>(0);
        for (HeaderMapping.Column column : columns) {
            String cell = record.cell(column.index());
            FieldTarget target = column.target();
            String key = target.key();
            if (clearToken != null && TextFolding.trim(cell).equalsIgnoreCase(clearToken)) {
                cleared.add(key);
                continue;
            }
            if (cell.length() > maxCellChars) {
                String shown = target.builtIn() == CustomerField.NATIONAL_ID ? NationalId.mask(cell) : cell;
                errors.add(new RowError(row, column.header(), shown, ErrorCode.VALUE_TOO_LONG,
                        column.header() + " has at most " + maxCellChars + " characters"));
                failed.add(key);
                continue;
            }
            CellValue<?> value = target.builtIn() != null ? builtIn(target.builtIn(), cell, v)
                    : custom(definitions.get(target.customKey()), cell, v);
            if (value != null && value.failed()) {
                errors.add(new RowError(row, column.header(), cell, value.error(), value.message()));
                failed.add(key);
            } else if (value != null && value.warning() != null) {
                warnings.accept(new JobWarning(JobWarning.PHONE_REPAIRED, row, column.header(), value.warning()));
            }
        }
        return new ImportRow(row, record.cells(), v.build(), cleared, errors, failed);
    }

    /**
     * Reads a built-in field's cell into the values; returns the outcome when a cell was read. A
     * field is read by its value type, so a new text, amount or date field needs nothing here.
     */
    private CellValue<?> builtIn(CustomerField field, String cell, Values v) {
        Class<?> type = field.valueType();
        CellValue<?> read;
        if (field == CustomerField.PHONE) {
            if (TextFolding.isBlank(cell)) {
                return null; // core reports PHONE_REQUIRED
            }
            CellValue<PhoneNumber> phone = Cells.phone(cell, phones);
            if (phone.value() != null) {
                v.fields.put(field, phone.value().e164());
            }
            return phone;
        } else if (type == String.class) {
            String text = Cells.clean(cell);
            if (!text.isEmpty()) {
                v.text(field, text);
            }
            return null;
        } else if (type == BigDecimal.class) {
            read = numbers.read(cell);
        } else if (type == Instant.class) {
            CellValue<LocalDate> day = Cells.date(cell);
            if (day.value() != null) {
                v.fields.put(field, day.value().atStartOfDay(zone).toInstant());
            }
            return day;
        } else if (type == Segment.class) {
            read = Cells.segment(cell);
        } else if (type == CustomerType.class) {
            read = Cells.type(cell);
        } else if (type == CustomerStatus.class) {
            read = Cells.status(cell);
        } else {
            throw new IllegalStateException("no cell reader for a " + type.getName() + " (field " + field.key() + ")");
        }
        if (read.value() != null) {
            v.fields.put(field, read.value());
        }
        return read;
    }

    private CellValue<?> custom(CustomFieldDefinition def, String cell, Values v) {
        CellValue<?> value = switch (def.type()) {
            case NUMBER -> numbers.read(cell);
            case DATE -> Cells.date(cell);
            case BOOLEAN -> Cells.bool(cell);
            case MULTI_SELECT -> {
                List<String> options = Cells.options(cell);
                yield options.isEmpty() ? CellValue.blank() : CellValue.of(options);
            }
            case TEXT, SINGLE_SELECT, FILE -> {
                String text = Cells.clean(cell);
                yield text.isEmpty() ? CellValue.blank() : CellValue.of(text);
            }
        };
        if (value.value() != null) {
            v.custom.put(def.key(), value.value());
        }
        return value;
    }

    /** The values of one row, gathered before the {@link NewCustomer} is made. */
    private static final class Values {
        private final Map<CustomerField, Object> fields = new EnumMap<>(CustomerField.class);
        private final Map<String, Object> custom = new java.util.LinkedHashMap<>();

        void text(CustomerField field, String text) {
            if (field != CustomerField.NATIONAL_ID || !NationalId.isMasked(text)) {
                // An error report holds the national id masked; imported again, that is no value.
                fields.put(field, text);
            }
        }

        NewCustomer build() {
            return new NewCustomer(fields, custom, null);
        }
    }
}
