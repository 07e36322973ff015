package dev.crmkit.core.internal;

import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.CustomerPhone;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.spi.CustomerRecord;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Customer} from a {@link CustomerRecord} by matching {@link Customer}'s components
 * to their sources by name, so that a new field is declared in the records and nowhere in between:
 * <ul>
 *   <li>a component named as a {@link CustomerField}'s {@link CustomerField#key() key} is that
 *       field's {@link CustomerRecord#value value};
 *   <li>one named as a component of {@link CustomerRecord} is that component;
 *   <li>five differ from what is stored and are made here: the primary {@code phone}, the ordered
 *       {@code phones} with today's counts, the masked {@code nationalId}, the {@code
 *       totalCallDuration} and the {@code customFields} the actor may see.
 * </ul>
 * The plan is made and checked once, when the class loads: a component of {@link Customer} with no
 * source, or whose type does not take its source's, fails every use at once (and so every test),
 * never one customer at run time.
 */
final class CustomerViewMapping {

    /** Where one component of {@link Customer} comes from. */
    private interface Source {
        @Nullable Object of(CustomerRecord r, List<CustomerPhone> phones, Map<String, Object> customFields)
                throws Throwable;
    }

    private final Source[] sources;
    private final MethodHandle constructor;

    CustomerViewMapping() {
        RecordComponent[] components = Customer.class.getRecordComponents();
        sources = new Source[components.length];
        for (int i = 0; i < components.length; i++) {
            sources[i] = sourceOf(components[i]);
        }
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            constructor = MethodHandles.publicLookup().findConstructor(Customer.class,
                    MethodType.methodType(void.class, types)).asSpreader(Object[].class, types.length);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a record's canonical constructor is public", e);
        }
    }

    /** The customer as stored, with the given phones and custom values in place of the stored ones. */
    Customer of(CustomerRecord r, List<CustomerPhone> phones, Map<String, Object> customFields) {
        Object[] values = new Object[sources.length];
        try {
            for (int i = 0; i < values.length; i++) {
                values[i] = sources[i].of(r, phones, customFields);
            }
            return (Customer) constructor.invoke(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a customer's view could not be built", e);
        }
    }

    private static Source sourceOf(RecordComponent component) {
        String name = component.getName();
        Source made = switch (name) {
            case "phone" -> (r, phones, custom) -> r.primaryPhone();
            case "phones" -> (r, phones, custom) -> phones;
            case "nationalId" -> (r, phones, custom) -> NationalId.mask(r.nationalId());
            case "totalCallDuration" -> (r, phones, custom) -> Duration.ofSeconds(r.totalCallSeconds());
            case "customFields" -> (r, phones, custom) -> custom;
            default -> null;
        };
        if (made != null) {
            return made;
        }
        Optional<CustomerField> field = Arrays.stream(CustomerField.values())
                .filter(f -> f.key().equals(name)).findFirst();
        if (field.isPresent()) {
            CustomerField f = field.get();
            requireAssignable(component, f.valueType());
            return (r, phones, custom) -> r.value(f);
        }
        for (RecordComponent stored : CustomerRecord.class.getRecordComponents()) {
            if (stored.getName().equals(name)) {
                requireAssignable(component, stored.getType());
                MethodHandle accessor;
                try {
                    accessor = MethodHandles.publicLookup().unreflect(stored.getAccessor());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("a record's accessor is public", e);
                }
                return (r, phones, custom) -> accessor.invoke(r);
            }
        }
        throw new IllegalStateException("Customer." + name + " has no source: name it as a CustomerField key or a"
                + " CustomerRecord component, or make it in CustomerViewMapping");
    }

    private static void requireAssignable(RecordComponent component, Class<?> source) {
        if (!box(component.getType()).isAssignableFrom(box(source))) {
            throw new IllegalStateException("Customer." + component.getName() + " is a "
                    + component.getType().getSimpleName() + " but its source is a " + source.getSimpleName());
        }
    }

    private static Class<?> box(Class<?> type) {
        return type == long.class ? Long.class : type == int.class ? Integer.class
                : type == boolean.class ? Boolean.class : type;
    }
}
