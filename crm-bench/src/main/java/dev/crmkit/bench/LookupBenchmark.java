package dev.crmkit.bench;

import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
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

/**
 * {@code customers().findByPhone} on a store of one million customers, with existing numbers in
 * E.164 form picked at random (the same keys in every run).
 *
 * <p>Baseline, {@link #hashMapGet}: a plain {@code HashMap<String, Long>} from every customer's
 * E.164 number to its id, asked for the same keys: the floor for "find a customer by phone".
 * {@link #parseOnly} is {@link PhoneParser#parse} of the same keys, the step findByPhone cannot
 * skip since callers may write a number in any form; it shows how much of the lookup is parsing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
public class LookupBenchmark {

    private static final int KEYS = 1 << 16;

    @Param("1000000")
    public int customers;

    private PreloadedCrm store;
    private Map<String, Long> idsByPhone;
    private String[] keys;
    private PhoneParser parser;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        store = PreloadedCrm.load(customers);
        idsByPhone = new HashMap<>();
        for (int i = 0; i < customers; i++) {
            idsByPhone.put(store.generator.e164(i), store.ids[i]);
        }
        SplittableRandom random = new SplittableRandom(42);
        parser = store.crm.phoneParser();
        keys = new String[KEYS];
        for (int k = 0; k < KEYS; k++) {
            int i = random.nextInt(customers);
            keys[k] = store.generator.e164(i);
            Optional<Customer> found = store.crm.customers().findByPhone(store.actor, keys[k]);
            if (found.isEmpty() || found.get().id() != store.ids[i]) {
                throw new IllegalStateException("findByPhone(" + keys[k] + ") did not find customer " + store.ids[i]);
            }
        }
    }

    @Benchmark
    public Optional<Customer> findByPhone() {
        return store.crm.customers().findByPhone(store.actor, keys[next++ & (KEYS - 1)]);
    }

    @Benchmark
    public PhoneNumber parseOnly() {
        return parser.parse(keys[next++ & (KEYS - 1)]);
    }

    @Benchmark
    public Long hashMapGet() {
        return idsByPhone.get(keys[next++ & (KEYS - 1)]);
    }
}
