package dev.crmkit.core.field;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.text.TextFolding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's custom field ("değişken alan").
 *
 * @param key the stable name, {@code [a-z][a-zA-Z0-9_]{0,63}}, not a built-in field's key
 * @param label what users see, 1..200 characters
 * @param type the value type
 * @param options the allowed values of select types, in order; empty for the others
 * @param required whether a customer cannot be created or imported without a value
 * @param position order on the form and in the import template (smaller first)
 * @param visibleTo the permission groups allowed to see the field; empty means everyone
 * @param caseInsensitiveOptions whether option values match Turkish-case-insensitively
 */
public record CustomFieldDefinition(String key, String label, FieldType type, List<String> options, boolean required,
                                    int position, Set<String> visibleTo, boolean caseInsensitiveOptions) {

    /** The longest text a TEXT value may hold (Excel's cell limit). */
    public static final int MAX_TEXT_LENGTH = 32_767;

    private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9_]{0,63}");

    public CustomFieldDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        if (!KEY.matcher(key).matches()) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID,
                    "a field key starts with a lower-case letter and has up to 64 letters, digits or '_': " + key);
        }
        if (CustomerField.byKey(key).isPresent() || key.equalsIgnoreCase(FieldChange.PHONES)
                || key.equalsIgnoreCase(FieldChange.PRODUCTS)) {
            throw new CrmValidationException(ErrorCode.FIELD_BUILT_IN, "'" + key + "' is a built-in field");
        }
        label = TextFolding.trim(label);
        if (TextFolding.hasNul(label) || options.stream().anyMatch(TextFolding::hasNul)) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, TextFolding.nulMessage("a field's label or option"));
        }
        if (label.isEmpty() || label.length() > 200) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, "a field label has 1..200 characters");
        }
        options = List.copyOf(options);
        if (type.hasOptions() && options.isEmpty()) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, "a " + type + " field needs options");
        }
        if (!type.hasOptions() && !options.isEmpty()) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, "a " + type + " field has no options");
        }
        if (new LinkedHashSet<>(options).size() != options.size()) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, "options repeat");
        }
        visibleTo = Set.copyOf(visibleTo);
    }

    /** A builder with the required parts. */
    public static Builder builder(String key, String label, FieldType type) {
        return new Builder(key, label, type);
    }

    /** Whether an actor in the given groups may see the field (admins and MANAGE see all). */
    public boolean visibleToGroups(Set<String> groups) {
        if (visibleTo.isEmpty()) {
            return true;
        }
        for (String g : groups) {
            if (visibleTo.contains(g)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks a value against this definition and returns it in canonical form (a select value as
     * the option is spelled, a number as {@code BigDecimal}).
     *
     * @param value the value; {@code null} means "no value" and is returned as is
     * @throws CrmValidationException {@code CUSTOM_FIELD_INVALID} if it does not fit
     */
    public @Nullable Object normalize(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TEXT -> {
                String s = requireType(value, String.class);
                if (TextFolding.hasNul(s)) {
                    throw invalid("cannot hold the NUL character (U+0000)");
                }
                if (s.length() > MAX_TEXT_LENGTH) {
                    throw invalid("is longer than " + MAX_TEXT_LENGTH + " characters");
                }
                yield s;
            }
            case NUMBER -> {
                if (value instanceof BigDecimal b) {
                    yield b;
                }
                if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                    yield BigDecimal.valueOf(((Number) value).longValue());
                }
                if (value instanceof Double || value instanceof Float) {
                    double d = ((Number) value).doubleValue();
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        throw invalid("is not a number");
                    }
                    yield BigDecimal.valueOf(d);
                }
                throw invalid("takes a number, not a " + value.getClass().getSimpleName());
            }
            case DATE -> requireType(value, LocalDate.class);
            case BOOLEAN -> requireType(value, Boolean.class);
            case SINGLE_SELECT -> option(requireType(value, String.class));
            case MULTI_SELECT -> {
                if (!(value instanceof List<?> list)) {
                    throw invalid("takes a list of options");
                }
                List<String> out = new ArrayList<>(list.size());
                for (Object o : list) {
                    if (!(o instanceof String s)) {
                        throw invalid("takes a list of options");
                    }
                    String option = option(s);
                    if (!out.contains(option)) {
                        out.add(option);
                    }
                }
                yield List.copyOf(out);
            }
            case FILE -> {
                String s = requireType(value, String.class).strip();
                if (!s.matches("[1-9][0-9]{0,17}")) {
                    throw invalid("needs the id of one of the customer's attachments");
                }
                yield s;
            }
        };
    }

    /** Whether a normalized value counts as "no value" for the required rule. */
    public static boolean isBlank(Object value) {
        return value == null
                || (value instanceof String s && s.isBlank())
                || (value instanceof List<?> l && l.isEmpty());
    }

    private String option(String value) {
        for (String o : options) {
            if (o.equals(value)) {
                return o;
            }
        }
        if (caseInsensitiveOptions) {
            String folded = TextFolding.fold(TextFolding.trim(value));
            for (String o : options) {
                if (TextFolding.fold(o).equals(folded)) {
                    return o;
                }
            }
        }
        throw invalid("'" + cut(value) + "' is not one of " + options);
    }

    private <T> T requireType(Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw invalid("takes a " + type.getSimpleName() + ", not a " + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }

    private CrmValidationException invalid(String what) {
        return new CrmValidationException(List.of(new CrmValidationException.Violation(
                ErrorCode.CUSTOM_FIELD_INVALID, key, label + " " + what)));
    }

    private static String cut(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100);
    }

    /** Builds a definition. Not thread-safe. */
    public static final class Builder {
        private final String key;
        private final String label;
        private final FieldType type;
        private List<String> options = List.of();
        private boolean required;
        private int position;
        private Set<String> visibleTo = Set.of();
        private boolean caseInsensitiveOptions;

        private Builder(String key, String label, FieldType type) {
            this.key = key;
            this.label = label;
            this.type = type;
        }

        public Builder options(String... options) {
            this.options = List.of(options);
            return this;
        }

        public Builder options(List<String> options) {
            this.options = List.copyOf(options);
            return this;
        }

        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        public Builder position(int position) {
            this.position = position;
            return this;
        }

        public Builder visibleTo(String... groups) {
            this.visibleTo = Set.of(groups);
            return this;
        }

        public Builder visibleTo(Set<String> groups) {
            this.visibleTo = Set.copyOf(groups);
            return this;
        }

        public Builder caseInsensitiveOptions(boolean caseInsensitiveOptions) {
            this.caseInsensitiveOptions = caseInsensitiveOptions;
            return this;
        }

        public CustomFieldDefinition build() {
            return new CustomFieldDefinition(key, label, type, options, required, position, visibleTo,
                    caseInsensitiveOptions);
        }
    }
}
