package dev.crmkit.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * H2's substring index ({@code crm_customer_suffix}, see the H2 migration V2): for every word of
 * a customer's search text, the first {@value #KEY_LENGTH} characters of each of its suffixes of
 * at least {@value #MIN_TERM} characters. A term of {@value #MIN_TERM} or more characters that
 * occurs in the text begins one of these keys, so the customers that can match a term are one
 * index range away. PostgreSQL does not need it: its trigram index answers the same question.
 */
final class SuffixIndex {

    /** The longest key; a longer term is looked up by its beginning and checked whole. */
    static final int KEY_LENGTH = 12;
    /** The shortest term the index helps with; shorter ones match too many customers to matter. */
    static final int MIN_TERM = 3;
    /**
     * Above this many index entries a term is common: walking the sort order and checking each
     * customer fills a page sooner than collecting every match.
     */
    static final int SELECTIVE_ENTRIES = 2_000;

    private SuffixIndex() {
    }

    /** The keys of a search text: what the V2 migration's SQL computes for stored customers. */
    static Set<String> keys(String searchText) {
        Set<String> keys = new LinkedHashSet<>();
        int n = searchText.length();
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && searchText.charAt(end) != ' ' && searchText.charAt(end) != '\n') {
                end++;
            }
            for (int i = start; end - i >= MIN_TERM; i++) {
                keys.add(searchText.substring(i, Math.min(end, i + KEY_LENGTH)));
            }
            start = end + 1;
        }
        return keys;
    }

    static void add(Connection c, String tenant, long[] ids, List<String> searchTexts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO crm_customer_suffix (tenant, suffix, customer_id) VALUES (?, ?, ?)")) {
            int pending = 0;
            for (int i = 0; i < ids.length; i++) {
                for (String key : keys(searchTexts.get(i))) {
                    ps.setString(1, tenant);
                    ps.setString(2, key);
                    ps.setLong(3, ids[i]);
                    ps.addBatch();
                    if (++pending == 1000) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    static void remove(Connection c, String tenant, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM crm_customer_suffix WHERE customer_id = ? AND tenant = ?")) {
            ps.setLong(1, id);
            ps.setString(2, tenant);
            ps.executeUpdate();
        }
    }

    /**
     * The term that narrows a search most, if it is selective enough to drive the query: the
     * one with the fewest index entries, at most {@value #SELECTIVE_ENTRIES}; otherwise null.
     */
    static String drivingTerm(Connection c, String tenant, List<String> terms) throws SQLException {
        String best = null;
        long bestCount = SELECTIVE_ENTRIES + 1L;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM crm_customer_suffix"
                + " WHERE tenant = ? AND suffix >= ? AND suffix < ? LIMIT " + (SELECTIVE_ENTRIES + 1) + ") AS hits")) {
            for (String term : terms) {
                String key = key(term);
                if (key == null) {
                    continue;
                }
                ps.setString(1, tenant);
                ps.setString(2, key);
                ps.setString(3, upperBound(key));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long count = rs.getLong(1);
                    if (count < bestCount) {
                        best = term;
                        bestCount = count;
                    }
                }
            }
        }
        return best;
    }

    /** The key range start of a term, or null if the index cannot look the term up. */
    static String key(String term) {
        if (term.length() < MIN_TERM) {
            return null;
        }
        String key = term.length() > KEY_LENGTH ? term.substring(0, KEY_LENGTH) : term;
        return key.charAt(key.length() - 1) == Character.MAX_VALUE ? null : key;
    }

    /** The first string after every string that begins with {@code key}. */
    static String upperBound(String key) {
        return key.substring(0, key.length() - 1) + (char) (key.charAt(key.length() - 1) + 1);
    }
}
