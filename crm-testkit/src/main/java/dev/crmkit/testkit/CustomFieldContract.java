package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.PermissionLevel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Custom field definitions and values as users observe them through {@link
 * dev.crmkit.core.field.CustomFieldService} and {@link dev.crmkit.core.customer.CustomerService}:
 * every type, required fields, option matching, canonical values, redefinition rules, deletion
 * with its values, and field-level visibility on every read path.
 */
@DisplayName("Custom fields")
public abstract class CustomFieldContract extends ContractSupport {

    // ------------------------------------------------------------------------------------------
    // helpers

    protected CustomFieldDefinition define(CustomFieldDefinition.Builder builder) {
        return crm.customFields().define(admin, builder.build());
    }

    protected static CustomFieldDefinition.Builder field(String key, FieldType type) {
        return CustomFieldDefinition.builder(key, key.substring(0, 1).toUpperCase() + key.substring(1), type);
    }

    protected Customer create(String name, String phone, Map<String, Object> values) {
        NewCustomer.Builder b = NewCustomer.builder(name, phone);
        values.forEach(b::customField);
        return crm.customers().create(admin, b.build());
    }

    protected Customer reload(Customer c) {
        return crm.customers().get(admin, c.id());
    }

    protected List<Activity> timeline(Actor actor, long customerId) {
        return crm.activities().timeline(actor, customerId, ActivityQuery.newest(1000)).items();
    }

    protected List<String> keys(Actor actor) {
        return crm.customFields().list(actor).stream().map(CustomFieldDefinition::key).toList();
    }

    protected static List<ErrorCode> violationCodes(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("the call should fail with a validation error").isInstanceOf(CrmValidationException.class);
        return ((CrmValidationException) t).violations().stream().map(CrmValidationException.Violation::code).toList();
    }

    protected static CrmValidationException validationFailure(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("the call should fail with a validation error").isInstanceOf(CrmValidationException.class);
        return (CrmValidationException) t;
    }

