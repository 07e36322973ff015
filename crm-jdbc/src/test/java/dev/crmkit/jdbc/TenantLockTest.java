package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.permission.PermissionLevel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writers of one tenant take turns, however long a turn lasts (longer than a driver's default lock
 * timeout of a second here), while writers of another tenant do not wait for them.
 */
class TenantLockTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("SQLite", (Supplier<JdbcStorage>) TestDatabases::emptySqliteStorage),
                Arguments.of("PostgreSQL", (Supplier<JdbcStorage>) TestDatabases::emptyPostgresStorage));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aTenantsWritersWaitForEachOtherAndOtherTenantsDoNot(String name, Supplier<JdbcStorage> store)
            throws Exception {
        JdbcStorage storage = store.get();
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch holding = new CountDownLatch(1);
        Thread slow = new Thread(() -> storage.write(ACME, s -> {
            s.permissions().setUserGrant("slow", PermissionLevel.VIEW);
            holding.countDown();
            sleep(2_500);
            order.add("slow done");
            return null;
        }));
        slow.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        long otherTenantStart = System.nanoTime();
        storage.write(GLOBEX, s -> {
            s.permissions().setUserGrant("other", PermissionLevel.VIEW);
            return null;
        });
        long otherTenantWaited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - otherTenantStart);
        if (storage.databaseName().equals("SQLITE")) {
            // SQLite has one writer at a time for the whole file (spec 4): every tenant's writer waits.
            assertThat(otherTenantWaited).as("SQLite's one writer at a time").isGreaterThanOrEqualTo(1_000);
        } else {
            assertThat(otherTenantWaited).as("another tenant's writer does not wait").isLessThan(2_000);
        }

        storage.write(ACME, s -> {
            order.add("second writer");
            assertThat(s.permissions().userGrant("slow")).as("sees the first writer's work")
                    .contains(PermissionLevel.VIEW);
            s.permissions().setUserGrant("second", PermissionLevel.EDIT);
            return null;
        });
        slow.join();

        assertThat(order).containsExactly("slow done", "second writer");
        java.util.Map<String, PermissionLevel> users = storage.read(ACME, s -> s.permissions().all().users());
        assertThat(users).containsEntry("slow", PermissionLevel.VIEW).containsEntry("second", PermissionLevel.EDIT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
