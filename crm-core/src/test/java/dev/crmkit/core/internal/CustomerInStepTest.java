package dev.crmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.CustomerPhone;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The stored customer ({@link CustomerRecord}) and the read model ({@link Customer}) hold the same
 * values but for the few that differ on purpose: each built-in {@link CustomerField} and each
 * other stored component has a read-model component of its name, and the view copies each one to
 * its namesake; every typed accessor of the stored record reads the field of its name.
 */
class CustomerInStepTest {

    /** Read-model components with no stored namesake: the primary phone and the call time as a duration. */
    private static final Set<String> VIEW_ONLY = Set.of("phone", "totalCallDuration");
    /** Stored components with no read-model namesake: the field values (each has one) and the call time in seconds. */
    private static final Set<String> STORED_ONLY = Set.of("fields", "totalCallSeconds");

    @Test
    void theReadModelHasAComponentForEachFieldAndEachOtherStoredComponent() {
        Set<String> stored = new TreeSet<>(names(CustomerRecord.class, STORED_ONLY));
        for (CustomerField field : CustomerField.values()) {
            if (field != CustomerField.PHONE) {
                assertThat(stored.add(field.key())).as("a field named as a stored component: " + field.key()).isTrue();
            }
        }
        assertThat(new TreeSet<>(names(Customer.class, VIEW_ONLY))).isEqualTo(stored);
    }

    @Test
    void theViewCopiesEachValueToItsNamesake() throws ReflectiveOperationException {
        CustomerRecord stored = everyValueDistinct();
        Customer view = new CustomerViews(new Actor("u", TenantId.of("t"), true, Set.of()), PermissionLevel.MANAGE,
                List.of(), LocalDate.of(2026, 1, 1)).view(stored);

        for (RecordComponent c : CustomerRecord.class.getRecordComponents()) {
            if (STORED_ONLY.contains(c.getName()) || c.getName().equals("phones")) {
                continue;
            }
            assertThat(Customer.class.getMethod(c.getName()).invoke(view)).as(c.getName())
                    .isEqualTo(c.getAccessor().invoke(stored));
        }
        for (CustomerField field : CustomerField.values()) {
            Object expected = field == CustomerField.NATIONAL_ID ? NationalId.mask(stored.nationalId())
                    : stored.value(field);
            assertThat(Customer.class.getMethod(field.key()).invoke(view)).as(field.key()).isEqualTo(expected);
            assertThat(view.value(field)).as("value(" + field.key() + ")").isEqualTo(expected);
        }
        assertThat(view.phone()).isEqualTo(stored.primaryPhone());
        assertThat(view.phones()).extracting(CustomerPhone::number).containsExactly(stored.primaryPhone());
        assertThat(view.totalCallDuration()).isEqualTo(Duration.ofSeconds(stored.totalCallSeconds()));
    }

    @Test
    void eachTypedAccessorReadsTheFieldOfItsName() throws ReflectiveOperationException {
        CustomerRecord stored = everyValueDistinct();
        int typed = 0;
        for (CustomerField field : CustomerField.values()) {
            Method accessor;
            try {
                accessor = CustomerRecord.class.getMethod(field.key());
            } catch (NoSuchMethodException e) {
                continue;
            }
            typed++;
            assertThat(accessor.invoke(stored)).as(field.key()).isEqualTo(stored.value(field));
        }
        assertThat(stored.value(CustomerField.PHONE)).isEqualTo(stored.primaryPhone());
        assertThat(typed).as("fields with a typed accessor").isGreaterThan(10);
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

    /** No two text, instant or number values alike, so a swap in a mapping shows. */
    private static CustomerRecord everyValueDistinct() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        CustomerRecord.Builder b = CustomerRecord.builder("full name", PhoneNumber.of("+905301234567"),
                t.plusSeconds(1));
        // Every field by its type, so a new one is covered too; the enums at their last constant,
        // which is none's default.
        for (CustomerField field : CustomerField.values()) {
            Class<?> type = field.valueType();
            if (field == CustomerField.PHONE || field == CustomerField.FULL_NAME) {
                continue;
            }
            b.set(field, field == CustomerField.NATIONAL_ID ? "10000000146"
                    : type == String.class ? field.key() + " value"
                    : type == Instant.class ? t.plusSeconds(100 + field.ordinal())
                    : type == BigDecimal.class ? new BigDecimal("14.50")
                    : type.getEnumConstants()[type.getEnumConstants().length - 1]);
        }
        CustomerRecord r = b.id(11).version(12).previousRepresentative("previous").assignedAt(t.plusSeconds(2))
                .updatedAt(t.plusSeconds(5)).lastContactAt(t.plusSeconds(6)).totalContacts(15).totalCalls(16)
                .totalCallSeconds(17).customFields(Map.of()).importJobId(18L).build();
        assertThat(r.fields()).as("every field set").hasSize(CustomerField.values().length - 1);
        List<Object> values = new ArrayList<>(r.fields().values());
        for (RecordComponent c : CustomerRecord.class.getRecordComponents()) {
            try {
                values.add(c.getAccessor().invoke(r));
                assertThat(values.get(values.size() - 1)).as("component set: " + c.getName()).isNotNull();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        List<Object> comparable = values.stream()
                .filter(v -> v instanceof String || v instanceof Instant || v instanceof Long || v instanceof BigDecimal)
                .toList();
        long distinct = comparable.stream().distinct().count();
        long all = comparable.size();
        assertThat(distinct).as("distinct values").isEqualTo(all);
        return r;
    }
}
