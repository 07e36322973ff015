package dev.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.testkit.CustomerAssert;
import dev.crmkit.testkit.TestCustomers;
import org.junit.jupiter.api.Test;

/** The testkit's assertions pass on what holds and fail on what does not. */
class CustomerAssertTest {

    private final Crm crm = Crm.builder(InMemoryStorage.create()).build();
    private final Actor admin = Actor.admin(TenantId.of("t"), "boss");

    @Test
    void passesAndFailsAsItShould() {
        Customer c = crm.customers().create(admin, TestCustomers.customer("Işık Çelik", 7).nationalId("10000000146").build());
        CustomerAssert.assertThat(c).hasName("Işık Çelik").hasPhone("+905320000007").hasNumber("+905320000007")
                .hasSegment(Segment.NORMAL).hasVersion(1).hasMaskedNationalId().hasNoCustomField("x");
        assertThatThrownBy(() -> CustomerAssert.assertThat(c).hasName("Isik Celik")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> CustomerAssert.assertThat(c).hasPhone("+905320000008")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> CustomerAssert.assertThat(c).hasSegment(Segment.VIP)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> CustomerAssert.assertThat(c).hasVersion(2)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> CustomerAssert.assertThat(c).hasCustomField("x", 1)).isInstanceOf(AssertionError.class);
    }
}