    private static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private long customerCount() {
        return crm.customers().count(admin, CustomerQuery.all());
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Defining fields")
    class Define {

        @Test
        @DisplayName("a field of every type can be defined and read back as defined")
        void definesEveryType() {
            List<CustomFieldDefinition> defined = List.of(
                    field("nickname", FieldType.TEXT).position(1).build(),
                    field("income", FieldType.NUMBER).position(2).build(),
                    field("birthday", FieldType.DATE).position(3).build(),
                    field("consent", FieldType.BOOLEAN).position(4).build(),
                    field("tier", FieldType.SINGLE_SELECT).options("Gold", "Silver", "Bronze").position(5).build(),
                    field("channels", FieldType.MULTI_SELECT).options("sms", "email", "phone").position(6).build(),
                    field("contract", FieldType.FILE).position(7).required(false).build());

            for (CustomFieldDefinition d : defined) {
                assertThat(crm.customFields().define(admin, d)).isEqualTo(d);
            }

            assertThat(crm.customFields().list(admin)).containsExactlyElementsOf(defined);
            for (CustomFieldDefinition d : defined) {
                assertThat(crm.customFields().find(admin, d.key())).contains(d);
            }
        }

        @Test
        @DisplayName("a field keeps its options, label, visibility and option matching as defined")
        void keepsEveryPartOfTheDefinition() {
            CustomFieldDefinition d = CustomFieldDefinition.builder("city", "  Şehir ", FieldType.SINGLE_SELECT)
                    .options("İstanbul", "Ankara", "İzmir").required(true).position(9).visibleTo("finance", "managers")
                    .caseInsensitiveOptions(true).build();

            crm.customFields().define(admin, d);

            CustomFieldDefinition read = crm.customFields().find(admin, "city").orElseThrow();
            assertThat(read).isEqualTo(d);
            assertThat(read.label()).isEqualTo("Şehir");
            assertThat(read.options()).containsExactly("İstanbul", "Ankara", "İzmir");
            assertThat(read.visibleTo()).containsExactlyInAnyOrder("finance", "managers");
            assertThat(read.required()).isTrue();
            assertThat(read.caseInsensitiveOptions()).isTrue();
            assertThat(read.position()).isEqualTo(9);
        }

        @Test
        @DisplayName("a key that is taken is FIELD_KEY_TAKEN and the first definition stays")
        void rejectsTakenKey() {
            CustomFieldDefinition first = define(field("loyalty", FieldType.TEXT).position(1));

            assertFails(ConflictException.class, ErrorCode.FIELD_KEY_TAKEN,
                    () -> define(CustomFieldDefinition.builder("loyalty", "Other", FieldType.NUMBER)));

            assertThat(crm.customFields().find(admin, "loyalty")).contains(first);
            assertThat(crm.customFields().list(admin)).containsExactly(first);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"email", "fullName", "phone", "segment", "nationalId", "representative", "phones"})
        @DisplayName("a built-in field's key cannot be defined: FIELD_BUILT_IN")
        void rejectsBuiltInKey(String key) {
            assertFails(CrmException.class, ErrorCode.FIELD_BUILT_IN,
                    () -> crm.customFields().define(admin, CustomFieldDefinition.builder(key, "X", FieldType.TEXT).build()));

            assertThat(crm.customFields().list(admin)).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"fullName", "phone", "email", "company"})
        @DisplayName("a built-in field cannot be deleted: FIELD_BUILT_IN")
        void refusesToDeleteBuiltIn(String key) {
            Customer c = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "05301234567")
                    .email("ayse@example.com").company("Yılmaz Tekstil").build());

            assertFails(CrmException.class, ErrorCode.FIELD_BUILT_IN, () -> crm.customFields().delete(admin, key));

            assertThat(reload(c)).isEqualTo(c);
        }

        @Test
        @DisplayName("deleting a field that does not exist is FIELD_NOT_FOUND")
        void deletingUnknownIsNotFound() {
            assertFails(CrmException.class, ErrorCode.FIELD_NOT_FOUND, () -> crm.customFields().delete(admin, "nothing"));
        }

        @Test
        @DisplayName("fields are listed by position, not by the order they were defined")
        void listsByPosition() {
            define(field("third", FieldType.TEXT).position(30));
            define(field("first", FieldType.NUMBER).position(10));
            define(field("second", FieldType.BOOLEAN).position(20));

            assertThat(keys(admin)).containsExactly("first", "second", "third");
        }

        @Test
        @DisplayName("only MANAGE may define a field")
        void needsManageToDefine() {
            Actor editor = userWithLevel("mehmet", PermissionLevel.EDIT, "agents");

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customFields().define(editor, field("loyalty", FieldType.TEXT).build()));

            assertThat(crm.customFields().list(admin)).isEmpty();
            assertThat(keys(editor)).isEmpty();
        }

        @Test
        @DisplayName("definitions belong to one tenant")
        void definitionsArePerTenant() {
            define(field("loyalty", FieldType.TEXT));

            assertThat(crm.customFields().list(otherAdmin)).isEmpty();
            assertThat(crm.customFields().find(otherAdmin, "loyalty")).isEmpty();
            assertThat(violationCodes(() -> crm.customers().create(otherAdmin,
                    NewCustomer.builder("Ayşe Yılmaz", "05301234567").customField("loyalty", "gold").build())))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_UNKNOWN);

            CustomFieldDefinition theirs = crm.customFields().define(otherAdmin,
                    CustomFieldDefinition.builder("loyalty", "Puan", FieldType.NUMBER).build());
            assertThat(crm.customFields().find(otherAdmin, "loyalty")).contains(theirs);
            assertThat(crm.customFields().find(admin, "loyalty")).get().extracting(CustomFieldDefinition::type)
                    .isEqualTo(FieldType.TEXT);
        }
    }

    @Nested
    @DisplayName("Values of custom fields")
    class Values {

        @BeforeEach
        void defineFields() {
            define(field("nickname", FieldType.TEXT).position(1));
            define(field("income", FieldType.NUMBER).position(2));
            define(field("birthday", FieldType.DATE).position(3));
            define(field("consent", FieldType.BOOLEAN).position(4));
            define(field("tier", FieldType.SINGLE_SELECT).options("Gold", "Silver", "Bronze").position(5));
            define(field("channels", FieldType.MULTI_SELECT).options("sms", "email", "phone").position(6));
            define(field("contract", FieldType.FILE).position(7));
        }

        @Test
        @DisplayName("a value of every type is stored and read back")
        void storesEveryType() {
            Customer c = create("Ayşe Yılmaz", "05301234567", values(
                    "nickname", "Ayşecik",
                    "income", new BigDecimal("12500.75"),
                    "birthday", LocalDate.of(1990, 4, 23),
                    "consent", Boolean.TRUE,
                    "tier", "Gold",
                    "channels", List.of("sms", "email")));
            // A FILE field names one of the customer's attachments, so it is set once one exists.
            String contract = Long.toString(crm.attachments().upload(admin, c.id(),
                    dev.crmkit.core.attachment.NewAttachment.of("sozlesme.pdf", null),
                    new java.io.ByteArrayInputStream(new byte[] {1})).id());
            c = crm.customers().update(admin, CustomerUpdate.of(reload(c)).customField("contract", contract).build());

            Map<String, Object> read = reload(c).customFields();
            assertThat(read).containsEntry("nickname", "Ayşecik")
                    .containsEntry("birthday", LocalDate.of(1990, 4, 23))
                    .containsEntry("consent", Boolean.TRUE)
                    .containsEntry("tier", "Gold")
                    .containsEntry("channels", List.of("sms", "email"))
                    .containsEntry("contract", contract)
                    .hasSize(7);
            assertThat(read.get("income")).isInstanceOf(BigDecimal.class);
            assertThat((BigDecimal) read.get("income")).isEqualByComparingTo("12500.75");
            assertThat(c.customFields()).isEqualTo(read);
        }

        @Test
        @DisplayName("a number is returned as a BigDecimal whatever Java number type was given")
        void numbersAreCanonical() {
            Customer fromInt = create("A", "05301234567", values("income", 42));
            Customer fromLong = create("B", "05321112233", values("income", 7_000_000_000L));
            Customer fromDouble = create("C", "05421112233", values("income", 2.5d));

            assertThat(reload(fromInt).customFields().get("income")).isInstanceOf(BigDecimal.class)
                    .satisfies(v -> assertThat((BigDecimal) v).isEqualByComparingTo("42"));
            assertThat(reload(fromLong).customFields().get("income")).isInstanceOf(BigDecimal.class)
                    .satisfies(v -> assertThat((BigDecimal) v).isEqualByComparingTo("7000000000"));
            assertThat(reload(fromDouble).customFields().get("income")).isInstanceOf(BigDecimal.class)
                    .satisfies(v -> assertThat((BigDecimal) v).isEqualByComparingTo("2.5"));
        }

        @Test
        @DisplayName("a value that does not fit its field is CUSTOM_FIELD_INVALID and nothing is stored")
        void rejectsInvalidValues() {
            Map<String, Object> invalid = values(
                    "income", "a lot",
                    "birthday", "yesterday",
                    "consent", "maybe",
                    "tier", "Platinum",
                    "channels", List.of("sms", "fax"),
                    "nickname", 12);
            int n = 0;
            for (Map.Entry<String, Object> e : invalid.entrySet()) {
                String phone = "053212345" + (10 + n++);
                CrmValidationException failure = validationFailure(() -> create("Ayşe Yılmaz", phone,
                        values(e.getKey(), e.getValue())));
                assertThat(failure.violations()).as(e.getKey()).singleElement().satisfies(v -> {
                    assertThat(v.code()).isEqualTo(ErrorCode.CUSTOM_FIELD_INVALID);
                    assertThat(v.field()).isEqualTo(e.getKey());
                });
            }
            assertThat(customerCount()).isZero();
        }

        @Test
        @DisplayName("every invalid value is reported at once, with the built-in fields' violations")
        void reportsEveryInvalidValue() {
            CrmValidationException failure = validationFailure(() -> create("  ", "05301234567",
                    values("income", "a lot", "tier", "Platinum", "unknownKey", "x")));

            assertThat(failure.violations()).extracting(CrmValidationException.Violation::code)
                    .containsExactlyInAnyOrder(ErrorCode.NAME_REQUIRED, ErrorCode.CUSTOM_FIELD_INVALID,
                            ErrorCode.CUSTOM_FIELD_INVALID, ErrorCode.CUSTOM_FIELD_UNKNOWN);
            assertThat(failure.violations()).extracting(CrmValidationException.Violation::field)
                    .contains("income", "tier", "unknownKey");
            assertThat(customerCount()).isZero();
        }

        @Test
        @DisplayName("a key no field has is CUSTOM_FIELD_UNKNOWN, on create and on update")
        void rejectsUnknownKey() {
            assertThat(violationCodes(() -> create("Ayşe Yılmaz", "05301234567", values("shoeSize", "42"))))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_UNKNOWN);
            assertThat(customerCount()).isZero();

            Customer c = create("Ayşe Yılmaz", "05301234567", values("nickname", "Ayşecik"));
            int entries = timeline(admin, c.id()).size();
            assertThat(violationCodes(() -> crm.customers().update(admin,
                    CustomerUpdate.of(c).customField("shoeSize", "42").customField("nickname", "Aysu").build())))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_UNKNOWN);
            assertThat(reload(c)).isEqualTo(c);
            assertThat(timeline(admin, c.id())).hasSize(entries);
        }

        @Test
        @DisplayName("an update sets, changes and clears values, and logs each change with old and new value")
        void updatesValues() {
            Customer c = create("Ayşe Yılmaz", "05301234567", values("nickname", "Ayşecik", "tier", "Gold"));
            tick();

            Customer updated = crm.customers().update(admin, CustomerUpdate.of(c)
                    .customField("nickname", "Aysu").customField("tier", null).customField("consent", true).build());

            assertThat(updated.customFields()).containsEntry("nickname", "Aysu").containsEntry("consent", Boolean.TRUE)
                    .doesNotContainKey("tier");
            assertThat(updated.version()).isGreaterThan(c.version());
            assertThat(reload(c)).isEqualTo(updated);
            Activity log = timeline(admin, c.id()).get(0);
            assertThat(log.changes()).extracting(FieldChange::field)
                    .containsExactlyInAnyOrder("nickname", "tier", "consent");
            assertThat(log.changes()).contains(new FieldChange("nickname", "Ayşecik", "Aysu"));
            assertThat(log.changes()).filteredOn(ch -> ch.field().equals("tier"))
                    .singleElement().satisfies(ch -> {
                        assertThat(ch.oldValue()).isEqualTo("Gold");
                        assertThat(ch.newValue()).isNull();
                    });
        }

        @Test
        @DisplayName("setting a value to what it already is changes nothing")
        void sameValueIsNoChange() {
            Customer c = create("Ayşe Yılmaz", "05301234567", values("income", new BigDecimal("42"), "tier", "Gold"));
            int entries = timeline(admin, c.id()).size();

            Customer same = crm.customers().update(admin, CustomerUpdate.of(c)
                    .customField("income", 42).customField("tier", "Gold").build());

            assertThat(same.version()).isEqualTo(c.version());
            assertThat(reload(c)).isEqualTo(c);
            assertThat(timeline(admin, c.id())).hasSize(entries);
        }

        @Test
        @DisplayName("a number equal to the stored one at another scale is no change")
        void numericallyEqualIsNoChange() {
            Customer c = create("Ayşe Yılmaz", "05301234567", values("income", new BigDecimal("42")));
            int entries = timeline(admin, c.id()).size();

            Customer same = crm.customers().update(admin, CustomerUpdate.of(c)
                    .customField("income", new BigDecimal("42.00")).build());

            assertThat(same.version()).isEqualTo(c.version());
            assertThat(timeline(admin, c.id())).hasSize(entries);
            assertThat((BigDecimal) reload(c).customFields().get("income")).isEqualByComparingTo("42");
        }

        @Test
        @DisplayName("an invalid value in an update is CUSTOM_FIELD_INVALID and changes nothing")
        void invalidUpdateChangesNothing() {
            Customer c = create("Ayşe Yılmaz", "05301234567", values("tier", "Gold"));
            int entries = timeline(admin, c.id()).size();

            assertThat(violationCodes(() -> crm.customers().update(admin, CustomerUpdate.of(c)
                    .customField("tier", "Platinum").fullName("Ayşe Kaya").build())))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_INVALID);

            assertThat(reload(c)).isEqualTo(c);
            assertThat(timeline(admin, c.id())).hasSize(entries);
        }
    }

    @Nested
    @DisplayName("Required fields")
    class Required {

        @BeforeEach
        void defineRequired() {
            define(field("tier", FieldType.SINGLE_SELECT).options("Gold", "Silver").required(true).position(1));
            define(field("channels", FieldType.MULTI_SELECT).options("sms", "email").position(2));
        }

        @Test
        @DisplayName("a customer cannot be created without a required field: CUSTOM_FIELD_REQUIRED")
        void rejectsMissingRequired() {
            assertThat(violationCodes(() -> create("Ayşe Yılmaz", "05301234567", Map.of())))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_REQUIRED);
            assertThat(violationCodes(() -> create("Ayşe Yılmaz", "05301234567", values("tier", "   "))))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_REQUIRED);
            assertThat(customerCount()).isZero();

            Customer c = create("Ayşe Yılmaz", "05301234567", values("tier", "Gold"));
            assertThat(reload(c).customFields()).containsEntry("tier", "Gold");
        }

        @Test
        @DisplayName("a missing required field is reported together with the other violations")
        void reportsRequiredWithOthers() {
            assertThat(violationCodes(() -> create(null, "", Map.of())))
                    .containsExactlyInAnyOrder(ErrorCode.NAME_REQUIRED, ErrorCode.PHONE_REQUIRED,
                            ErrorCode.CUSTOM_FIELD_REQUIRED);
        }

        @Test
        @DisplayName("a required multi-select with no option chosen counts as missing")
        void emptyListIsMissing() {
            crm.customFields().redefine(admin, field("channels", FieldType.MULTI_SELECT).options("sms", "email")
                    .position(2).required(true).build());

            assertThat(violationCodes(() -> create("Ayşe Yılmaz", "05301234567",
                    values("tier", "Gold", "channels", List.of()))))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_REQUIRED);
            assertThat(customerCount()).isZero();
        }

        @Test
        @DisplayName("a required value cannot be cleared by an update")
        void requiredCannotBeCleared() {
            Customer c = create("Ayşe Yılmaz", "05301234567", values("tier", "Gold"));
            int entries = timeline(admin, c.id()).size();

            assertThat(violationCodes(() -> crm.customers().update(admin,
                    CustomerUpdate.of(c).customField("tier", null).build())))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_REQUIRED);

            assertThat(reload(c)).isEqualTo(c);
            assertThat(timeline(admin, c.id())).hasSize(entries);
        }
    }

    @Nested
    @DisplayName("Select options")
    class Options {

        @Test
        @DisplayName("options match exactly by default")
        void matchExactlyByDefault() {
            define(field("city", FieldType.SINGLE_SELECT).options("İstanbul", "Ankara"));

            for (String written : List.of("istanbul", "ISTANBUL", "Istanbul", "ankara")) {
                assertThat(violationCodes(() -> create("Ayşe Yılmaz", "05301234567", values("city", written))))
                        .as(written).containsExactly(ErrorCode.CUSTOM_FIELD_INVALID);
            }
            assertThat(customerCount()).isZero();

            Customer c = create("Ayşe Yılmaz", "05301234567", values("city", "İstanbul"));
            assertThat(reload(c).customFields()).containsEntry("city", "İstanbul");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"İstanbul", "ISTANBUL", "istanbul", "İSTANBUL", "Istanbul", "ıstanbul"})
        @DisplayName("with case-insensitive options any Turkish casing matches, and the option's own spelling is stored")
        void matchTurkishCaseInsensitively(String written) {
            define(field("city", FieldType.SINGLE_SELECT).options("İstanbul", "Ankara", "İzmir")
                    .caseInsensitiveOptions(true));

            Customer c = create("Ayşe Yılmaz", "05301234567", values("city", written));

            assertThat(c.customFields()).containsEntry("city", "İstanbul");
            assertThat(reload(c).customFields()).containsEntry("city", "İstanbul");
        }

        @Test
        @DisplayName("case-insensitive options still refuse a value that is no option")
        void caseInsensitiveStillRefusesOthers() {
            define(field("city", FieldType.SINGLE_SELECT).options("İstanbul", "Ankara").caseInsensitiveOptions(true));

            assertThat(violationCodes(() -> create("Ayşe Yılmaz", "05301234567", values("city", "Bursa"))))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_INVALID);
            assertThat(violationCodes(() -> create("Ayşe Yılmaz", "05301234567", values("city", "İstanbull"))))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_INVALID);
            assertThat(customerCount()).isZero();
        }

        @Test
        @DisplayName("a multi-select with case-insensitive options stores each option's own spelling")
        void multiSelectCanonical() {
            define(field("cities", FieldType.MULTI_SELECT).options("İstanbul", "Ankara", "İzmir")
                    .caseInsensitiveOptions(true));

            Customer c = create("Ayşe Yılmaz", "05301234567", values("cities", List.of("IZMIR", "ankara")));

            assertThat(reload(c).customFields()).containsEntry("cities", List.of("İzmir", "Ankara"));
        }
    }

    @Nested
    @DisplayName("Redefining a field")
    class Redefine {

        private Customer customer;

        @BeforeEach
        void defineField() {
            define(field("tier", FieldType.SINGLE_SELECT).options("Gold", "Silver").position(1));
            customer = create("Ayşe Yılmaz", "05301234567", values("tier", "Gold"));
        }

        @Test
        @DisplayName("label, required flag, position and visibility may change")
        void changesLabelAndMore() {
            CustomFieldDefinition changed = CustomFieldDefinition.builder("tier", "Müşteri Seviyesi", FieldType.SINGLE_SELECT)
                    .options("Gold", "Silver").position(5).required(true).visibleTo("finance").build();

            crm.customFields().redefine(admin, changed);

            assertThat(crm.customFields().find(admin, "tier")).contains(changed);
            assertThat(reload(customer).customFields()).containsEntry("tier", "Gold");
        }

        @Test
        @DisplayName("options may be added, and the new one can be used")
        void addsOptions() {
            crm.customFields().redefine(admin, field("tier", FieldType.SINGLE_SELECT)
                    .options("Gold", "Silver", "Platinum").position(1).build());

            Customer c = crm.customers().update(admin, CustomerUpdate.of(customer).customField("tier", "Platinum").build());

            assertThat(c.customFields()).containsEntry("tier", "Platinum");
            assertThat(crm.customFields().find(admin, "tier")).get().extracting(CustomFieldDefinition::options)
                    .isEqualTo(List.of("Gold", "Silver", "Platinum"));
        }

        @Test
        @DisplayName("the type cannot change: VALUE_INVALID, and the definition and values stay")
        void refusesTypeChange() {
            CustomFieldDefinition before = crm.customFields().find(admin, "tier").orElseThrow();

            assertFails(CrmException.class, ErrorCode.VALUE_INVALID, () -> crm.customFields().redefine(admin,
                    field("tier", FieldType.TEXT).position(1).build()));

            assertThat(crm.customFields().find(admin, "tier")).contains(before);
            assertThat(reload(customer)).isEqualTo(customer);
        }

        @Test
        @DisplayName("an option cannot be removed: VALUE_INVALID, and the definition and values stay")
        void refusesOptionRemoval() {
            CustomFieldDefinition before = crm.customFields().find(admin, "tier").orElseThrow();

            assertFails(CrmException.class, ErrorCode.VALUE_INVALID, () -> crm.customFields().redefine(admin,
                    field("tier", FieldType.SINGLE_SELECT).options("Silver", "Platinum").position(1).build()));

            assertThat(crm.customFields().find(admin, "tier")).contains(before);
            assertThat(reload(customer).customFields()).containsEntry("tier", "Gold");
        }

        @Test
        @DisplayName("redefining a field that does not exist is FIELD_NOT_FOUND")
        void unknownIsNotFound() {
            assertFails(CrmException.class, ErrorCode.FIELD_NOT_FOUND, () -> crm.customFields().redefine(admin,
                    field("nothing", FieldType.TEXT).build()));
            assertThat(keys(admin)).containsExactly("tier");
        }

        @Test
        @DisplayName("only MANAGE may redefine a field")
        void needsManage() {
            CustomFieldDefinition before = crm.customFields().find(admin, "tier").orElseThrow();
            Actor editor = userWithLevel("mehmet", PermissionLevel.EDIT, "agents");

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED, () -> crm.customFields()
                    .redefine(editor, CustomFieldDefinition.builder("tier", "Renamed", FieldType.SINGLE_SELECT)
                            .options("Gold", "Silver").build()));

            assertThat(crm.customFields().find(admin, "tier")).contains(before);
        }
    }

    @Nested
    @DisplayName("Deleting a field")
    class Delete {

        private Customer first;
        private Customer second;

        @BeforeEach
        void defineAndFill() {
            define(field("loyalty", FieldType.TEXT).position(1));
            define(field("income", FieldType.NUMBER).position(2));
            first = create("Ayşe Yılmaz", "05301234567", values("loyalty", "gold", "income", 10));
            second = create("Mehmet Kaya", "05321112233", values("loyalty", "silver"));
            tick();
        }

        @Test
        @DisplayName("every value of the field is removed from every customer, and other values stay")
        void removesValues() {
            crm.customFields().delete(admin, "loyalty");

            assertThat(reload(first).customFields()).doesNotContainKey("loyalty").containsKey("income");
            assertThat(reload(second).customFields()).isEmpty();
            assertThat(crm.customFields().find(admin, "loyalty")).isEmpty();
            assertThat(keys(admin)).containsExactly("income");
            assertThat(crm.customers().search(admin, CustomerQuery.all()).items())
                    .allSatisfy(c -> assertThat(c.customFields()).doesNotContainKey("loyalty"));
        }

        @Test
        @DisplayName("the deletion is recorded in the audit log")
        void writesAuditEntry() {
            crm.customFields().delete(admin, "loyalty");

            AuditEntry entry = crm.activities().auditLog(admin, 10).get(0);
            assertThat(entry.subject()).isEqualTo("loyalty");
            assertThat(entry.actorId()).isEqualTo("boss");
            assertThat(entry.at()).isEqualTo(clock.instant());
            assertThat(entry.action()).contains("DELETE");
        }

        @Test
        @DisplayName("after deletion the key is unknown, and defining it again brings no old value back")
        void oldValuesDoNotReturn() {
            crm.customFields().delete(admin, "loyalty");

            assertThat(violationCodes(() -> crm.customers().update(admin,
                    CustomerUpdate.of(reload(first)).customField("loyalty", "gold").build())))
                    .containsExactly(ErrorCode.CUSTOM_FIELD_UNKNOWN);

            define(field("loyalty", FieldType.NUMBER).position(1));
            assertThat(reload(first).customFields()).doesNotContainKey("loyalty");
            assertThat(reload(second).customFields()).doesNotContainKey("loyalty");
            Customer c = crm.customers().update(admin, CustomerUpdate.of(reload(second)).customField("loyalty", 3).build());
            assertThat(c.customFields()).containsKey("loyalty");
        }

        @Test
        @DisplayName("only MANAGE may delete a field, and a refused deletion keeps every value")
        void needsManage() {
            Actor editor = userWithLevel("mehmet", PermissionLevel.EDIT, "agents");

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customFields().delete(editor, "loyalty"));

            assertThat(keys(admin)).containsExactly("loyalty", "income");
            assertThat(reload(first).customFields()).containsEntry("loyalty", "gold");
            assertThat(reload(second).customFields()).containsEntry("loyalty", "silver");
        }

        @Test
        @DisplayName("deleting a field in one tenant leaves another tenant's field of the same key alone")
        void otherTenantKeepsItsField() {
            crm.customFields().define(otherAdmin, CustomFieldDefinition.builder("loyalty", "Sadakat", FieldType.TEXT).build());
            Customer theirs = crm.customers().create(otherAdmin,
                    NewCustomer.builder("Zeynep Demir", "05301234567").customField("loyalty", "platin").build());

            crm.customFields().delete(admin, "loyalty");

            assertThat(crm.customFields().find(otherAdmin, "loyalty")).isPresent();
            assertThat(crm.customers().get(otherAdmin, theirs.id()).customFields()).containsEntry("loyalty", "platin");
        }
    }

    @Nested
    @DisplayName("Field visibility")
    class Visibility {

        private Actor agent;
        private Actor financeUser;
        private Customer customer;

        @BeforeEach
        void defineHiddenField() {
            define(field("salary", FieldType.NUMBER).position(1).visibleTo("finance"));
            define(field("hobby", FieldType.TEXT).position(2));
            agent = userWithLevel("ayse", PermissionLevel.EDIT, "agents");
            financeUser = userWithLevel("zeynep", PermissionLevel.EDIT, "finance");
            customer = create("Mehmet Kaya", "05301234567", values("salary", 50_000, "hobby", "chess"));
            tick();
        }

        @Test
        @DisplayName("a field visible to finance is absent from an agent's reads and present for finance and the admin")
        void hiddenFromSingleReads() {
            assertThat(crm.customers().get(agent, customer.id()).customFields())
                    .containsOnlyKeys("hobby");
            assertThat(crm.customers().findByPhone(agent, "05301234567")).get()
                    .satisfies(c -> assertThat(c.customFields()).containsOnlyKeys("hobby"));

            assertThat(crm.customers().get(financeUser, customer.id()).customFields()).containsOnlyKeys("salary", "hobby");
            assertThat(crm.customers().get(admin, customer.id()).customFields()).containsOnlyKeys("salary", "hobby");
        }

        @Test
        @DisplayName("the hidden field is absent from an agent's search results")
        void hiddenFromSearch() {
            assertThat(crm.customers().search(agent, CustomerQuery.text("mehmet")).items()).singleElement()
                    .satisfies(c -> assertThat(c.customFields()).containsOnlyKeys("hobby"));
            assertThat(crm.customers().search(agent, CustomerQuery.all()).items()).singleElement()
                    .satisfies(c -> assertThat(c.customFields()).containsOnlyKeys("hobby"));
            assertThat(crm.customers().search(financeUser, CustomerQuery.text("mehmet")).items()).singleElement()
                    .satisfies(c -> assertThat(c.customFields()).containsKey("salary"));
        }

        @Test
        @DisplayName("the hidden field is absent from what an agent's writes return")
        void hiddenFromWriteResults() {
            Customer updated = crm.customers().update(agent, CustomerUpdate.of(customer).queue("inbound").build());
            assertThat(updated.customFields()).containsOnlyKeys("hobby");

            Customer withPhone = crm.customers().addPhone(agent, customer.id(), NewPhone.of("0532 111 22 33"));
            assertThat(withPhone.customFields()).containsOnlyKeys("hobby");

            Customer contacted = crm.customers().recordContact(agent, customer.id(), "0532 111 22 33");
            assertThat(contacted.customFields()).containsOnlyKeys("hobby");

            Customer created = crm.customers().create(agent, NewCustomer.builder("Ali Veli", "05421112233")
                    .customField("hobby", "tennis").build());
            assertThat(created.customFields()).containsOnlyKeys("hobby");
        }

        @Test
        @DisplayName("the hidden field is absent from an agent's field list and present for finance and the admin")
        void hiddenFromFieldList() {
            assertThat(keys(agent)).containsExactly("hobby");
            assertThat(crm.customFields().find(agent, "salary")).isEmpty();

            assertThat(keys(financeUser)).containsExactly("salary", "hobby");
            assertThat(keys(admin)).containsExactly("salary", "hobby");
            assertThat(crm.customFields().find(financeUser, "salary")).isPresent();
        }

        @Test
        @DisplayName("an agent's update of the hidden field is PERMISSION_DENIED and changes nothing")
        void agentCannotUpdateHiddenField() {
            int entries = timeline(admin, customer.id()).size();

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customers().update(agent, CustomerUpdate.of(customer)
                            .customField("salary", 1).fullName("Mehmet Can Kaya").build()));
            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customers().update(agent, CustomerUpdate.of(customer).customField("salary", null).build()));

            assertThat(reload(customer)).isEqualTo(customer);
            assertThat(reload(customer).customFields().get("salary"))
                    .satisfies(v -> assertThat((BigDecimal) v).isEqualByComparingTo("50000"));
            assertThat(timeline(admin, customer.id())).hasSize(entries);
        }

        @Test
        @DisplayName("an agent cannot set the hidden field when creating a customer either")
        void agentCannotSetHiddenFieldOnCreate() {
            Throwable t = catchThrowable(() -> crm.customers().create(agent, NewCustomer.builder("Ali Veli", "05421112233")
                    .customField("salary", 1).build()));

            assertThat(t).isInstanceOf(CrmException.class);
            assertThat(((CrmException) t).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
            assertThat(crm.customers().findByPhone(admin, "05421112233")).isEmpty();
        }

        @Test
        @DisplayName("an agent's update of visible fields keeps the hidden value")
        void agentUpdateKeepsHiddenValue() {
            crm.customers().update(agent, CustomerUpdate.of(customer).customField("hobby", "go").fullName("Mehmet Can Kaya")
                    .build());

            Customer read = crm.customers().get(financeUser, customer.id());
            assertThat(read.fullName()).isEqualTo("Mehmet Can Kaya");
            assertThat(read.customFields()).containsEntry("hobby", "go");
            assertThat((BigDecimal) read.customFields().get("salary")).isEqualByComparingTo("50000");
        }

        @Test
        @DisplayName("after the hidden field is deleted, its old values do not show on an agent's timeline or feed")
        void deletedHiddenFieldStaysHidden() {
            crm.customers().update(admin, CustomerUpdate.of(customer).customField("salary", 60_000).build());
            tick();

            crm.customFields().delete(admin, "salary");

            assertThat(timeline(agent, customer.id()))
                    .allSatisfy(a -> assertThat(a.changes()).extracting(FieldChange::field).doesNotContain("salary"));
            assertThat(crm.activities().feed(agent, ActivityQuery.newest(1000)).items())
                    .allSatisfy(a -> assertThat(a.changes()).extracting(FieldChange::field).doesNotContain("salary"));
        }

        @Test
        @DisplayName("finance may update the field it sees")
        void financeUpdatesField() {
            Customer updated = crm.customers().update(financeUser, CustomerUpdate.of(customer).customField("salary", 60_000)
                    .build());

            assertThat((BigDecimal) updated.customFields().get("salary")).isEqualByComparingTo("60000");
        }

        @Test
        @DisplayName("changes of the hidden field are not shown on an agent's timeline")
        void hiddenFromTimeline() {
            crm.customers().update(admin, CustomerUpdate.of(customer).customField("salary", 60_000)
                    .customField("hobby", "go").build());

            assertThat(timeline(agent, customer.id()))
                    .allSatisfy(a -> assertThat(a.changes()).extracting(FieldChange::field).doesNotContain("salary"))
                    .anySatisfy(a -> assertThat(a.changes()).extracting(FieldChange::field).contains("hobby"));
            assertThat(crm.activities().feed(agent, ActivityQuery.newest(1000)).items())
                    .allSatisfy(a -> assertThat(a.changes()).extracting(FieldChange::field).doesNotContain("salary"));
            assertThat(timeline(financeUser, customer.id()))
                    .anySatisfy(a -> assertThat(a.changes()).extracting(FieldChange::field).contains("salary"));
        }
    }
}
