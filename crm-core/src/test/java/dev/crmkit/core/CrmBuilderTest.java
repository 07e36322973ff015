package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.customer.CustomerService;
import dev.crmkit.core.importjob.JobClaim;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.core.spi.StorageSession;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CrmBuilderTest {

    /** A storage that fails every unit of work, so a call that reaches it is seen. */
    private static final class Unreachable extends RuntimeException {
    }

    private static final Storage STORAGE = new Storage() {
        @Override
        public <T> T read(TenantId tenant, Function<StorageSession, T> work) {
            throw new Unreachable();
        }

        @Override
        public <T> T write(TenantId tenant, Function<StorageSession, T> work) {
            throw new Unreachable();
        }

        @Override
        public Optional<JobClaim> claimImportJob(String owner, Instant now, Instant leaseUntil) {
            return Optional.empty();
        }
    };

    /** A decorator that notes each call under its name and passes it on. */
    private static CustomerService recording(String name, List<String> calls, CustomerService inner) {
        return (CustomerService) Proxy.newProxyInstance(CustomerService.class.getClassLoader(),
                new Class<?>[] {CustomerService.class}, (proxy, method, args) -> {
                    calls.add(name + ":" + method.getName());
                    try {
                        return method.invoke(inner, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void customerDecoratorsWrapTheServiceInTheOrderGiven() {
        List<String> calls = new ArrayList<>();
        Crm crm = Crm.builder(STORAGE)
                .decorateCustomers(inner -> recording("inner", calls, inner))
                .decorateCustomers(inner -> recording("outer", calls, inner))
                .build();
        Actor admin = Actor.admin(TenantId.of("acme"), "boss");

        assertThatThrownBy(() -> crm.customers().get(admin, 1)).isInstanceOf(Unreachable.class);
        assertThat(calls).containsExactly("outer:get", "inner:get");
        assertThat(crm.customers()).isSameAs(crm.customers());
    }

    @Test
    void withoutADecoratorTheServiceIsTheLibrarysOwn() {
        Crm crm = Crm.builder(STORAGE).build();
        assertThat(crm.customers().getClass().getPackageName()).isEqualTo("dev.crmkit.core.internal");
    }

    @Test
    void aDecoratorReturningNothingFailsTheBuild() {
        Crm.Builder builder = Crm.builder(STORAGE).decorateCustomers(inner -> null);
        assertThatThrownBy(builder::build).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("decorator");
    }
}
