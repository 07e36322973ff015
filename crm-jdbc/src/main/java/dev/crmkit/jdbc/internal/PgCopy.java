package dev.crmkit.jdbc.internal;

import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.text.TextFolding;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's bulk path: rows streamed with {@code COPY ... FROM STDIN} in text format, which
 * the server parses and indexes without a statement per row. Only loaded when the connection is
 * PostgreSQL's own driver (the driver is an optional dependency).
 */
final class PgCopy {

    private static final String NULL = "\\N";

    /** Rows are sent in pieces of about this many characters, so the server works while more are written. */
    private static final int FLUSH_CHARS = 1 << 15;

    private final StringBuilder sb = new StringBuilder(FLUSH_CHARS + 4096);
    private @Nullable Instant lastInstant;
    private String lastInstantText = "";
    private final CopyIn copy;

    private PgCopy(CopyIn copy) {
        this.copy = copy;
    }

    /**
     * The driver's copy API behind a (possibly pooled) connection, or null when the driver is
     * not PostgreSQL's own.
     */
    static CopyManager copyApi(Connection c) throws SQLException {
        try {
            if (c.isWrapperFor(PGConnection.class)) {
                return c.unwrap(PGConnection.class).getCopyAPI();
            }
        } catch (NoClassDefFoundError e) {
            // No PostgreSQL driver classes on the class path: batched inserts it is.
        }
        return null;
    }

    static void customers(CopyManager copy, String tenant, List<CustomerRecord> records, long[] ids)
            throws SQLException {
        PgCopy out = new PgCopy(copy.copyIn("COPY crm_customer (" + JdbcCustomers.COLUMNS
                + ", tenant, primary_phone, name_key, search_keys) FROM STDIN"));
        String tag = SearchKeyColumns.tag(tenant);
        try {
            for (int i = 0; i < ids.length; i++) {
                CustomerRecord r = records.get(i);
                out.value(ids[i]);
                for (CustomerColumns.Column column : CustomerColumns.ALL) {
                    out.value(column.value().apply(r));
                }
                out.value(tenant).value(r.primaryPhone().e164()).value(TextFolding.fold(r.fullName()))
                        .last(SearchKeyColumns.vector(tag, SearchKeys.of(r)));
            }
            out.end();
        } catch (RuntimeException e) {
            out.cancel(e);
            throw e;
        }
    }

    static void activities(CopyManager copy, String tenant, List<Activity> activities, long[] ids)
            throws SQLException {
        PgCopy out = new PgCopy(copy.copyIn("COPY crm_activity (" + JdbcActivities.COLUMNS + ", tenant) FROM STDIN"));
        Json.DataWriter data = new Json.DataWriter();
        try {
            for (int i = 0; i < ids.length; i++) {
                Activity a = activities.get(i);
                out.value(ids[i]).value(a.customerId()).value(a.type().name()).value(a.actorId()).value(a.at())
                        .value(a.text()).value(Json.changes(a.changes())).value(data.of(a.data())).last(tenant);
            }
            out.end();
        } catch (RuntimeException e) {
            out.cancel(e);
            throw e;
        }
    }

    private PgCopy value(Object v) {
        append(v);
        sb.append('\t');
        return this;
    }

    private void last(Object v) throws SQLException {
        append(v);
        sb.append('\n');
        if (sb.length() >= FLUSH_CHARS) {
            flush();
        }
    }

    private void append(Object v) {
        if (v == null) {
            sb.append(NULL);
        } else if (v instanceof String s) {
            escape(s);
        } else if (v instanceof Long || v instanceof Integer) {
            sb.append(v);
        } else if (v instanceof Instant t) {
            // ISO-8601 in UTC, which timestamptz reads exactly. A chunk's rows share their
            // instants (created, updated, loaded), so the text is made once per instant.
            if (!t.equals(lastInstant)) {
                lastInstant = t;
                lastInstantText = t.toString();
            }
            sb.append(lastInstantText);
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toString());
        } else {
            throw new IllegalArgumentException("no COPY form for " + v.getClass().getName());
        }
    }

    /** The text format's escapes: backslash, tab, line feed and carriage return. */
    private void escape(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !needsEscape(s.charAt(i))) {
            i++;
        }
        // Almost every value has nothing to escape: it is copied whole, not a character at a time.
        sb.append(s, 0, i);
        for (; i < n; i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }

    private static boolean needsEscape(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }

    private void flush() throws SQLException {
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        sb.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            cancel(e);
            throw e;
        }
    }

    /** Sends what is left and ends the COPY; the server reports a failed row here at the latest. */
    private void end() throws SQLException {
        flush();
        try {
            copy.endCopy();
        } catch (SQLException e) {
            cancel(e);
            throw e;
        }
    }

    /** Abandons a COPY that failed half-way, so the connection can roll the transaction back. */
    private void cancel(Exception failure) {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
