package dev.crmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stored customer ({@link CustomerRecord}) and the read model ({@link Customer}) have the same
 * components in the same order, but for the few that differ on purpose; the view copies each one
 * to its namesake; and every built-in {@link CustomerField} reads the component of its key.
 */
class CustomerInStepTest {

    /** Read-model components with no stored namesake: the primary phone and the call time as a duration. */
    private static final Set<String> VIEW_ONLY = Set.of("phone", "totalCallDuration");
    /** Stored components with no read-model namesake. */
    private static final Set<String> STORED_ONLY = Set.of("totalCallSeconds");

    @Test
    void theTwoRecordsHaveTheSameComponentsInTheSameOrder() {
        assertThat(names(Customer.class, VIEW_ONLY)).isEqualTo(names(CustomerRecord.class, STORED_ONLY));
    }

    @Test
    void theViewCopiesEachComponentToItsNamesake() throws ReflectiveOperationException {
        CustomerRecord stored = everyComponentDistinct();
        Customer view = new CustomerViews(new Actor("u", TenantId.of("t"), true, Set.of()), PermissionLevel.MANAGE,
                List.of(), LocalDate.of(2026, 1, 1)).view(stored);

        for (RecordComponent c : CustomerRecord.class.getRecordComponents()) {
            if (STORED_ONLY.contains(c.getName()) || c.getName().equals("phones")) {
                continue;
            }
            Object storedValue = c.getAccessor().invoke(stored);
            Object viewed = Customer.class.getMethod(c.getName()).invoke(view);
            Object expected = c.getName().equals("nationalId") ? NationalId.mask((String) storedValue) : storedValue;
            assertThat(viewed).as(c.getName()).isEqualTo(expected);
        }
        assertThat(view.phone()).isEqualTo(stored.primaryPhone());
        assertThat(view.totalCallDuration()).isEqualTo(Duration.ofSeconds(stored.totalCallSeconds()));
    }

    @Test
    void eachBuiltInFieldReadsTheComponentOfItsKey() throws ReflectiveOperationException {
        CustomerRecord stored = everyComponentDistinct();
        for (CustomerField field : CustomerField.values()) {
            Object expected = field == CustomerField.PHONE ? stored.primaryPhone()
                    : CustomerRecord.class.getMethod(field.key()).invoke(stored);
            assertThat(stored.value(field)).as(field.key()).isEqualTo(expected);
        }
    }

    private static List<String> names(Class<? extends Record> type, Set<String> without) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (!without.contains(c.getName())) {
                out.add(c.getName());
            }
        }
        return out;
    }

    /** No two text, instant or number components alike, so a swap in a mapping shows. */
    private static CustomerRecord everyComponentDistinct() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        CustomerRecord r = CustomerRecord.builder("full name", PhoneNumber.of("+905301234567"), t.plusSeconds(1))
                .id(11).version(12).type(CustomerType.COMPANY).email("e@example.com").company("company")
                .segment(Segment.VIP).status(CustomerStatus.values()[CustomerStatus.values().length - 1])
                .fax("fax").address("address").nationalId("10000000146").representative("representative")
                .previousRepresentative("previous").assignedAt(t.plusSeconds(2)).queue("queue")
                .resultCode("result").actionAt(t.plusSeconds(3)).processingStatus("processing")
                .totalAmount(new BigDecimal("14.50")).loadedAt(t.plusSeconds(4)).updatedAt(t.plusSeconds(5))
                .lastContactAt(t.plusSeconds(6)).totalContacts(15).totalCalls(16).totalCallSeconds(17)
                .customFields(Map.of()).importJobId(18L).build();
        long distinct = Arrays.stream(CustomerRecord.class.getRecordComponents())
                .map(c -> {
                    try {
                        return c.getAccessor().invoke(r);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(v -> v instanceof String || v instanceof Instant || v instanceof Long)
                .distinct().count();
        long all = Arrays.stream(CustomerRecord.class.getRecordComponents())
                .filter(c -> c.getType() == String.class || c.getType() == Instant.class || c.getType() == long.class
                        || c.getType() == Long.class)
                .count();
        assertThat(distinct).as("distinct values").isEqualTo(all);
        return r;
    }
}
