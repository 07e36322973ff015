package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.StorageSession;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks and cleans the values of a {@link NewCustomer}, for a single create and for each row of
 * an import alike, so both follow the same rules. Only values that are present are checked; the
 * "required" rules depend on whether the values create a customer or update one, and are applied
 * by {@link #requireForCreate}.
 */
public final class CustomerDrafts {

    /**
     * Cleaned values.
     *
     * @param phone the primary phone, or null if absent or invalid
     * @param values cleaned built-in values that are present (never null values)
     * @param custom cleaned custom values that are present
     */
    public record Draft(PhoneNumber phone, Map<CustomerField, Object> values, Map<String, Object> custom) {

        public Object get(CustomerField field) {
            return values.get(field);
        }
    }

    private final ServiceContext ctx;

    public CustomerDrafts(ServiceContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Cleans and checks every present value, adding a violation for each bad one.
     *
     * @param skip field keys not to check (an importer could not read them and reported them)
     */
    public Draft draft(Actor actor, NewCustomer in, Map<String, CustomFieldDefinition> definitions, Set<String> skip,
                Violations v) {
        CustomerRules rules = ctx.rules();
        Map<CustomerField, Object> values = new EnumMap<>(CustomerField.class);
        PhoneNumber phone = null;
        if (!skip.contains(CustomerField.PHONE.key())) {
            phone = rules.phone(CustomerField.PHONE.key(), in.phone(), v); // absent is a violation too
        }
        for (CustomerField field : CustomerField.values()) {
            Object raw = in.value(field);
            if (field != CustomerField.PHONE && raw != null && !skip.contains(field.key())) {
                put(values, field, rules.clean(actor.tenant(), field, raw, v));
            }
        }
        Map<String, Object> custom = new LinkedHashMap<>();
        Map<String, Object> given = new LinkedHashMap<>(in.customFields());
        given.keySet().removeAll(skip);
        rules.customFields(given, definitions, custom, v);
        return new Draft(phone, values, custom);
    }

    /**
     * The rules only a new customer must meet: a name and every required custom field. A name
     * given but blank was reported by {@link #draft} already.
     */
    public void requireForCreate(NewCustomer in, Draft draft, Map<String, CustomFieldDefinition> definitions,
                          Set<String> skip, Violations v) {
        if (in.fullName() == null && !skip.contains("fullName")) {
            v.add(ErrorCode.NAME_REQUIRED, "fullName", "a name is required");
        }
        for (CustomFieldDefinition def : definitions.values()) {
            if (def.required() && !skip.contains(def.key())
                    && CustomFieldDefinition.isBlank(draft.custom().get(def.key()))) {
                v.add(ErrorCode.CUSTOM_FIELD_REQUIRED, def.key(), def.label() + " is required");
            }
        }
    }

    /** See {@link CustomerRules#requireOwnAttachments}: {@code customerId} 0 for a new customer. */
    public void requireOwnAttachments(StorageSession s, long customerId, Draft draft,
                                      Map<String, CustomFieldDefinition> definitions, Violations v) {
        ctx.rules().requireOwnAttachments(s, customerId, draft.custom().keySet(), draft.custom(), definitions, v);
    }

    /** A new customer from a complete draft (one that passed {@link #requireForCreate}). */
    public CustomerRecord newRecord(Draft d, Long importJobId, Instant now) {
        CustomerRecord.Builder b = CustomerRecord.builder((String) d.get(CustomerField.FULL_NAME), d.phone(), now);
        d.values().forEach(b::set);
        Instant loadedAt = (Instant) d.get(CustomerField.LOADED_AT);
        return b.assignedAt(d.get(CustomerField.REPRESENTATIVE) == null ? null : now)
                .loadedAt(importJobId != null && loadedAt == null ? now : loadedAt)
                .customFields(d.custom())
                .importJobId(importJobId)
                .build();
    }

    private static void put(Map<CustomerField, Object> values, CustomerField field, Object value) {
        if (value != null) {
            values.put(field, value);
        }
    }
}
