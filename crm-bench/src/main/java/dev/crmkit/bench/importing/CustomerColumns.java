package dev.crmkit.bench.importing;

import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.CustomerSearchText;
import dev.crmkit.core.text.TextFolding;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.StringJoiner;

/**
 * The columns of {@code crm_customer} that the baselines and the Spring Batch peer write, and the
 * value of each for a {@link CleanRow}: the one place to change when the schema changes. It
 * follows crm-jdbc's {@code V1__customers_activities_jobs.sql}: every {@code NOT NULL} column is
 * here; the nullable ones a new imported customer leaves empty (fax, address, national id,
 * representative and the rest) are left out and so stay {@code NULL}.
 *
 * <p>A new customer as the library stores it: version 1, a person, active, every counter 0, the
 * created, updated and loaded times alike, the folded name as {@code name_key}, {@link
 * CustomerSearchText} as {@code search_text}. The library's import also sets
 * {@code import_job_id}; the baselines have no job and leave it {@code NULL}.
 */
final class CustomerColumns {

    /** The values every row of one run shares. */
    record Run(String tenant, Instant now) {

        Run {
            now = now.truncatedTo(ChronoUnit.MICROS);
        }
    }

    /** A column's value for a row, its id and its run. */
    interface Value {
        Object of(CleanRow row, long id, Run run);
    }

    /**
     * One column.
     *
     * @param sqlType a {@link Types} constant: {@code BIGINT}, {@code VARCHAR} or {@code TIMESTAMP_WITH_TIMEZONE}
     */
    record Column(String name, int sqlType, Value value) {
    }

    static final String TABLE = "crm_customer";
    static final String SEQUENCE = "crm_customer_seq";

    /** The columns written, the id first. */
    static final List<Column> ALL = List.of(
            new Column("id", Types.BIGINT, (r, id, run) -> id),
            new Column("tenant", Types.VARCHAR, (r, id, run) -> run.tenant()),
            new Column("version", Types.BIGINT, (r, id, run) -> 1L),
            new Column("type", Types.VARCHAR, (r, id, run) -> CustomerType.PERSON.name()),
            new Column("full_name", Types.VARCHAR, (r, id, run) -> r.fullName()),
            new Column("primary_phone", Types.VARCHAR, (r, id, run) -> r.phone()),
            new Column("phones", Types.VARCHAR, (r, id, run) -> r.phonesJson()),
            new Column("email", Types.VARCHAR, (r, id, run) -> r.email()),
            new Column("company", Types.VARCHAR, (r, id, run) -> r.company()),
            new Column("segment", Types.VARCHAR, (r, id, run) -> r.segment().name()),
            new Column("status", Types.VARCHAR, (r, id, run) -> CustomerStatus.ACTIVE.name()),
            new Column("created_at", Types.TIMESTAMP_WITH_TIMEZONE, (r, id, run) -> run.now()),
            new Column("loaded_at", Types.TIMESTAMP_WITH_TIMEZONE, (r, id, run) -> run.now()),
            new Column("updated_at", Types.TIMESTAMP_WITH_TIMEZONE, (r, id, run) -> run.now()),
            new Column("total_contacts", Types.BIGINT, (r, id, run) -> 0L),
            new Column("total_calls", Types.BIGINT, (r, id, run) -> 0L),
            new Column("total_call_seconds", Types.BIGINT, (r, id, run) -> 0L),
            new Column("name_key", Types.VARCHAR, (r, id, run) -> r.nameKey()),
            new Column("search_text", Types.VARCHAR, (r, id, run) -> r.searchText()));

    private CustomerColumns() {
    }

    /** A cleaned row with its derived values: the stored phones list, the name key, the search text. */
    static CleanRow derive(String fullName, PhoneNumber phone, String email, String company, Segment segment) {
        CustomerRecord record = CustomerRecord.builder(fullName, phone, Instant.EPOCH)
                .email(email)
                .company(company)
                .segment(segment)
                .build();
        // As crm-jdbc writes a single new active phone; E.164 needs no JSON escaping.
        String phonesJson = "[{\"number\":\"" + phone.e164() + "\",\"status\":\"ACTIVE\",\"favorite\":false}]";
        return new CleanRow(fullName, phone.e164(), email, company, segment, phonesJson, TextFolding.fold(fullName),
                CustomerSearchText.of(record));
    }

    /** The column names, comma-separated, in order. */
    static String names() {
        StringJoiner j = new StringJoiner(", ");
        ALL.forEach(c -> j.add(c.name()));
        return j.toString();
    }

    /** {@code INSERT INTO crm_customer (...) VALUES (?, ...)} with the id bound like the rest. */
    static String insertSql() {
        StringJoiner values = new StringJoiner(", ");
        ALL.forEach(c -> values.add("?"));
        return "INSERT INTO " + TABLE + " (" + names() + ") VALUES (" + values + ")";
    }

    /**
     * The same insert with the id given by an SQL expression (such as the sequence's next value)
     * instead of a parameter; bind it with {@link #bind(PreparedStatement, CleanRow, long, Run, boolean)}
     * without the id.
     */
    static String insertSql(String idExpression) {
        StringJoiner values = new StringJoiner(", ");
        values.add(idExpression);
        ALL.subList(1, ALL.size()).forEach(c -> values.add("?"));
        return "INSERT INTO " + TABLE + " (" + names() + ") VALUES (" + values + ")";
    }

    /** Binds a row's values from parameter 1 on, the id first unless left out. */
    static void bind(PreparedStatement ps, CleanRow row, long id, Run run, boolean withId) throws SQLException {
        int p = 1;
        for (int i = withId ? 0 : 1; i < ALL.size(); i++) {
            Column c = ALL.get(i);
            Object v = c.value().of(row, id, run);
            if (v == null) {
                ps.setNull(p++, c.sqlType());
            } else if (v instanceof Long n) {
                ps.setLong(p++, n);
            } else if (v instanceof Instant t) {
                ps.setObject(p++, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else {
                ps.setString(p++, (String) v);
            }
        }
    }

    /**
     * Appends a row in PostgreSQL's COPY text format: values separated by tabs, {@code \N} for
     * null, backslash, tab, line feed and carriage return escaped, a line feed at the end.
     */
    static void appendCopyText(StringBuilder out, CleanRow row, long id, Run run) {
        for (int i = 0; i < ALL.size(); i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = ALL.get(i).value().of(row, id, run);
            if (v == null) {
                out.append("\\N");
            } else if (v instanceof Long n) {
                out.append(n.longValue());
            } else if (v instanceof Instant t) {
                out.append(t); // ISO 8601 in UTC, which timestamptz reads
            } else {
                escapeCopyText(out, (String) v);
            }
        }
        out.append('\n');
    }

    static void escapeCopyText(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
