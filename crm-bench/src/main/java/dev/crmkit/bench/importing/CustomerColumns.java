package dev.crmkit.bench.importing;

import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.SortKey;
import dev.crmkit.core.text.TextFolding;
import dev.crmkit.jdbc.internal.SearchKeyColumns;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The columns of {@code crm_customer} that the baselines and the Spring Batch peer write, and the
 * value of each for a {@link CleanRow}, for each database: the one place to change when the schema
 * changes. It follows crm-jdbc's schemas (PostgreSQL's {@code V1__customers_activities_jobs.sql}
 * to {@code V5__search_keys.sql}, SQLite's {@code V1__schema.sql}): every {@code NOT NULL} column
 * is here; the nullable ones a new imported customer leaves empty (fax, address, national id,
 * representative and the rest) are left out and so stay {@code NULL}.
 *
 * <p>A new customer as the library stores it: version 1, a person, active, every counter 0, the
 * created, updated and loaded times alike, the folded name as {@code name_key}. The library's
 * import also sets {@code import_job_id}; the baselines have no job and leave it {@code NULL}.
 * Where the databases differ:
 * <ul>
 *   <li>PostgreSQL ({@link #POSTGRESQL}): instants are {@code timestamptz}; the customer's
 *       {@linkplain SearchKeys search keys} are the {@code search_keys} {@code tsvector} column
 *       (its GIN index {@code crm_customer_keys}), its value {@link SearchKeyColumns#vector} of the
 *       keys behind the tenant's {@linkplain SearchKeyColumns#tag tag}, cast with
 *       {@code ?::tsvector} in an INSERT.
 *   <li>SQLite ({@link #SQLITE}): instants are integers, microseconds since the epoch; the
 *       {@code search_keys} column holds the keys as lines ({@link SearchKeyColumns#lines}); the
 *       key table {@code crm_search_key}, which the library also writes, these writers leave empty.
 * </ul>
 */
final class CustomerColumns {

    /** The values every row of one run shares: the tenant, its search-key tag, the time. */
    record Run(String tenant, Instant now, String tag) {

        Run {
            now = now.truncatedTo(ChronoUnit.MICROS);
        }

        Run(String tenant, Instant now) {
            this(tenant, now, SearchKeyColumns.tag(tenant));
        }

        /** {@link #now()} as SQLite's columns keep it: microseconds since the epoch. */
        long nowMicros() {
            return SortKey.micros(now);
        }
    }

    /** A column's value for a row, its id and its run. */
    interface Value {
        Object of(CleanRow row, long id, Run run);
    }

    /**
     * One column.
     *
     * @param sqlType a {@link Types} constant: {@code BIGINT}, {@code VARCHAR},
     *     {@code TIMESTAMP_WITH_TIMEZONE} or {@code OTHER} (the {@code tsvector})
     * @param placeholder the column's parameter in an INSERT: {@code ?}, or {@code ?::tsvector}
     */
    record Column(String name, int sqlType, String placeholder, Value value) {

        Column(String name, int sqlType, Value value) {
            this(name, sqlType, "?", value);
        }
    }

    static final String TABLE = "crm_customer";
    /** PostgreSQL's sequence of customer ids. */
    static final String SEQUENCE = "crm_customer_seq";

    /** The columns written on PostgreSQL, the id first. */
    static final List<Column> POSTGRESQL = columns(true);

    /** The columns written on SQLite, the id first. */
    static final List<Column> SQLITE = columns(false);

    private CustomerColumns() {
    }

    /** The columns of the database: {@link #POSTGRESQL} or {@link #SQLITE}. */
    static List<Column> of(boolean postgres) {
        return postgres ? POSTGRESQL : SQLITE;
    }

    private static List<Column> columns(boolean postgres) {
        int instant = postgres ? Types.TIMESTAMP_WITH_TIMEZONE : Types.BIGINT;
        Value now = postgres ? (r, id, run) -> run.now() : (r, id, run) -> run.nowMicros();
        List<Column> all = new ArrayList<>(List.of(
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
                new Column("created_at", instant, now),
                new Column("loaded_at", instant, now),
                new Column("updated_at", instant, now),
                new Column("total_contacts", Types.BIGINT, (r, id, run) -> 0L),
                new Column("total_calls", Types.BIGINT, (r, id, run) -> 0L),
                new Column("total_call_seconds", Types.BIGINT, (r, id, run) -> 0L),
                new Column("name_key", Types.VARCHAR, (r, id, run) -> r.nameKey())));
        if (postgres) {
            all.add(new Column("search_keys", Types.OTHER, "?::tsvector",
                    (r, id, run) -> SearchKeyColumns.vector(run.tag(), r.keys())));
        } else {
            all.add(new Column("search_keys", Types.VARCHAR, (r, id, run) -> SearchKeyColumns.lines(r.keys())));
        }
        return List.copyOf(all);
    }

    /** A cleaned row with its derived values: the stored phones list, the name key, the search keys. */
    static CleanRow derive(String fullName, PhoneNumber phone, String email, String company, Segment segment) {
        CustomerRecord record = CustomerRecord.builder(fullName, phone, Instant.EPOCH)
                .email(email)
                .company(company)
                .segment(segment)
                .build();
        // As crm-jdbc writes a single new active phone; E.164 needs no JSON escaping.
        String phonesJson = "[{\"number\":\"" + phone.e164() + "\",\"status\":\"ACTIVE\",\"favorite\":false}]";
        return new CleanRow(fullName, phone.e164(), email, company, segment, phonesJson, TextFolding.fold(fullName),
                CleanRow.joinKeys(SearchKeys.of(record)));
    }

    /** The column names of the database, comma-separated, in order. */
    static String names(boolean postgres) {
        StringJoiner j = new StringJoiner(", ");
        of(postgres).forEach(c -> j.add(c.name()));
        return j.toString();
    }

    /** {@code INSERT INTO crm_customer (...) VALUES (?, ...)} with the id bound like the rest. */
    static String insertSql(boolean postgres) {
        StringJoiner values = new StringJoiner(", ");
        of(postgres).forEach(c -> values.add(c.placeholder()));
        return "INSERT INTO " + TABLE + " (" + names(postgres) + ") VALUES (" + values + ")";
    }

    /**
     * The same insert with the id given by an SQL expression (such as the sequence's next value,
     * or {@code NULL} for SQLite's next row id) instead of a parameter; bind it with
     * {@link #bind(PreparedStatement, boolean, CleanRow, long, Run, boolean)} without the id.
     */
    static String insertSql(boolean postgres, String idExpression) {
        return insertSql(postgres, idExpression, TABLE);
    }

    /** The same insert into another table of the same columns. */
    static String insertSql(boolean postgres, String idExpression, String table) {
        List<Column> columns = of(postgres);
        StringJoiner values = new StringJoiner(", ");
        values.add(idExpression);
        columns.subList(1, columns.size()).forEach(c -> values.add(c.placeholder()));
        return "INSERT INTO " + table + " (" + names(postgres) + ") VALUES (" + values + ")";
    }

    /** Binds a row's values from parameter 1 on, the id first unless left out. */
    static void bind(PreparedStatement ps, boolean postgres, CleanRow row, long id, Run run, boolean withId)
            throws SQLException {
        List<Column> columns = of(postgres);
        int p = 1;
        for (int i = withId ? 0 : 1; i < columns.size(); i++) {
            Column c = columns.get(i);
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
     * Appends a row of {@link #POSTGRESQL}'s columns in PostgreSQL's COPY text format: values
     * separated by tabs, {@code \N} for null, backslash, tab, line feed and carriage return
     * escaped, a line feed at the end. The {@code search_keys} value is the {@code tsvector} input
     * text, escaped the same way.
     */
    static void appendCopyText(StringBuilder out, CleanRow row, long id, Run run) {
        for (int i = 0; i < POSTGRESQL.size(); i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = POSTGRESQL.get(i).value().of(row, id, run);
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
