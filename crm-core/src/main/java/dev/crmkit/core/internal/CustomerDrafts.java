package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        if (!skip.contains("fullName") && in.fullName() != null) {
            put(values, CustomerField.FULL_NAME, rules.fullName(in.fullName(), v));
        }
        PhoneNumber phone = null;
        if (!skip.contains("phone")) {
            phone = rules.phone("phone", in.phone(), v);
        }
        if (!skip.contains("email")) {
            put(values, CustomerField.EMAIL, rules.email(in.email(), v));
        }
        if (!skip.contains("company")) {
            put(values, CustomerField.COMPANY, rules.company(in.company(), v));
        }
        put(values, CustomerField.TYPE, in.type());
        put(values, CustomerField.SEGMENT, in.segment());
        put(values, CustomerField.STATUS, in.status());
        text(values, CustomerField.FAX, in.fax(), skip, v);
        text(values, CustomerField.ADDRESS, in.address(), skip, v);
        text(values, CustomerField.QUEUE, in.queue(), skip, v);
        text(values, CustomerField.RESULT_CODE, in.resultCode(), skip, v);
        text(values, CustomerField.PROCESSING_STATUS, in.processingStatus(), skip, v);
        if (!skip.contains("nationalId")) {
            put(values, CustomerField.NATIONAL_ID, rules.nationalId(in.nationalId(), v));
        }
        if (!skip.contains("representative")) {
            put(values, CustomerField.REPRESENTATIVE, rules.representative(actor.tenant(), in.representative(), v));
        }
        put(values, CustomerField.ACTION_AT, micros(in.actionAt()));
        put(values, CustomerField.TOTAL_AMOUNT, in.totalAmount());
        put(values, CustomerField.LOADED_AT, micros(in.loadedAt()));
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

    /** A new customer from a complete draft (one that passed {@link #requireForCreate}). */
    public CustomerRecord newRecord(Draft d, Long importJobId, Instant now) {
        String representative = (String) d.get(CustomerField.REPRESENTATIVE);
        return CustomerRecord.builder((String) d.get(CustomerField.FULL_NAME), d.phone(), now)
                .type(or((CustomerType) d.get(CustomerField.TYPE), CustomerType.PERSON))
                .email((String) d.get(CustomerField.EMAIL))
                .company((String) d.get(CustomerField.COMPANY))
                .segment(or((Segment) d.get(CustomerField.SEGMENT), Segment.NORMAL))
                .status(or((CustomerStatus) d.get(CustomerField.STATUS), CustomerStatus.ACTIVE))
                .fax((String) d.get(CustomerField.FAX))
                .address((String) d.get(CustomerField.ADDRESS))
                .nationalId((String) d.get(CustomerField.NATIONAL_ID))
                .representative(representative)
                .assignedAt(representative == null ? null : now)
                .queue((String) d.get(CustomerField.QUEUE))
                .resultCode((String) d.get(CustomerField.RESULT_CODE))
                .actionAt((Instant) d.get(CustomerField.ACTION_AT))
                .processingStatus((String) d.get(CustomerField.PROCESSING_STATUS))
                .totalAmount((java.math.BigDecimal) d.get(CustomerField.TOTAL_AMOUNT))
                .loadedAt(importJobId != null && d.get(CustomerField.LOADED_AT) == null ? now
                        : (Instant) d.get(CustomerField.LOADED_AT))
                .customFields(d.custom())
                .importJobId(importJobId)
                .build();
    }

    private void text(Map<CustomerField, Object> values, CustomerField field, String raw, Set<String> skip,
                      Violations v) {
        if (!skip.contains(field.key())) {
            put(values, field, ctx.rules().text(field.key(), raw, CustomerRules.MAX_TEXT, v));
        }
    }

    private static void put(Map<CustomerField, Object> values, CustomerField field, Object value) {
        if (value != null) {
            values.put(field, value);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
