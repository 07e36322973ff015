package dev.crmkit.core.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every built-in field a caller sets has its typed setter, and both builders take each field the
 * same way through it: a new field's setter is written once, in {@link CustomerFieldSetters}.
 */
class CustomerFieldSettersTest {

    /** Given to {@link NewCustomer#builder} instead (an update takes the name by its own setter). */
    private static final Set<CustomerField> GIVEN_TO_THE_BUILDER = EnumSet.of(CustomerField.FULL_NAME,
            CustomerField.PHONE);

    @Test
    void eachFieldHasATypedSetterThatBothBuildersHonour() throws ReflectiveOperationException {
        for (CustomerField field : EnumSet.complementOf(EnumSet.copyOf(GIVEN_TO_THE_BUILDER))) {
            Method setter = CustomerFieldSetters.class.getMethod(field.key(), field.valueType());
            Object value = sample(field);

            NewCustomer.Builder created = NewCustomer.builder("Ayşe", "0530 123 45 67");
            setter.invoke(created, value);
            assertThat(created.build().value(field)).as(field.key()).isEqualTo(value);

            CustomerUpdate.Builder changed = CustomerUpdate.of(1, 1);
            setter.invoke(changed, value);
            assertThat(changed.build().value(field)).as(field.key()).contains(value);
        }
    }

    @Test
    void aFieldIsSetOnceAndOnlyWithItsType() {
        assertThatThrownBy(() -> NewCustomer.builder("Ayşe", "0530").email("a@b.c").email("d@e.f"))
                .isInstanceOf(IllegalStateException.class).hasMessage("email was already set");
        assertThatThrownBy(() -> CustomerUpdate.of(1, 1).queue("a").queue("b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("queue was already set");
        assertThatThrownBy(() -> NewCustomer.builder("Ayşe", "0530").set(CustomerField.ACTION_AT, "yarın"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("actionAt takes a Instant, not a String");
        assertThatThrownBy(() -> CustomerUpdate.of(1, 1).set(CustomerField.SEGMENT, "VIP"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("segment takes a Segment, not a String");
        assertThatThrownBy(() -> NewCustomer.builder("Ayşe", "0530").set(CustomerField.PHONE, "0531"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("phone is given to builder(...)");
    }

    @Test
    void blankOnANewCustomerClearsOnAChange() {
        NewCustomer created = NewCustomer.builder("Ayşe", "0530").email(null).build();
        assertThat(created.fields()).doesNotContainKey(CustomerField.EMAIL);
        assertThat(created.value(CustomerField.EMAIL)).isNull();

        CustomerUpdate changed = CustomerUpdate.of(1, 1).email(null).build();
        assertThat(changed.touches(CustomerField.EMAIL)).isTrue();
        assertThat(changed.value(CustomerField.EMAIL)).isEmpty();
    }

    private static Object sample(CustomerField field) {
        Class<?> type = field.valueType();
        if (type == String.class) {
            return field.key() + "-value";
        }
        if (type == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05Z").plusSeconds(field.ordinal());
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("12.50");
        }
        Object[] constants = type.getEnumConstants();
        return constants[constants.length - 1];
    }
}
