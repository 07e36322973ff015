package dev.crmkit.jdbc.internal;

import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.SearchTerm;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Where each database keeps customers' {@linkplain SearchKeys search keys}, so that a search term
 * is one index range per prefix, inside the tenant's part of the index (spec 2.10 and 4).
 *
 * <ul>
 *   <li>PostgreSQL: a {@code tsvector} column of the keys, each behind the tenant's tag, with a
 *       GIN index; a term is a prefix query ({@code 'tag'||prefix:*}), so GIN reads the posting
 *       lists of the tenant's keys that start with the prefix and no other tenant's.
 *   <li>SQLite: a table of (tenant's number, key, customer) rows, its primary key the index; a
 *       term is a range of that key. Each row also keeps its keys, for checking a common term while
 *       a list's index is walked.
 * </ul>
 */
public final class SearchKeyColumns {

    /** The length of a tenant's tag in PostgreSQL's lexemes. */
    static final int TAG_LENGTH = 4;
    private static final String TAG_DIGITS = "0123456789abcdefghijklmnopqrstuv";

    private SearchKeyColumns() {
    }

    // ---------------------------------------------------------------------------------------
    // PostgreSQL

    /**
     * A tenant's tag: four characters of a hash of its name, in front of every lexeme of its
     * customers. Two tenants may share a tag; they then share posting lists, which costs time and
     * changes no result, since every search also filters by the tenant.
     */
    public static String tag(String tenant) {
        CRC32 crc = new CRC32();
        crc.update(tenant.getBytes(StandardCharsets.UTF_8));
        long h = crc.getValue();
        char[] tag = new char[TAG_LENGTH];
        for (int i = 0; i < TAG_LENGTH; i++) {
            tag[i] = TAG_DIGITS.charAt((int) (h & 31));
            h >>>= 5;
        }
        return new String(tag);
    }

    /** The {@code tsvector} input of the keys: each key behind the tag, quoted. */
    public static String vector(String tag, String[] keys) {
        StringBuilder sb = new StringBuilder(keys.length * 16);
        for (String key : keys) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            quoteLexeme(sb, tag, key);
        }
        return sb.toString();
    }

    /** The {@code tsquery} input of the terms: every term, each the prefixes of its keys (a key's start). */
    public static String query(String tag, List<SearchTerm> terms) {
        StringBuilder sb = new StringBuilder(64);
        for (SearchTerm term : terms) {
            if (sb.length() > 0) {
                sb.append(" & ");
            }
            sb.append('(');
            String or = "";
            for (String prefix : term.prefixes()) {
                sb.append(or);
                quoteLexeme(sb, tag, prefix);
                sb.append(":*");
                or = " | ";
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** A lexeme in quotes, with the quote and the backslash doubled as tsvector and tsquery input want. */
    private static void quoteLexeme(StringBuilder sb, String tag, String text) {
        sb.append('\'').append(tag);
        int n = text.length();
        int i = 0;
        while (i < n && text.charAt(i) != '\'' && text.charAt(i) != '\\') {
            i++;
        }
        sb.append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append(c);
            }
            sb.append(c);
        }
        sb.append('\'');
    }

    // ---------------------------------------------------------------------------------------
    // SQLite

    /** The keys of SQLite's search_keys column (see {@link #lines}). */
    static String[] fromLines(String lines) {
        return lines.isEmpty() ? new String[0] : lines.substring(1).split("\n", -1);
    }

    /** SQLite's search_keys column: each key after a line feed, which no key holds. */
    public static String lines(String[] keys) {
        StringBuilder sb = new StringBuilder(keys.length * 12);
        for (String key : keys) {
            sb.append('\n').append(key);
        }
        return sb.toString();
    }

    /**
     * Adds the customers' keys, in key order: the index then takes them page after page, each page
     * read and written once per chunk instead of once per key.
     */
    static void add(Connection c, String tenant, long[] ids, List<String[]> keys) throws SQLException {
        int total = 0;
        for (String[] k : keys) {
            total += k.length;
        }
        KeyRow[] rows = new KeyRow[total];
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            for (String key : keys.get(i)) {
                rows[n++] = new KeyRow(key, ids[i]);
            }
        }
        java.util.Arrays.sort(rows);
        long tenantNo = tenantNo(c, tenant);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO crm_search_key (tenant_no, key, customer_id) VALUES (?, ?, ?)")) {
            int pending = 0;
            for (KeyRow row : rows) {
                // Every parameter for every row: a driver may clear them when a batch runs.
                ps.setLong(1, tenantNo);
                ps.setString(2, row.key());
                ps.setLong(3, row.customerId());
                ps.addBatch();
                if (++pending == 1000) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    /**
     * A row of the key table, in about the order of its primary key (the tenant being one). The
     * order only spares the index pages: Java's {@code String} order differs from SQLite's (code
     * points) only between a surrogate pair and U+E000..U+FFFF, which costs a page at most and is
     * far cheaper to compare.
     */
    private record KeyRow(String key, long customerId) implements Comparable<KeyRow> {
        @Override
        public int compareTo(KeyRow o) {
            int byKey = key.compareTo(o.key);
            return byKey != 0 ? byKey : Long.compare(customerId, o.customerId);
        }
    }

    /** Removes the keys of a customer. */
    static void remove(Connection c, String tenant, long id, String[] keys) throws SQLException {
        long tenantNo = tenantNo(c, tenant);
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM crm_search_key WHERE tenant_no = ? AND key = ? AND customer_id = ?")) {
            for (String key : keys) {
                ps.setLong(1, tenantNo);
                ps.setString(2, key);
                ps.setLong(3, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** How many keys of the tenant start with one of the term's prefixes, counted up to {@code limit}. */
    static long count(Connection c, String tenant, SearchTerm term, long limit) throws SQLException {
        long n = 0;
        for (String prefix : term.prefixes()) {
            StringBuilder sql = new StringBuilder("SELECT count(*) FROM (SELECT 1 FROM crm_search_key WHERE tenant_no = "
                    + TENANT_NO);
            java.util.List<Object> params = new java.util.ArrayList<>();
            params.add(tenant);
            range(sql, params, prefix);
            sql.append(" LIMIT ?)");
            params.add(limit - n);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n += rs.getLong(1);
                }
            }
            if (n >= limit) {
                return n;
            }
        }
        return n;
    }

    /**
     * The tenant's number in the key table, for a statement whose parameter is the tenant's name;
     * SQLite evaluates it once, then reads the key index from it.
     */
    static final String TENANT_NO = "(SELECT id FROM crm_tenant WHERE tenant = ?)";

    /** The tenant's number; the tenant has a row, since only a writing unit of work adds keys (see Dialect). */
    private static long tenantNo(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM crm_tenant WHERE tenant = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the tenant " + tenant + " has no number in crm_tenant");
                }
                return rs.getLong(1);
            }
        }
    }

    /** Appends the condition that {@code key} starts with the prefix, as a range of the index, with its parameters. */
    static void range(StringBuilder sql, java.util.List<Object> params, String prefix) {
        String upper = upperBound(prefix);
        sql.append(" AND key >= ?");
        params.add(prefix);
        if (upper != null) {
            sql.append(" AND key < ?");
            params.add(upper);
        } else {
            sql.append(" AND substr(key, 1, ?) = ?");
            params.add(prefix.codePointCount(0, prefix.length()));
            params.add(prefix);
        }
    }

    /**
     * The least string after every string that starts with the prefix, in code point order (which
     * SQLite's byte order of UTF-8 is); null if there is none (the prefix's last code point is the
     * largest there is).
     */
    static String upperBound(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        int next = last + 1;
        if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
            next = Character.MAX_SURROGATE + 1;
        }
        if (next > Character.MAX_CODE_POINT) {
            return null;
        }
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
    }
}
