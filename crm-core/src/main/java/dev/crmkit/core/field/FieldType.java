package dev.crmkit.core.field;

/** The type of a custom field, and the Java type of its values. */
public enum FieldType {
    /** {@code String}. */
    TEXT,
    /** {@code BigDecimal}. */
    NUMBER,
    /** {@code LocalDate}. */
    DATE,
    /** {@code Boolean}; used for consent ("Onay"). */
    BOOLEAN,
    /** {@code String}, one of the options. */
    SINGLE_SELECT,
    /** {@code List<String>}, each one of the options. */
    MULTI_SELECT,
    /** {@code String}, the id of an attachment. */
    FILE;

    /** Whether the type has a list of options. */
    public boolean hasOptions() {
        return this == SINGLE_SELECT || this == MULTI_SELECT;
    }
}
