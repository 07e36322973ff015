package dev.crmkit.importer.mapping;

import static dev.crmkit.importer.FuzzInput.escape;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.text.TextFolding;
import dev.crmkit.importer.FuzzInput;
import dev.crmkit.importer.ImportFileException;
import dev.crmkit.core.importjob.JobWarning;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Fuzzes {@link HeaderMapper#map} with header rows of any text (one header a line of the input,
 * see {@link FuzzInput}) and two custom fields, one of whose label is also a built-in alias.
 * Checks: only {@code HEADER_MISSING_REQUIRED} and {@code HEADER_DUPLICATE} escape; the outcome is
 * the one the alias table of SPEC 3.2 gives when every header is compared by its match key
 * (targets, warnings, which failure); the outcome does not change when the headers change case
 * (Turkish-aware, both ways) or gain surrounding spaces and punctuation.
 *
 * <p>Committed inputs: {@code src/test/resources/dev/crmkit/importer/mapping/HeaderMapperFuzzTestInputs/headerRow/}.
 */
class HeaderMapperFuzzTest {

    private static final List<CustomFieldDefinition> CUSTOM = List.of(
            CustomFieldDefinition.builder("consent", "KVKK Onayı", FieldType.BOOLEAN).build(),
            CustomFieldDefinition.builder("city", "Durum", FieldType.TEXT).build());
    private static final int MAX_HEADERS = 64;

    @FuzzTest(maxDuration = "10s")
    void headerRow(byte[] data) {
        List<String> headers = FuzzInput.lines(data, MAX_HEADERS);
        Outcome actual = outcome(headers);
        Outcome expected = expected(headers);
        check(actual.equals(expected), "mapped as " + actual + " where " + expected + " was expected", headers);

        for (String h : headers) {
            String key = HeaderMapper.matchKey(h);
            check(HeaderMapper.matchKey(key).equals(key), "matchKey is not idempotent", headers);
        }
        for (UnaryOperator<String> change : List.<UnaryOperator<String>>of(HeaderMapperFuzzTest::upper,
                HeaderMapperFuzzTest::lower, h -> TextFolding.isBlank(h) ? h : " -" + h + ". ")) {
            List<String> changed = headers.stream().map(change).toList();
            Outcome other = outcome(changed);
            check(Objects.equals(other.targets, actual.targets) && other.failure == actual.failure,
                    "the headers map differently once changed to " + escape(changed) + ": " + other + " vs " + actual,
                    headers);
        }
    }

    /** What the mapper did: a target key (or null) per column and the warned headers, or its failure. */
    private static Outcome outcome(List<String> headers) {
        try {
            HeaderMapping m = HeaderMapper.map(headers, CUSTOM);
            check(m.columns().size() == headers.size(), "a column per header", headers);
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                HeaderMapping.Column c = m.columns().get(i);
                check(c.index() == i && c.header().equals(headers.get(i)), "column " + i + " is " + c, headers);
                targets.add(c.target() == null ? null : c.target().key());
            }
            List<String> warned = new ArrayList<>();
            for (JobWarning w : m.warnings()) {
                check(w.code().equals(JobWarning.COLUMN_IGNORED), "warning " + w.code(), headers);
                warned.add(w.column());
            }
            return new Outcome(targets, warned, null);
        } catch (ImportFileException e) {
            check(e.code() == ErrorCode.HEADER_MISSING_REQUIRED || e.code() == ErrorCode.HEADER_DUPLICATE,
                    "undocumented code " + e.code(), headers);
            return new Outcome(null, null, e.code());
        }
    }

    /** SPEC 3.2 applied column by column with the alias table. */
    private static Outcome expected(List<String> headers) {
        Map<String, String> byKey = new HashMap<>();
        for (CustomFieldDefinition d : CUSTOM) {
            byKey.putIfAbsent(HeaderMapper.matchKey(d.key()), d.key());
        }
        for (CustomFieldDefinition d : CUSTOM) {
            byKey.putIfAbsent(HeaderMapper.matchKey(d.label()), d.key());
        }
        HeaderAliases.all().forEach((field, aliases) -> aliases.forEach(
                alias -> byKey.putIfAbsent(HeaderMapper.matchKey(alias), field.key())));
        int reportStart = reportColumnsStart(headers);
        List<String> targets = new ArrayList<>();
        List<String> warned = new ArrayList<>();
        ErrorCode failure = null;
        for (int i = 0; i < headers.size(); i++) {
            String h = headers.get(i);
            String target = null;
            if (!TextFolding.isBlank(h) && i < reportStart) {
                target = byKey.get(HeaderMapper.matchKey(h));
                if (target == null) {
                    // A warning names the column as every stored warning does: NUL shown as U+FFFD.
                    warned.add(TextFolding.replaceNul(h));
                } else if (targets.contains(target)) {
                    failure = ErrorCode.HEADER_DUPLICATE;
                    break;
                }
            }
            targets.add(target);
        }
        if (failure == null && (!targets.contains(CustomerField.FULL_NAME.key())
                || !targets.contains(CustomerField.PHONE.key()))) {
            failure = ErrorCode.HEADER_MISSING_REQUIRED;
        }
        return failure != null ? new Outcome(null, null, failure) : new Outcome(targets, warned, null);
    }

    /** The four columns an error report appends, after the last non-blank header, are not data. */
    private static int reportColumnsStart(List<String> headers) {
        int end = headers.size();
        while (end > 0 && TextFolding.isBlank(headers.get(end - 1))) {
            end--;
        }
        List<String> report = HeaderMapper.REPORT_COLUMNS;
        if (end < report.size()) {
            return headers.size();
        }
        for (int i = 0; i < report.size(); i++) {
            if (!HeaderMapper.matchKey(headers.get(end - report.size() + i)).equals(report.get(i))) {
                return headers.size();
            }
        }
        return end - report.size();
    }

    private static String upper(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = chars[i] == 'i' ? 'İ' : Character.toUpperCase(chars[i]); // Turkish: i, İ; ı, I
        }
        return new String(chars);
    }

    private static String lower(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = chars[i] == 'I' ? 'ı' : Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    private static void check(boolean condition, String what, List<String> headers) {
        if (!condition) {
            throw new AssertionError(what + "; headers " + escape(headers));
        }
    }

    private record Outcome(List<String> targets, List<String> warned, ErrorCode failure) {
    }
}
