package dev.crmkit.bench;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.inmemory.InMemoryStorage;
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
 * Single-threaded {@code customers().create} throughput into a fresh in-memory store per
 * iteration. Inputs are generated before the trial, so only the create path is measured: its
 * validation, phone parsing, duplicate check, insert, "created" activity and returned view.
 *
 * <p>Baseline, {@link #parsePhone}: {@link PhoneParser#parse} alone on the same inputs, the one
 * step create cannot skip; create's cost is reported as a multiple of it. libphonenumber is all
 * regular expressions and takes about ten seconds to be compiled, hence the longer warm-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 3, time = 4)
public class CreateBenchmark {

    /**
     * Distinct inputs prepared per trial. An iteration that uses them all (over 250,000 creates/s
     * with 4 s iterations) goes on in another fresh store, as phones must stay unique.
     */
    @Param("1000000")
    public int inputs;

    private NewCustomer[] customers;
    private PhoneParser parser;
    private Actor actor;
    private Crm crm;
    private int next;

    @Setup(Level.Trial)
    public void generate() {
        CustomerGenerator generator = new CustomerGenerator();
        customers = new NewCustomer[inputs];
        for (int i = 0; i < inputs; i++) {
            customers[i] = generator.customer(i);
        }
        actor = PreloadedCrm.benchActor();
        parser = PhoneParser.forRegion("TR");
    }

    @Setup(Level.Iteration)
    public void freshStore() {
        crm = Crm.builder(InMemoryStorage.create()).build();
        next = 0;
    }

    @Benchmark
    public Customer create() {
        if (next == customers.length) {
            freshStore();
        }
        return crm.customers().create(actor, customers[next++]);
    }

    @Benchmark
    public PhoneNumber parsePhone() {
        if (next == customers.length) {
            next = 0;
        }
        return parser.parse(customers[next++].phone());
    }
}
