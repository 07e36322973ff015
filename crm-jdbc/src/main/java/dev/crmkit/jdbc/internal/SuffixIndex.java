package dev.crmkit.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * H2's substring index ({@code crm_customer_suffix}, see the H2 migration V2): for every word of
 * a customer's search text, the first {@value #KEY_LENGTH} characters of its suffixes of at least
 * {@value #MIN_KEY} characters that start at an even position of the word. A term of at least
 * {@value #MIN_TERM} characters that occurs in the text starts at an even or an odd position of a
 * word, so either the term or the term without its first character begins a key: two index
 * ranges hold every customer that can match (the adapter then checks the whole term). Keys at
 * every second position halve the index's size and its cost to every write. PostgreSQL does not
 * need this: its trigram index answers the same question.
 */
final class SuffixIndex {

    /** The longest key; a longer term is looked up by its beginning and checked whole. */
    static final int KEY_LENGTH = 12;
    /** The shortest key. */
    static final int MIN_KEY = 3;
    /** The shortest term the index can look up: one character more than a key, for odd positions. */
    static final int MIN_TERM = MIN_KEY + 1;
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
            for (int i = start; end - i >= MIN_KEY; i += 2) {
                keys.add(searchText.substring(i, Math.min(end, i + KEY_LENGTH)));
            }
            start = end + 1;
        }
        return keys;
    }

    static void add(Connection c, String tenant, long[] ids, List<String> searchTexts) throws SQLException {
        // In key order: H2 then inserts into neighbouring index pages one after the other.
        TreeMap<String, List<Long>> entries = new TreeMap<>();
        for (int i = 0; i < ids.length; i++) {
            for (String key : keys(searchTexts.get(i))) {
                entries.computeIfAbsent(key, k -> new ArrayList<>(1)).add(ids[i]);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO crm_customer_suffix (tenant, suffix, customer_id) VALUES (?, ?, ?)")) {
            int pending = 0;
            for (var entry : entries.entrySet()) {
                for (long id : entry.getValue()) {
                    ps.setString(1, tenant);
                    ps.setString(2, entry.getKey());
                    ps.setLong(3, id);
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

    /** Removes the entries of a customer whose search text was {@code searchText}. */
    static void remove(Connection c, String tenant, long id, String searchText) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM crm_customer_suffix WHERE tenant = ? AND suffix = ? AND customer_id = ?")) {
            for (String key : keys(searchText)) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                ps.setLong(3, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The term that narrows a search most, if it is selective enough to drive the query: the
     * one with the fewest index entries in its two ranges, at most {@value #SELECTIVE_ENTRIES};
     * otherwise null.
     */
    static String drivingTerm(Connection c, String tenant, List<String> terms) throws SQLException {
        String best = null;
        long bestCount = SELECTIVE_ENTRIES + 1L;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM crm_customer_suffix"
                + " WHERE tenant = ? AND suffix >= ? AND suffix < ? LIMIT " + (SELECTIVE_ENTRIES + 1) + ") AS hits")) {
            for (String term : terms) {
                List<String> keys = lookupKeys(term);
                if (keys == null) {
                    continue;
                }
                long count = 0;
                for (String key : keys) {
                    ps.setString(1, tenant);
                    ps.setString(2, key);
                    ps.setString(3, upperBound(key));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count += rs.getLong(1);
                    }
                }
                if (count < bestCount) {
                    best = term;
                    bestCount = count;
                }
            }
        }
        return best;
    }

    /**
     * The two key prefixes a term is found under (the term, and the term without its first
     * character), or null if the index cannot look the term up.
     */
    static List<String> lookupKeys(String term) {
        if (term.length() < MIN_TERM) {
            return null;
        }
        String even = term.length() > KEY_LENGTH ? term.substring(0, KEY_LENGTH) : term;
        String odd = term.length() - 1 > KEY_LENGTH ? term.substring(1, KEY_LENGTH + 1) : term.substring(1);
        for (String key : List.of(even, odd)) {
            if (key.charAt(key.length() - 1) == Character.MAX_VALUE) {
                return null;
            }
        }
        return List.of(even, odd);
    }

    /** The first string after every string that begins with {@code key}. */
    static String upperBound(String key) {
        return key.substring(0, key.length() - 1) + (char) (key.charAt(key.length() - 1) + 1);
    }
}
