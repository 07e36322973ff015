package dev.crmkit.importer.mapping;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.text.TextFolding;
import dev.crmkit.importer.ImportFileException;
import dev.crmkit.core.importjob.JobWarning;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps a header row to fields (SPEC 3.2). Headers are compared by {@link #matchKey}: Turkish-aware
 * case folding without diacritics, with every space and punctuation mark removed. A custom field
 * is matched by its key or its label, before the built-in aliases, since a tenant defined it on
 * purpose. Columns with an empty header are ignored silently; other unknown columns are ignored
 * with a warning each; the four report columns an error file ends with ({@code row}, {@code
 * column}, {@code code}, {@code message}) are ignored silently so a corrected error file imports
 * as it is. Thread-safe (stateless).
 */
public final class HeaderMapper {

    /** The columns an error report adds after the original ones, in order. */
    public static final List<String> REPORT_COLUMNS = List.of("row", "column", "code", "message");

    private static final Map<String, CustomerField> BUILT_IN;

    static {
        Map<String, CustomerField> m = new HashMap<>();
        HeaderAliases.all().forEach((field, aliases) -> {
            for (String alias : aliases) {
                CustomerField previous = m.put(matchKey(alias), field);
                if (previous != null && previous != field) {
                    throw new ExceptionInInitializerError("alias '" + alias + "' names two fields");
                }
            }
        });
        BUILT_IN = m;
    }

    private HeaderMapper() {
    }

    /**
     * The form headers are compared in: folded, letters and digits only. {@code "Adı-Soyadı "} and
     * {@code "ADISOYADI"} both give {@code adisoyadi}.
     */
    public static String matchKey(String header) {
        String folded = TextFolding.fold(header);
        StringBuilder sb = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Maps the header row automatically.
     *
     * @param headers the header cells
     * @param customFields the tenant's custom field definitions
     * @throws ImportFileException {@code HEADER_MISSING_REQUIRED} or {@code HEADER_DUPLICATE}
     */
    public static HeaderMapping map(List<String> headers, List<CustomFieldDefinition> customFields) {
        Map<String, String> customByMatchKey = new HashMap<>();
        for (CustomFieldDefinition d : customFields) {
            customByMatchKey.putIfAbsent(matchKey(d.key()), d.key());
        }
        for (CustomFieldDefinition d : customFields) {
            customByMatchKey.putIfAbsent(matchKey(d.label()), d.key());
        }
        return bind(headers, customFields, header -> {
            String key = matchKey(header);
            String custom = customByMatchKey.get(key);
            if (custom != null) {
                return FieldTarget.custom(custom);
            }
            CustomerField builtIn = BUILT_IN.get(key);
            return builtIn == null ? null : FieldTarget.of(builtIn);
        });
    }

    /**
     * Maps the header row by an explicit mapping instead of the aliases.
     *
     * @param explicit header (compared by {@link #matchKey}) to field key: a built-in key such as
     *     {@code fullName} or a custom field's key; unmapped columns are ignored with a warning
     * @throws IllegalArgumentException if the mapping names a field that does not exist
     */
    public static HeaderMapping map(List<String> headers, List<CustomFieldDefinition> customFields,
                                    Map<String, String> explicit) {
        Map<String, FieldTarget> byHeader = new HashMap<>();
        explicit.forEach((header, fieldKey) -> byHeader.put(matchKey(header), target(fieldKey, customFields)));
        return bind(headers, customFields, header -> byHeader.get(matchKey(header)));
    }

    private static FieldTarget target(String fieldKey, List<CustomFieldDefinition> customFields) {
        for (CustomFieldDefinition d : customFields) {
            if (d.key().equals(fieldKey)) {
                return FieldTarget.custom(d.key());
            }
        }
        return CustomerField.byKey(fieldKey)
                .filter(f -> f != CustomerField.LOADED_AT)
                .map(FieldTarget::of)
                .orElseThrow(() -> new IllegalArgumentException("no field '" + fieldKey + "' to map a column to"));
    }

    private interface Resolver {
        @Nullable FieldTarget resolve(String header);
    }

    private static HeaderMapping bind(List<String> headers, List<CustomFieldDefinition> customFields,
                                      Resolver resolver) {
        int reportStart = reportColumnsStart(headers);
        List<HeaderMapping.Column> columns = new ArrayList<>(headers.size());
        List<JobWarning> warnings = new ArrayList<>();
        Map<FieldTarget, HeaderMapping.Column> taken = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            FieldTarget target = null;
            if (!TextFolding.isBlank(header) && i < reportStart) {
                target = resolver.resolve(header);
                if (target == null) {
                    warnings.add(new JobWarning(JobWarning.COLUMN_IGNORED, 0, header,
                            "column '" + header + "' matches no field and is ignored"));
                }
            }
            HeaderMapping.Column column = new HeaderMapping.Column(i, header, target);
            if (target != null) {
                HeaderMapping.Column first = taken.putIfAbsent(target, column);
                if (first != null) {
                    throw new ImportFileException(ErrorCode.HEADER_DUPLICATE, "columns '" + first.header() + "' ("
                            + columnName(first.index()) + ") and '" + header + "' (" + columnName(i)
                            + ") both map to " + target.key());
                }
            }
            columns.add(column);
        }
        List<String> missing = new ArrayList<>();
        for (CustomerField required : List.of(CustomerField.FULL_NAME, CustomerField.PHONE)) {
            if (!taken.containsKey(FieldTarget.of(required))) {
                missing.add(required.key() + " (accepted headers: " + String.join(", ", HeaderAliases.of(required)) + ")");
            }
        }
        for (CustomFieldDefinition d : customFields) {
            if (d.required() && !taken.containsKey(FieldTarget.custom(d.key()))) {
                missing.add(d.key() + " (accepted headers: " + d.key() + ", " + d.label() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new ImportFileException(ErrorCode.HEADER_MISSING_REQUIRED,
                    "the header row has no column for " + String.join("; ", missing));
        }
        return new HeaderMapping(columns, warnings);
    }

    /** Where the report columns of an error file start, or the number of headers if they are absent. */
    private static int reportColumnsStart(List<String> headers) {
        int n = headers.size();
        int start = n;
        while (start > 0 && TextFolding.isBlank(headers.get(start - 1))) {
            start--;
        }
        if (start < REPORT_COLUMNS.size()) {
            return n;
        }
        for (int i = 0; i < REPORT_COLUMNS.size(); i++) {
            if (!matchKey(headers.get(start - REPORT_COLUMNS.size() + i)).equals(REPORT_COLUMNS.get(i))) {
                return n;
            }
        }
        return start - REPORT_COLUMNS.size();
    }

    /** The spreadsheet name of a 0-based column: A, B, ..., Z, AA, ... */
    public static String columnName(int index) {
        StringBuilder sb = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            sb.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return sb.toString();
    }
}
