package dev.crmkit.core.customer;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Turkish national id number (TCKN): 11 digits, the first not 0, with the official checksum.
 * {@link #toString()} is masked so the number cannot leak into logs by accident.
 *
 * @param value the 11 digits
 */
public record NationalId(String value) {

    public NationalId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new CrmValidationException(ErrorCode.NATIONAL_ID_INVALID,
                    "not a valid TCKN (11 digits with the official checksum): " + mask(value));
        }
    }

    /** Parses user input, ignoring surrounding spaces. */
    public static NationalId of(String text) {
        return new NationalId(dev.crmkit.core.text.TextFolding.trim(text));
    }

    /** Whether the text is 11 digits with a correct TCKN checksum. */
    public static boolean isValid(String text) {
        if (text.length() != 11 || text.charAt(0) == '0') {
            return false;
        }
        int[] d = new int[11];
        for (int i = 0; i < 11; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            d[i] = c - '0';
        }
        int odd = d[0] + d[2] + d[4] + d[6] + d[8];
        int even = d[1] + d[3] + d[5] + d[7];
        int tenth = Math.floorMod(odd * 7 - even, 10);
        if (tenth != d[9]) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += d[i];
        }
        return sum % 10 == d[10];
    }

    /** All but the last four characters as {@code *}: {@code *******4146}. */
    public static @Nullable String mask(@Nullable String text) {
        return text == null ? null : masked(text);
    }

    private static String masked(String text) {
        int keep = Math.min(4, text.length());
        return "*".repeat(text.length() - keep) + text.substring(text.length() - keep);
    }

    /**
     * Whether the text is a masked TCKN as the library writes it ({@code *******4146}): what an
     * error report holds in place of the number, which an import reads as no value.
     */
    public static boolean isMasked(String text) {
        return text != null && MASKED.matcher(text.strip()).matches();
    }

    private static final java.util.regex.Pattern MASKED = java.util.regex.Pattern.compile("\\*{7}[0-9]{4}");

    /**
     * A record's text as Java writes it ({@code Name[a=1, b=x]}) but with every component named
     * {@code nationalId}, and the {@link CustomerField#NATIONAL_ID} entry of a map of field values,
     * masked; the records that carry a TCKN use it for {@code toString}, so the number never reaches
     * a log line or an assertion message.
     */
    public static String describeMasked(Record record) {
        StringBuilder sb = new StringBuilder(record.getClass().getSimpleName()).append('[');
        java.lang.reflect.RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object value;
            try {
                value = components[i].getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a record's accessor is public", e);
            }
            if (value instanceof Map<?, ?> fields && fields.get(CustomerField.NATIONAL_ID) instanceof String id) {
                Map<Object, Object> shown = new LinkedHashMap<>(fields);
                shown.put(CustomerField.NATIONAL_ID, mask(id));
                value = shown;
            }
            sb.append(components[i].getName()).append('=')
                    .append(components[i].getName().equals("nationalId") && value instanceof String id ? mask(id) : value);
        }
        return sb.append(']').toString();
    }

    /** The masked form: {@code *******4146}. */
    public String masked() {
        return masked(value);
    }

    @Override
    public String toString() {
        return masked();
    }
}
