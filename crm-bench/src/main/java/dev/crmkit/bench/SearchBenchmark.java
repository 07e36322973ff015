package dev.crmkit.bench;

import dev.crmkit.core.Page;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.SearchTerm;
import dev.crmkit.core.spi.SearchTerms;
import dev.crmkit.core.text.TextFolding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code customers().search} for one page of 50 on a store of one million customers, sampled so
 * the report has p50 and p99. The queries cover a common first name typed without Turkish letters,
 * two words in two fields, capitals for {@code ı}, a phone prefix, a whole number and a rare
 * surname.
 *
 * <p>Baseline, {@link #naiveScan}: no index, a loop over the same customers' search keys (the
 * folded words of name and company, the e-mail and its parts, the phone's forms, as
 * {@link SearchKeys} defines them) with {@link SearchTerm#matches} for every term, the word-prefix
 * rule every store gives, keeping the newest 50 matches, as a store without an index has to. The
 * same queries, the same data, the same run.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SearchBenchmark {

    static final int LIMIT = 50;

    /** The query and the store size; shared by the store and the scan. */
    @State(Scope.Benchmark)
    public static class Params {
        /**
         * {@code 0530 123 45 67}-style: customer 777,777's number; {@code karaosmanoglu}: the
         * generator's rare surname. Each is checked to find someone before the trial.
         */
        @Param({"ayse", "kaya istanbul", "ISIK", "0532 123", FULL_PHONE, "karaosmanoglu"})
        public String query;

        @Param("1000000")
        public int customers;
    }

    /** The number of customer {@link #FULL_PHONE_INDEX} of the default generator. */
    static final String FULL_PHONE = "0537 714 47 16";
    static final int FULL_PHONE_INDEX = 777_777;

    /** The in-memory store, loaded once per trial. */
    @State(Scope.Benchmark)
    public static class Indexed {
        PreloadedCrm store;
        CustomerQuery query;

        @Setup(Level.Trial)
        public void load(Params params) {
            store = PreloadedCrm.load(params.customers);
            query = CustomerQuery.builder().text(params.query).limit(LIMIT).build();
            long total = store.crm.customers().count(store.actor, query);
            if (total == 0) {
                throw new IllegalStateException("'" + params.query + "' finds nobody among " + params.customers
                        + " customers: the store is too small or the generator changed");
            }
            System.out.printf("'%s' matches %,d customers%n", params.query, total);
        }
    }

    /** The same customers' search keys, without the store. */
    @State(Scope.Benchmark)
    public static class Scanned {
        /** Each customer's keys, sorted ascending as {@link SearchKeys#of} gives them. */
        String[][] keys;
        List<SearchTerm> terms;

        @Setup(Level.Trial)
        public void build(Params params) {
            CustomerGenerator generator = new CustomerGenerator();
            Instant now = Instant.now();
            keys = new String[params.customers][];
            for (int i = 0; i < keys.length; i++) {
                NewCustomer c = generator.customer(i);
                PhoneNumber phone = PhoneNumber.of(generator.e164(i));
                CustomerRecord r = CustomerRecord.builder(c.fullName(), phone, now)
                        .company((String) c.value(CustomerField.COMPANY))
                        .email((String) c.value(CustomerField.EMAIL))
                        .build();
                keys[i] = SearchKeys.of(r);
            }
            terms = terms(params.query);
            int total = 0;
            for (String[] k : keys) {
                if (matchesAll(k, terms)) {
                    total++;
                }
            }
            System.out.printf("'%s' (terms %s) matches %,d customers by scan%n", params.query, terms, total);
        }
    }

    @Benchmark
    public Page<Customer> search(Indexed indexed) {
        return indexed.store.crm.customers().search(indexed.store.actor, indexed.query);
    }

    /**
     * Every customer's keys, newest first; the first 50 matches make the page. The scan goes on to
     * the end, counting, because without an index nothing tells it that no later match belongs on
     * the page (an update moves a customer to the front).
     */
    @Benchmark
    public int[] naiveScan(Scanned scanned, Params params, Blackhole bh) {
        List<SearchTerm> terms = terms(params.query);
        String[][] keys = scanned.keys;
        int[] page = new int[LIMIT];
        int found = 0;
        int matches = 0;
        for (int i = keys.length - 1; i >= 0; i--) {
            if (matchesAll(keys[i], terms)) {
                if (found < LIMIT) {
                    page[found++] = i;
                }
                matches++;
            }
        }
        bh.consume(matches);
        return page;
    }

    private static boolean matchesAll(String[] sortedKeys, List<SearchTerm> terms) {
        for (int t = 0; t < terms.size(); t++) {
            if (!terms.get(t).matches(sortedKeys)) {
                return false;
            }
        }
        return true;
    }

    /** The terms core's search splits a text into ({@link SearchTerms}). */
    static List<SearchTerm> terms(String text) {
        return SearchTerms.of(text);
    }
}
