package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What many threads working on one tenant at once must not break. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ConcurrencyContract extends ContractSupport {

    private static final int THREADS = 8;

    @Test
    @DisplayName("when threads race to create the same phones, each phone is stored exactly once")
    void racingCreatesKeepPhonesUnique() throws Exception {
        int phones = 50;
        AtomicInteger created = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        runTogether(THREADS, t -> {
            for (int i = 0; i < phones; i++) {
                try {
                    crm.customers().create(admin, NewCustomer.builder("Racer " + t + " " + i, phone(i)).build());
                    created.incrementAndGet();
                } catch (ConflictException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_PHONE);
                    duplicates.incrementAndGet();
                }
            }
        });
        assertThat(created.get()).isEqualTo(phones);
        assertThat(duplicates.get()).isEqualTo(phones * (THREADS - 1));
        assertThat(crm.customers().count(admin, CustomerQuery.all())).isEqualTo(phones);
    }

    @Test
    @DisplayName("concurrent updates of one customer lose nothing: each success is one version, each loser gets VERSION_CONFLICT")
    void optimisticVersioningLosesNoUpdate() throws Exception {
        Customer c = crm.customers().create(admin, NewCustomer.builder("Shared", phone(0)).build());
        AtomicInteger successes = new AtomicInteger();
        ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
        runTogether(THREADS, t -> {
            for (int i = 0; i < 40; i++) {
                Customer current = crm.customers().get(admin, c.id());
                String value = "t" + t + "-" + i;
                try {
                    crm.customers().update(admin, CustomerUpdate.of(current).processingStatus(value).build());
                    successes.incrementAndGet();
                    written.add(value);
                } catch (ConflictException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
                }
            }
        });
        Customer after = crm.customers().get(admin, c.id());
        assertThat(after.version()).isEqualTo(1 + successes.get());
        int logEntries = 0;
        String cursor = null;
        do {
            var page = crm.activities().timeline(admin, c.id(), ActivityQuery.ofTypes(1000, ActivityType.LOG).after(cursor));
            logEntries += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        // one "created" entry plus one per successful update: no update lost its log, none logged twice
        assertThat(logEntries).isEqualTo(1 + successes.get());
        assertThat(written).contains(after.processingStatus());
    }

    @Test
    @DisplayName("readers running beside writers never see a customer without its phone index entry")
    void readersSeeConsistentState() throws Exception {
        try (BackgroundWriter writer = BackgroundWriter.start(300,
                i -> crm.customers().create(admin, NewCustomer.builder("Yazar " + i, phone(i)).build()))) {
            int checks = 0;
            while (!writer.isDone() || checks == 0) {
                for (Customer c : crm.customers().search(admin, CustomerQuery.text("yazar")).items()) {
                    assertThat(crm.customers().findByPhone(admin, c.phone().e164())).isPresent();
                    checks++;
                }
            }
            assertThat(writer.stop()).isEqualTo(300);
            assertThat(checks).isPositive();
        }
    }

    /** A distinct valid Turkish mobile number for each index. */
    protected static String phone(int i) {
        return TestCustomers.mobile(i);
    }
}
