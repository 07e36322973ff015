package dev.crmkit.importer.mapping;

import dev.crmkit.core.customer.CustomerField;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The headers each built-in field is recognised by, Turkish and English (kept in {@link
 * BuiltInColumns}). Matching folds both
 * sides with {@link HeaderMapper#matchKey}, so case, Turkish letters, spaces and punctuation do
 * not matter: {@code "ADI SOYADI"}, {@code "Adı-Soyadı"} and {@code "adisoyadi"} are one header.
 */
public final class HeaderAliases {

    private static final Map<CustomerField, List<String>> ALIASES;

    static {
        Map<CustomerField, List<String>> m = new EnumMap<>(CustomerField.class);
        for (BuiltInColumns.Column c : BuiltInColumns.ALL) {
            m.put(c.field(), c.headers());
        }
        ALIASES = Collections.unmodifiableMap(m);
    }

    private HeaderAliases() {
    }

    /** The accepted headers of a field, as written in the documentation; empty if it is not importable. */
    public static List<String> of(CustomerField field) {
        return ALIASES.getOrDefault(field, List.of());
    }

    /** Every importable built-in field with its headers. */
    public static Map<CustomerField, List<String>> all() {
        return ALIASES;
    }
}
