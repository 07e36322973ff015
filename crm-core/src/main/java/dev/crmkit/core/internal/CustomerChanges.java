package dev.crmkit.core.internal;

import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.spi.CustomerRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a change to a built-in field is applied and logged, the same for a user's update, an import's
 * update and an undo: the value compared by {@link #sameValue}, a blank enum field back to its
 * default, the national id masked in the log, and a new representative keeping the previous one and
 * the time of the assignment.
 */
public final class CustomerChanges {

    private CustomerChanges() {
    }

    /**
     * Sets the field on {@code next} and adds the change to {@code changes}, if the cleaned value
     * differs from the current one.
     *
     * @param after the cleaned value; {@code null} clears the field (an enum field to its default)
     * @return whether the field changed
     */
    public static boolean apply(CustomerRecord current, CustomerRecord.Builder next, CustomerField field,
                                Object after, List<FieldChange> changes, Instant now) {
        Object value = after == null ? field.defaultValue() : after;
        if (value == null && field.required()) {
            return false; // a required field is never cleared; the rules reported the blank value
        }
        Object before = current.value(field);
        if (sameValue(before, value)) {
            return false;
        }
        next.set(field, value);
        if (field == CustomerField.REPRESENTATIVE) {
            next.previousRepresentative(current.representative()).assignedAt(now);
        }
        changes.add(fieldChange(field.key(), before, value));
        return true;
    }

    /** A change as the timeline shows it: values displayed, the national id masked. */
    public static FieldChange fieldChange(String key, Object before, Object after) {
        return key.equals(CustomerField.NATIONAL_ID.key())
                ? new FieldChange(key, NationalId.mask((String) before), NationalId.mask((String) after))
                : new FieldChange(key, display(before), display(after));
    }

    /** Equality of field values, with numbers equal by value whatever their scale (42 = 42.00). */
    public static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    /** A value as the timeline shows it: numbers plain, lists joined; {@code null} stays null. */
    public static String display(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (value instanceof List<?> l) {
            return String.join(", ", l.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }
}
