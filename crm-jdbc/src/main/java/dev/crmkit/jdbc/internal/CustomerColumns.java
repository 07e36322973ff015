package dev.crmkit.jdbc.internal;

import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.PhoneRecord;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The columns of {@code crm_customer} that hold a {@link CustomerRecord}, described once: binding
 * an INSERT or UPDATE, streaming a COPY and reading a row all walk this list. A new built-in field
 * needs no line here (see {@link #fieldColumn}), another new component of the record one; either
 * needs a migration. The columns derived from the record for indexes (the tenant, primary phone,
 * folded name and search keys) are {@link JdbcCustomers}' business.
 */
final class CustomerColumns {

    /** How a column's value is stored: as what Java type it is bound, written and read. */
    enum Kind {
        /** A string, null allowed. */
        TEXT,
        /** A long, never null. */
        LONG,
        /** A long, null allowed. */
        NULLABLE_LONG,
        /** An instant, as each database stores them (see {@link Columns}). */
        INSTANT,
        /** A decimal, as each database stores them (see {@link Columns}). */
        DECIMAL
    }

    /**
     * One stored column.
     *
     * @param value the column's value of a record, as the kind's Java type ({@code String},
     *     {@code Long}, {@code Instant} or {@code BigDecimal}), or null
     * @param set sets the read value (of the kind's type, possibly null) on a builder
     */
    record Column(String name, Kind kind, Function<CustomerRecord, Object> value,
                  BiConsumer<CustomerRecord.Builder, Object> set) {
    }

    /**
     * Every column but the id, in the order of {@link #NAMES}: one for each built-in field but the
     * phone (see {@link #fieldColumn}), and the rest of the record's components.
     */
    static final List<Column> ALL = Stream.concat(
            Arrays.stream(CustomerField.values()).filter(f -> f != CustomerField.PHONE).map(CustomerColumns::fieldColumn),
            Stream.of(
                    column("version", Kind.LONG, CustomerRecord::version, (b, v) -> b.version((Long) v)),
                    column("phones", Kind.TEXT, r -> Json.phones(r.phones()),
                            (b, v) -> b.phones(Json.phones((String) v))),
                    column("previous_representative", Kind.TEXT, CustomerRecord::previousRepresentative,
                            (b, v) -> b.previousRepresentative((String) v)),
                    column("assigned_at", Kind.INSTANT, CustomerRecord::assignedAt,
                            (b, v) -> b.assignedAt((Instant) v)),
                    column("created_at", Kind.INSTANT, CustomerRecord::createdAt, (b, v) -> b.createdAt((Instant) v)),
                    column("updated_at", Kind.INSTANT, CustomerRecord::updatedAt, (b, v) -> b.updatedAt((Instant) v)),
                    column("last_contact_at", Kind.INSTANT, CustomerRecord::lastContactAt,
                            (b, v) -> b.lastContactAt((Instant) v)),
                    column("total_contacts", Kind.LONG, CustomerRecord::totalContacts,
                            (b, v) -> b.totalContacts((Long) v)),
                    column("total_calls", Kind.LONG, CustomerRecord::totalCalls, (b, v) -> b.totalCalls((Long) v)),
                    column("total_call_seconds", Kind.LONG, CustomerRecord::totalCallSeconds,
                            (b, v) -> b.totalCallSeconds((Long) v)),
                    column("custom_values", Kind.TEXT, r -> Json.customValues(r.customFields()),
                            (b, v) -> b.customFields(Json.customValues((String) v))),
                    column("import_job_id", Kind.NULLABLE_LONG, CustomerRecord::importJobId,
                            (b, v) -> b.importJobId((Long) v))))
            .toList();

    /** The id and then {@link #ALL}, as a select list. */
    static final String NAMES = "id, " + ALL.stream().map(Column::name).collect(Collectors.joining(", "));

    /** {@code name = ?} for every column of {@link #ALL}, for an UPDATE. */
    static final String ASSIGNMENTS = ALL.stream().map(c -> c.name() + " = ?").collect(Collectors.joining(", "));

    /** As many parameters as {@link #NAMES} has columns. */
    static final String PARAMETERS = "?" + ", ?".repeat(ALL.size());

    private static final int PHONES = indexOf("phones");
    private static final int FULL_NAME = indexOf("full_name");
    private static final int CREATED_AT = indexOf("created_at");

    private CustomerColumns() {
    }

    /**
     * A built-in field's column: named as its key in snake case ({@code fullName} is {@code
     * full_name}), an enum stored as its constant's name, an instant or a decimal as such, text as
     * text. A new field is a new constant of {@link CustomerField} and a migration adding its column.
     */
    static Column fieldColumn(CustomerField field) {
        String name = field.key().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
        Class<?> type = field.valueType();
        if (type == String.class) {
            return column(name, Kind.TEXT, r -> r.value(field), (b, v) -> b.set(field, v));
        }
        if (type.isEnum()) {
            return column(name, Kind.TEXT, r -> {
                Enum<?> value = (Enum<?>) r.value(field);
                return value == null ? null : value.name();
            }, (b, v) -> b.set(field, v == null ? null : enumConstant(type, (String) v)));
        }
        if (type == Instant.class) {
            return column(name, Kind.INSTANT, r -> r.value(field), (b, v) -> b.set(field, v));
        }
        if (type == BigDecimal.class) {
            return column(name, Kind.DECIMAL, r -> r.value(field), (b, v) -> b.set(field, v));
        }
        throw new IllegalStateException("no column kind stores a " + type.getName() + " (field " + field.key() + ")");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static Column column(String name, Kind kind, Function<CustomerRecord, Object> value,
                                 BiConsumer<CustomerRecord.Builder, Object> set) {
        return new Column(name, kind, value, set);
    }

    private static int indexOf(String name) {
        for (int c = 0; c < ALL.size(); c++) {
            if (ALL.get(c).name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no customer column " + name);
    }

    /** Binds the columns of {@link #ALL} from parameter {@code i} on; returns the next parameter. */
    static int bind(PreparedStatement ps, int i, Columns cols, CustomerRecord r) throws SQLException {
        for (Column column : ALL) {
            Object v = column.value().apply(r);
            switch (column.kind()) {
                case TEXT -> Columns.setString(ps, i, (String) v);
                case LONG -> ps.setLong(i, (Long) v);
                case NULLABLE_LONG -> Columns.setLong(ps, i, (Long) v);
                case INSTANT -> cols.setInstant(ps, i, (Instant) v);
                case DECIMAL -> cols.setDecimal(ps, i, (BigDecimal) v);
            }
            i++;
        }
        return i;
    }

    /** A customer from a row whose first columns are {@link #NAMES}. */
    static CustomerRecord read(ResultSet rs, Columns cols) throws SQLException {
        Object[] values = new Object[ALL.size()];
        for (int c = 0; c < values.length; c++) {
            int i = c + 2;
            values[c] = switch (ALL.get(c).kind()) {
                case TEXT -> rs.getString(i);
                case LONG -> rs.getLong(i);
                case NULLABLE_LONG -> Columns.nullableLong(rs, i);
                case INSTANT -> cols.instant(rs, i);
                case DECIMAL -> cols.decimal(rs, i);
            };
        }
        // The builder starts from the values a record cannot do without; the columns set the rest
        // (the phones parsed once).
        List<PhoneRecord> phones = Json.phones((String) values[PHONES]);
        CustomerRecord.Builder b = CustomerRecord.builder((String) values[FULL_NAME], phones.get(0).number(),
                (Instant) values[CREATED_AT]).id(rs.getLong(1)).phones(phones);
        for (int c = 0; c < values.length; c++) {
            if (c != PHONES) {
                ALL.get(c).set().accept(b, values[c]);
            }
        }
        return b.build();
    }
}
