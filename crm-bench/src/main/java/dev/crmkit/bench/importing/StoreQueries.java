package dev.crmkit.bench.importing;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.SearchTerm;
import dev.crmkit.core.spi.SearchTerms;
import dev.crmkit.core.text.TextFolding;
import dev.crmkit.jdbc.internal.SearchKeyColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads of a filled store through the public API, timed one by one: a search page of
 * {@value #PAGE} and a phone lookup. Each is run a number of times to warm up, then sampled until
 * enough samples or a time budget, whichever comes first (a slow query gets fewer samples rather
 * than holding the run up); at least 20 samples are taken.
 */
final class StoreQueries {

    static final int PAGE = 50;

    /** How a query is sampled. */
    record Sampling(int warmup, int samples, int budgetSeconds) {

        /** 50 to warm up, then 300 samples or 20 seconds. */
        static final Sampling DEFAULT = new Sampling(50, 300, 20);
    }

    /**
     * Sampled times of one query.
     *
     * @param matches how many customers the query matches in all ({@code count}), -1 for lookups
     */
    record Timing(String what, long matches, int samples, double p50Micros, double p99Micros) {
    }

    private StoreQueries() {
    }

    /** Times {@code customers().search} of one text. */
    static Timing search(Crm crm, Actor actor, String text, Sampling sampling) {
        CustomerQuery query = CustomerQuery.builder().text(text).limit(PAGE).build();
        long matches = crm.customers().count(actor, query);
        long[] sink = new long[1];
        double[] nanos = sample(sampling, () -> sink[0] += crm.customers().search(actor, query).items().size());
        return timing("search '" + text + "'", matches, nanos);
    }

    /** Times {@code customers().findByPhone} of the numbers in turn; each must be found. */
    static Timing findByPhone(Crm crm, Actor actor, List<String> numbers, Sampling sampling) {
        for (String n : numbers.subList(0, Math.min(numbers.size(), 10))) {
            if (crm.customers().findByPhone(actor, n).isEmpty()) {
                throw new IllegalStateException("findByPhone(" + n + ") found nobody");
            }
        }
        int[] next = new int[1];
        long[] sink = new long[1];
        double[] nanos = sample(sampling, () -> sink[0] += crm.customers().findByPhone(actor,
                numbers.get(next[0]++ % numbers.size())).orElseThrow().id());
        return timing("findByPhone", -1, nanos);
    }

    private static double[] sample(Sampling sampling, Runnable call) {
        for (int i = 0; i < sampling.warmup(); i++) {
            call.run();
        }
        double[] nanos = new double[sampling.samples()];
        long deadline = System.nanoTime() + sampling.budgetSeconds() * 1_000_000_000L;
        int n = 0;
        while (n < nanos.length && (n < 20 || System.nanoTime() < deadline)) {
            long t0 = System.nanoTime();
            call.run();
            nanos[n++] = System.nanoTime() - t0;
        }
        return Arrays.copyOf(nanos, n);
    }

    private static Timing timing(String what, long matches, double[] nanos) {
        double[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Timing(what, matches, sorted.length, percentile(sorted, 50) / 1e3, percentile(sorted, 99) / 1e3);
    }

    private static double percentile(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /**
     * The statement crm-jdbc's {@code SearchSql} sends on PostgreSQL for a text search (tenant, the
     * terms as one {@code tsquery} of key prefixes against {@code search_keys}, newest update
     * first, one page), with the values written in. {@code SELECT *} stands for the adapter's column
     * list, which does not change the plan.
     */
    static String searchSql(String tenant, List<SearchTerm> terms) {
        return "SELECT * FROM crm_customer WHERE tenant = " + literal(tenant) + " AND search_keys @@ "
                + literal(tsquery(tenant, terms)) + "::tsquery ORDER BY updated_at DESC, id DESC LIMIT " + PAGE;
    }

    /**
     * The same with parameters, for {@code PREPARE}: {@code $1} the tenant, {@code $2} the
     * {@linkplain #tsquery tsquery}, {@code $3} the limit.
     */
    static String searchSqlWithParameters() {
        return "SELECT * FROM crm_customer WHERE tenant = $1 AND search_keys @@ $2::tsquery"
                + " ORDER BY updated_at DESC, id DESC LIMIT $3";
    }

    /**
     * The {@code tsquery} input of the terms for the tenant, as the adapter binds it: each term a
     * disjunction of its prefixes behind the tenant's tag ({@code 'tag'prefix:*}), the terms
     * joined by {@code &}. A customer matches when, for every term, one of its keys starts with
     * one of the term's prefixes: word-prefix matching, never inside a word.
     */
    static String tsquery(String tenant, List<SearchTerm> terms) {
        return SearchKeyColumns.query(SearchKeyColumns.tag(tenant), terms);
    }

    /** The adapter's phone lookup ({@code JdbcCustomers.findIdByPhone}) with the values written in. */
    static String lookupSql(String tenant, String e164) {
        return "SELECT id FROM crm_customer WHERE tenant = " + literal(tenant) + " AND primary_phone = " + literal(e164);
    }

    /**
     * The look-up an import makes per chunk ({@code JdbcCustomers.findIdsByPhones}): the stored
     * customers among a chunk's numbers, with the numbers written in.
     */
    static String chunkLookupSql(String tenant, List<String> e164s) {
        StringBuilder array = new StringBuilder("ARRAY[");
        for (int i = 0; i < e164s.size(); i++) {
            array.append(i == 0 ? "" : ", ").append(literal(e164s.get(i)));
        }
        return "SELECT primary_phone, id FROM crm_customer WHERE tenant = " + literal(tenant)
                + " AND primary_phone = ANY (" + array + "]::varchar[])";
    }

    /**
     * The terms core's search makes of a text ({@link SearchTerms}), for writing the SQL above;
     * the harness prints the terms it used.
     */
    static List<SearchTerm> terms(String text) {
        return SearchTerms.of(text);
    }

    /** The terms' prefixes for printing, a suffix key's mark shown as {@code ~}. */
    static String describe(List<SearchTerm> terms) {
        List<String> out = new ArrayList<>();
        for (SearchTerm term : terms) {
            out.add(String.join(" | ", term.prefixes()).replace(SearchKeys.SUFFIX_MARK, '~'));
        }
        return out.toString();
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
