package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.Crm;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.CustomerPhone;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.customer.PhoneChange;
import dev.crmkit.core.customer.PhoneStatus;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.phone.PhoneNumber;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.crmkit.core.customer.CustomerCard;
import dev.crmkit.core.work.NewWorkItem;
import dev.crmkit.core.work.WorkItem;
import dev.crmkit.core.work.WorkItemKind;

/**
 * The customer rules as users observe them through {@link dev.crmkit.core.customer.CustomerService}:
 * creating with normalization and validation, reading, optimistic updates with their activity log,
 * national id masking, deletion, phone numbers and contact counters. Every failed call is checked
 * to have changed nothing.
 */
@DisplayName("Customers")
public abstract class CustomerContract extends ContractSupport {

    /** The primary phone most tests use, in E.164. */
    protected static final String PHONE = "+905301234567";
    /** Other valid numbers. */
    protected static final String PHONE_2 = "+905321112233";
    protected static final String PHONE_3 = "+905421112233";
    protected static final String PHONE_4 = "+905055556677";
    protected static final String PHONE_5 = "+902125556677";
    /** A TCKN with a correct checksum, and another one. */
    protected static final String NATIONAL_ID = "10000000146";
    protected static final String OTHER_NATIONAL_ID = "12345678950";

    // ------------------------------------------------------------------------------------------
    // helpers

    /** Creates a customer as the admin. */
    protected Customer create(String name, String phone) {
        return crm.customers().create(admin, NewCustomer.builder(name, phone).build());
    }

    protected Customer reload(Customer c) {
        return crm.customers().get(admin, c.id());
    }

    protected List<Activity> timeline(long customerId) {
        return crm.activities().timeline(admin, customerId, ActivityQuery.newest(1000)).items();
    }

    protected static List<String> numbers(Customer c) {
        return c.phones().stream().map(p -> p.number().e164()).toList();
    }

    protected static CustomerPhone phoneOf(Customer c, String e164) {
        return c.phones().stream().filter(p -> p.number().e164().equals(e164)).findFirst()
                .orElseThrow(() -> new AssertionError(c.fullName() + " has no number " + e164 + ": " + numbers(c)));
    }

    /** Asserts the call fails with a validation error and returns the codes of its violations. */
    protected static List<ErrorCode> violationCodes(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("the call should fail with a validation error").isInstanceOf(CrmValidationException.class);
        return ((CrmValidationException) t).violations().stream().map(CrmValidationException.Violation::code).toList();
    }

    /** Asserts the customer reads as before and its timeline did not grow. */
    protected void assertUnchanged(Customer before, int timelineSize) {
        assertThat(reload(before)).isEqualTo(before);
        assertThat(timeline(before.id())).hasSize(timelineSize);
    }

    protected Actor agentWith(PermissionLevel level) {
        return userWithLevel("mehmet", level, "agents");
    }

    private static boolean mentions(Activity a, String text) {
        if (a.text().contains(text)) {
            return true;
        }
        for (FieldChange c : a.changes()) {
            if ((c.oldValue() != null && c.oldValue().contains(text)) || (c.newValue() != null && c.newValue().contains(text))) {
                return true;
            }
        }
        return a.data().values().stream().anyMatch(v -> v != null && v.contains(text));
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Creating a customer")
    class Create {

        @Test
        @DisplayName("the name and the company are trimmed and their inner whitespace collapsed")
        void normalizesNameAndCompany() {
            Customer c = crm.customers().create(admin, NewCustomer.builder("  Ayşe \t  Yılmaz\n ", "05301234567")
                    .company("  Yılmaz \n\n Tekstil   A.Ş. ").build());

            CustomerAssert.assertThat(c).hasName("Ayşe Yılmaz");
            assertThat(c.company()).isEqualTo("Yılmaz Tekstil A.Ş.");
            CustomerAssert.assertThat(reload(c)).hasName("Ayşe Yılmaz");
            assertThat(reload(c).company()).isEqualTo("Yılmaz Tekstil A.Ş.");
        }

        @Test
        @DisplayName("no-break and other Unicode spaces count as whitespace when trimming and collapsing")
        void collapsesUnicodeSpaces() {
            Customer c = crm.customers().create(admin, NewCustomer.builder("\u00A0Ayşe\u00A0\u00A0Yılmaz\u2007 ", "05301234567")
                    .company("\u2003Yılmaz\u00A0 Tekstil\u00A0").build());

            assertThat(c.fullName()).isEqualTo("Ayşe Yılmaz");
            assertThat(c.company()).isEqualTo("Yılmaz Tekstil");
            assertThat(violationCodes(() -> create("\u00A0\u2003 ", "05321112233")))
                    .containsExactly(ErrorCode.NAME_REQUIRED);
        }

        @Test
        @DisplayName("the e-mail is trimmed and only its domain is lower-cased")
        void lowerCasesEmailDomain() {
            Customer c = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "05301234567")
                    .email("  Ayse.Yilmaz@Example.COM ").build());

            assertThat(c.email()).isEqualTo("Ayse.Yilmaz@example.com");
            assertThat(reload(c).email()).isEqualTo("Ayse.Yilmaz@example.com");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"05301234567", "0530 123 45 67", "(530) 123-4567", "905301234567",
                "+90 530 123 45 67", "5301234567", "0530\u00A0123\u00A045\u00A067", "0090 530 123 45 67",
                "+90 (530) 123-45-67"})
        @DisplayName("the phone is stored in E.164 whichever way it was written")
        void storesPhoneInE164(String written) {
            Customer c = create("Ayşe Yılmaz", written);

            CustomerAssert.assertThat(c).hasPhone(PHONE);
            assertThat(numbers(reload(c))).containsExactly(PHONE);
        }

        @Test
        @DisplayName("a customer without type, segment or status is a normal, active person")
        void appliesDefaults() {
            Customer c = create("Ayşe Yılmaz", "05301234567");

            assertThat(c.id()).isPositive();
            assertThat(c.type()).isEqualTo(CustomerType.PERSON);
            CustomerAssert.assertThat(c).hasSegment(Segment.NORMAL).hasVersion(1);
            assertThat(c.status()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(c.createdAt()).isEqualTo(START);
            assertThat(c.updatedAt()).isEqualTo(START);
            assertThat(c.totalContacts()).isZero();
            assertThat(c.lastContactAt()).isNull();
            assertThat(c.representative()).isNull();
            assertThat(c.assignedAt()).isNull();
            assertThat(c.phones()).singleElement().satisfies(p -> {
                assertThat(p.number()).isEqualTo(PhoneNumber.of(PHONE));
                assertThat(p.status()).isEqualTo(PhoneStatus.ACTIVE);
                assertThat(p.favorite()).isFalse();
                assertThat(p.todayContacts()).isZero();
                assertThat(p.totalContacts()).isZero();
            });
        }

        @Test
        @DisplayName("every optional value given is stored")
        void storesOptionalValues() {
            Customer c = crm.customers().create(admin, NewCustomer.builder("Yılmaz Tekstil", "0530 123 45 67")
                    .type(CustomerType.COMPANY)
                    .segment(Segment.VIP)
                    .status(CustomerStatus.PASSIVE)
                    .fax("0212 555 66 77")
                    .address("Bağdat Cad. 1, Kadıköy")
                    .queue("inbound")
                    .processingStatus("C")
                    .totalAmount(new BigDecimal("1234.56"))
                    .representative("ayse")
                    .build());

            Customer read = reload(c);
            assertThat(read).isEqualTo(c);
            assertThat(read.type()).isEqualTo(CustomerType.COMPANY);
            assertThat(read.segment()).isEqualTo(Segment.VIP);
            assertThat(read.status()).isEqualTo(CustomerStatus.PASSIVE);
            assertThat(read.fax()).isEqualTo("0212 555 66 77");
            assertThat(read.address()).isEqualTo("Bağdat Cad. 1, Kadıköy");
            assertThat(read.queue()).isEqualTo("inbound");
            assertThat(read.processingStatus()).isEqualTo("C");
            assertThat(read.totalAmount()).isEqualByComparingTo("1234.56");
            assertThat(read.representative()).isEqualTo("ayse");
            assertThat(read.previousRepresentative()).isNull();
            assertThat(read.assignedAt()).isEqualTo(START);
        }

        @Test
        @DisplayName("timestamps keep microsecond precision and read back exactly as created")
        void keepsMicroseconds() {
            clock.set(START.plusNanos(123_456_789));
            Instant actionAt = Instant.parse("2026-04-01T10:15:30.987654321Z");
            Customer c = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "05301234567")
                    .actionAt(actionAt).loadedAt(START.minusNanos(1)).build());

            assertThat(c.createdAt()).isEqualTo(START.plusNanos(123_456_000));
            assertThat(c.updatedAt()).isEqualTo(START.plusNanos(123_456_000));
            assertThat(c.actionAt()).isEqualTo(Instant.parse("2026-04-01T10:15:30.987654Z"));
            assertThat(c.loadedAt()).isEqualTo(START.minusNanos(1000));
            assertThat(reload(c)).isEqualTo(c);
        }

        @Test
        @DisplayName("creating writes one LOG entry by the creator on the timeline")
        void writesCreatedActivity() {
            Customer c = create("Ayşe Yılmaz", "05301234567");

            assertThat(timeline(c.id())).singleElement().satisfies(a -> {
                assertThat(a.type()).isEqualTo(ActivityType.LOG);
                assertThat(a.actorId()).isEqualTo("boss");
                assertThat(a.customerId()).isEqualTo(c.id());
                assertThat(a.at()).isEqualTo(START);
            });
        }

        @Test
        @DisplayName("a customer without name and phone gets both NAME_REQUIRED and PHONE_REQUIRED")
        void reportsMissingNameAndPhoneTogether() {
            assertThat(violationCodes(() -> create("   ", "")))
                    .containsExactlyInAnyOrder(ErrorCode.NAME_REQUIRED, ErrorCode.PHONE_REQUIRED);
            assertThat(violationCodes(() -> create(null, null)))
                    .containsExactlyInAnyOrder(ErrorCode.NAME_REQUIRED, ErrorCode.PHONE_REQUIRED);
            assertThat(crm.customers().count(admin, CustomerQuery.all())).isZero();
        }

        @Test
        @DisplayName("every broken rule of one input is reported at once")
        void reportsEveryViolation() {
            String longName = "x".repeat(201);
            List<ErrorCode> codes = violationCodes(() -> crm.customers().create(admin,
                    NewCustomer.builder(longName, "12345")
                            .email("not-an-address")
                            .nationalId("10000000147")
                            .representative("nobody")
                            .build()));

            assertThat(codes).containsExactlyInAnyOrder(ErrorCode.VALUE_TOO_LONG, ErrorCode.PHONE_INVALID,
                    ErrorCode.EMAIL_INVALID, ErrorCode.NATIONAL_ID_INVALID, ErrorCode.REPRESENTATIVE_UNKNOWN);
            assertThat(crm.customers().count(admin, CustomerQuery.all())).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ayse", "ayse@", "@example.com", "ayse@example", "ayse example@example.com",
                "ayse@@example.com", "ayse@example.", "ayse@.com"})
        @DisplayName("an invalid e-mail is EMAIL_INVALID and nothing is stored")
        void rejectsInvalidEmail(String email) {
            assertThat(violationCodes(() -> crm.customers().create(admin,
                    NewCustomer.builder("Ayşe Yılmaz", "05301234567").email(email).build())))
                    .containsExactly(ErrorCode.EMAIL_INVALID);
            assertThat(crm.customers().findByPhone(admin, PHONE)).isEmpty();
        }

        @Test
        @DisplayName("a name of 200 characters is accepted and one of 201 is VALUE_TOO_LONG")
        void limitsNameLength() {
            assertThat(violationCodes(() -> create("a".repeat(201), "05301234567")))
                    .containsExactly(ErrorCode.VALUE_TOO_LONG);
            assertThat(crm.customers().findByPhone(admin, PHONE)).isEmpty();

            Customer c = create("  " + "a".repeat(200) + "  ", "05301234567");
            assertThat(c.fullName()).hasSize(200);
        }

        @Test
        @DisplayName("a name is measured in characters, not bytes")
        void measuresNameInCharacters() {
            Customer c = create("ş".repeat(200), "05301234567");

            assertThat(reload(c).fullName()).isEqualTo("ş".repeat(200));
        }

        @Test
        @DisplayName("a company of 201 characters and an e-mail of 255 are VALUE_TOO_LONG")
        void limitsCompanyAndEmailLength() {
            String email = "a".repeat(243) + "@example.com";
            assertThat(email).hasSize(255);

            assertThat(violationCodes(() -> crm.customers().create(admin,
                    NewCustomer.builder("Ayşe Yılmaz", "05301234567").company("c".repeat(201)).build())))
                    .containsExactly(ErrorCode.VALUE_TOO_LONG);
            assertThat(violationCodes(() -> crm.customers().create(admin,
                    NewCustomer.builder("Ayşe Yılmaz", "05301234567").email(email).build())))
                    .contains(ErrorCode.VALUE_TOO_LONG);
            assertThat(crm.customers().findByPhone(admin, PHONE)).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"10000000147", "10000000156", "1000000014", "100000001466", "00000000146",
                "1000000014x", "abcdefghijk"})
        @DisplayName("a national id that is not 11 digits with the TCKN checksum is NATIONAL_ID_INVALID")
        void rejectsInvalidNationalId(String nationalId) {
            assertThat(violationCodes(() -> crm.customers().create(admin,
                    NewCustomer.builder("Ayşe Yılmaz", "05301234567").nationalId(nationalId).build())))
                    .containsExactly(ErrorCode.NATIONAL_ID_INVALID);
            assertThat(crm.customers().findByPhone(admin, PHONE)).isEmpty();
        }

        @Test
        @DisplayName("the message of an invalid national id does not show the number")
        void doesNotLeakInvalidNationalId() {
            Throwable t = catchThrowable(() -> crm.customers().create(admin,
                    NewCustomer.builder("Ayşe Yılmaz", "05301234567").nationalId("10000000147").build()));

            assertThat(t).isInstanceOf(CrmValidationException.class);
            assertThat(t.getMessage()).doesNotContain("10000000147");
            assertThat(((CrmValidationException) t).violations())
                    .allSatisfy(v -> assertThat(v.message()).doesNotContain("10000000147"));
        }

        @Test
        @DisplayName("a representative the tenant's directory does not know is REPRESENTATIVE_UNKNOWN")
        void rejectsUnknownRepresentative() {
            users.add(GLOBEX, "onlyglobex");

            assertThat(violationCodes(() -> crm.customers().create(admin,
                    NewCustomer.builder("Ayşe Yılmaz", "05301234567").representative("nobody").build())))
                    .containsExactly(ErrorCode.REPRESENTATIVE_UNKNOWN);
            assertThat(violationCodes(() -> crm.customers().create(admin,
                    NewCustomer.builder("Ayşe Yılmaz", "05301234567").representative("onlyglobex").build())))
                    .containsExactly(ErrorCode.REPRESENTATIVE_UNKNOWN);
            assertThat(crm.customers().findByPhone(admin, PHONE)).isEmpty();
        }

        @Test
        @DisplayName("a phone already stored in the tenant, in any form, is DUPLICATE_PHONE and nothing is stored")
        void rejectsDuplicatePhone() {
            Customer first = create("Ayşe Yılmaz", "0530 123 45 67");
            int entries = timeline(first.id()).size();
            int feed = crm.activities().feed(admin, ActivityQuery.newest(1000)).items().size();

            assertFails(ConflictException.class, ErrorCode.DUPLICATE_PHONE,
                    () -> create("Mehmet Kaya", "+90 530 123 45 67"));

            assertThat(crm.activities().feed(admin, ActivityQuery.newest(1000)).items()).hasSize(feed);

            assertThat(crm.customers().count(admin, CustomerQuery.all())).isEqualTo(1);
            assertUnchanged(first, entries);
            assertThat(crm.customers().findByPhone(admin, PHONE)).get().extracting(Customer::fullName)
                    .isEqualTo("Ayşe Yılmaz");
        }

        @Test
        @DisplayName("the same phone may belong to a customer of another tenant")
        void allowsSamePhoneInOtherTenant() {
            Customer acme = create("Ayşe Yılmaz", "0530 123 45 67");
            Customer globex = crm.customers().create(otherAdmin, NewCustomer.builder("Mehmet Kaya", "05301234567").build());

            assertThat(globex.phone()).isEqualTo(acme.phone());
            assertThat(crm.customers().findByPhone(admin, PHONE)).get().extracting(Customer::fullName)
                    .isEqualTo("Ayşe Yılmaz");
            assertThat(crm.customers().findByPhone(otherAdmin, PHONE)).get().extracting(Customer::fullName)
                    .isEqualTo("Mehmet Kaya");
        }

        @Test
        @DisplayName("a user with VIEW cannot create customers; one with CONTRIBUTE can")
        void needsContributeToCreate() {
            Actor viewer = Actor.user(ACME, "zeynep", "finance");

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customers().create(viewer, NewCustomer.builder("Ayşe Yılmaz", "05301234567").build()));
            assertThat(crm.customers().count(admin, CustomerQuery.all())).isZero();

            Actor contributor = agentWith(PermissionLevel.CONTRIBUTE);
            Customer c = crm.customers().create(contributor, NewCustomer.builder("Ayşe Yılmaz", "05301234567").build());
            assertThat(reload(c).fullName()).isEqualTo("Ayşe Yılmaz");
            assertThat(timeline(c.id())).singleElement().extracting(Activity::actorId).isEqualTo("mehmet");
        }
    }

    @Nested
    @DisplayName("Reading customers")
    class Read {

        @Test
        @DisplayName("reading returns what creating returned")
        void getReturnsCreated() {
            Customer c = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "05301234567")
                    .email("ayse@example.com").company("Yılmaz Tekstil").nationalId(NATIONAL_ID).build());

            assertThat(crm.customers().get(admin, c.id())).isEqualTo(c);
        }

        @Test
        @DisplayName("an id that does not exist is CUSTOMER_NOT_FOUND")
        void unknownIdIsNotFound() {
            Customer c = create("Ayşe Yılmaz", "05301234567");

            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND, () -> crm.customers().get(admin, c.id() + 1000));
        }

        @Test
        @DisplayName("another tenant's customer does not exist for the actor")
        void otherTenantsCustomerIsNotFound() {
            Customer c = create("Ayşe Yılmaz", "05301234567");

            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND, () -> crm.customers().get(otherAdmin, c.id()));
            assertThat(crm.customers().findByPhone(otherAdmin, PHONE)).isEmpty();
            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND,
                    () -> crm.customers().update(otherAdmin, CustomerUpdate.of(c).fullName("Hacked").build()));
            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND,
                    () -> crm.customers().delete(otherAdmin, c.id()));
            assertThat(reload(c)).isEqualTo(c);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"05301234567", "0530 123 45 67", "(530) 123-4567", "905301234567",
                "+90 530 123 45 67", "5301234567", "+905301234567"})
        @DisplayName("a customer is found by its phone written in any form")
        void findsByPhoneInAnyForm(String written) {
            Customer c = create("Ayşe Yılmaz", "05301234567");
            create("Mehmet Kaya", "0532 111 22 33");

            assertThat(crm.customers().findByPhone(admin, written)).contains(c);
        }

        @Test
        @DisplayName("a phone no customer has finds nothing")
        void unknownPhoneFindsNothing() {
            create("Ayşe Yılmaz", "05301234567");

            assertThat(crm.customers().findByPhone(admin, "0532 111 22 33")).isEmpty();
        }
    }

    @Nested
    @DisplayName("Updating a customer")
    class Update {

        private Customer customer;

        @BeforeEach
        void createCustomer() {
            customer = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67")
                    .email("ayse@example.com").company("Yılmaz Tekstil").build());
            tick();
        }

        @Test
        @DisplayName("the changed fields are stored, the version increases and updatedAt is stamped")
        void appliesChange() {
            Customer updated = crm.customers().update(admin, CustomerUpdate.of(customer)
                    .fullName("  Ayşe   Kaya ").segment(Segment.VIP).email("AYSE@KAYA.COM.TR").build());

            assertThat(updated.fullName()).isEqualTo("Ayşe Kaya");
            assertThat(updated.segment()).isEqualTo(Segment.VIP);
            assertThat(updated.email()).isEqualTo("AYSE@kaya.com.tr");
            assertThat(updated.company()).isEqualTo("Yılmaz Tekstil");
            assertThat(updated.version()).isGreaterThan(customer.version());
            assertThat(updated.updatedAt()).isEqualTo(clock.instant());
            assertThat(updated.createdAt()).isEqualTo(customer.createdAt());
            assertThat(reload(customer)).isEqualTo(updated);
        }

        @Test
        @DisplayName("every successful change increases the version again")
        void versionIncreasesEveryTime() {
            Customer v2 = crm.customers().update(admin, CustomerUpdate.of(customer).queue("inbound").build());
            Customer v3 = crm.customers().update(admin, CustomerUpdate.of(v2).queue("outbound").build());

            assertThat(v2.version()).isGreaterThan(customer.version());
            assertThat(v3.version()).isGreaterThan(v2.version());
        }

        @Test
        @DisplayName("an update at a stale version is VERSION_CONFLICT and changes nothing")
        void rejectsStaleVersion() {
            Customer current = crm.customers().update(admin, CustomerUpdate.of(customer).segment(Segment.RISK).build());
            int entries = timeline(customer.id()).size();

            assertFails(ConflictException.class, ErrorCode.VERSION_CONFLICT,
                    () -> crm.customers().update(admin, CustomerUpdate.of(customer).fullName("Ayşe Kaya").build()));

            assertUnchanged(current, entries);
            assertThat(reload(customer).fullName()).isEqualTo("Ayşe Yılmaz");
            assertThat(reload(customer).segment()).isEqualTo(Segment.RISK);
        }

        @Test
        @DisplayName("a field set to null is cleared")
        void clearsField() {
            Customer updated = crm.customers().update(admin, CustomerUpdate.of(customer).email(null).company(null).build());

            assertThat(updated.email()).isNull();
            assertThat(updated.company()).isNull();
            assertThat(reload(customer).email()).isNull();
        }

        @Test
        @DisplayName("a change writes one LOG entry naming each changed field with its old and new value")
        void logsFieldChanges() {
            int before = timeline(customer.id()).size();

            crm.customers().update(admin, CustomerUpdate.of(customer)
                    .fullName("Ayşe Kaya").segment(Segment.VIP).email(null).company("Yılmaz Tekstil").build());

            List<Activity> entries = timeline(customer.id());
            assertThat(entries).hasSize(before + 1);
            Activity log = entries.get(0);
            assertThat(log.type()).isEqualTo(ActivityType.LOG);
            assertThat(log.actorId()).isEqualTo("boss");
            assertThat(log.at()).isEqualTo(clock.instant());
            assertThat(log.changes()).containsExactlyInAnyOrder(
                    new FieldChange("fullName", "Ayşe Yılmaz", "Ayşe Kaya"),
                    new FieldChange("segment", "NORMAL", "VIP"),
                    new FieldChange("email", "ayse@example.com", null));
        }

        @Test
        @DisplayName("a national id change is logged masked")
        void logsNationalIdMasked() {
            Customer withId = crm.customers().update(admin, CustomerUpdate.of(customer).nationalId(NATIONAL_ID).build());
            crm.customers().update(admin, CustomerUpdate.of(withId).nationalId(OTHER_NATIONAL_ID).build());

            List<Activity> entries = timeline(customer.id());
            assertThat(entries.get(1).changes()).containsExactly(new FieldChange("nationalId", null, "*******0146"));
            assertThat(entries.get(0).changes())
                    .containsExactly(new FieldChange("nationalId", "*******0146", "*******8950"));
            assertThat(entries).noneMatch(a -> mentions(a, NATIONAL_ID) || mentions(a, OTHER_NATIONAL_ID));
        }

        @Test
        @DisplayName("another phone is PHONE_IMMUTABLE and changes nothing")
        void rejectsPhoneChange() {
            int entries = timeline(customer.id()).size();

            assertThat(violationCodes(() -> crm.customers().update(admin, CustomerUpdate.of(customer)
                    .set(CustomerField.PHONE, "0532 111 22 33").fullName("Ayşe Kaya").build())))
                    .contains(ErrorCode.PHONE_IMMUTABLE);

            assertUnchanged(customer, entries);
            assertThat(crm.customers().findByPhone(admin, PHONE_2)).isEmpty();
        }

        @Test
        @DisplayName("the same phone in another form is no change at all")
        void samePhoneIsNoChange() {
            int entries = timeline(customer.id()).size();

            Customer result = crm.customers().update(admin, CustomerUpdate.of(customer)
                    .set(CustomerField.PHONE, "+90 (530) 123 45 67").build());

            assertThat(result).isEqualTo(customer);
            assertUnchanged(customer, entries);
        }

        @Test
        @DisplayName("an update that changes nothing writes no activity and keeps the version")
        void noEffectiveChangeWritesNothing() {
            int entries = timeline(customer.id()).size();

            Customer result = crm.customers().update(admin, CustomerUpdate.of(customer)
                    .fullName("  Ayşe    Yılmaz ").email("ayse@EXAMPLE.com").company("Yılmaz Tekstil")
                    .segment(Segment.NORMAL).build());

            assertThat(result.version()).isEqualTo(customer.version());
            assertThat(result.updatedAt()).isEqualTo(customer.updatedAt());
            assertUnchanged(customer, entries);
        }

        @Test
        @DisplayName("a total amount equal to the stored one at another scale is no change")
        void numericallyEqualAmountIsNoChange() {
            Customer withAmount = crm.customers().update(admin,
                    CustomerUpdate.of(customer).totalAmount(new BigDecimal("1500")).build());
            int entries = timeline(customer.id()).size();

            Customer same = crm.customers().update(admin,
                    CustomerUpdate.of(withAmount).totalAmount(new BigDecimal("1500.00")).build());

            assertThat(same.version()).isEqualTo(withAmount.version());
            assertUnchanged(withAmount, entries);
        }

        @Test
        @DisplayName("every broken rule of an update is reported at once and nothing changes")
        void reportsEveryViolation() {
            int entries = timeline(customer.id()).size();

            assertThat(violationCodes(() -> crm.customers().update(admin, CustomerUpdate.of(customer)
                    .fullName("   ").email("ayse@").nationalId("10000000147").representative("nobody")
                    .segment(Segment.VIP).build())))
                    .containsExactlyInAnyOrder(ErrorCode.NAME_REQUIRED, ErrorCode.EMAIL_INVALID,
                            ErrorCode.NATIONAL_ID_INVALID, ErrorCode.REPRESENTATIVE_UNKNOWN);

            assertUnchanged(customer, entries);
        }

        @Test
        @DisplayName("the name cannot be cleared")
        void nameCannotBeCleared() {
            int entries = timeline(customer.id()).size();

            assertThat(violationCodes(() -> crm.customers().update(admin, CustomerUpdate.of(customer).fullName(null).build())))
                    .containsExactly(ErrorCode.NAME_REQUIRED);

            assertUnchanged(customer, entries);
        }

        @Test
        @DisplayName("assigning a representative moves the current one to previous and stamps assignedAt")
        void assignsRepresentative() {
            Customer first = crm.customers().update(admin, CustomerUpdate.of(customer).representative("ayse").build());
            Instant firstAssignment = clock.instant();
            assertThat(first.representative()).isEqualTo("ayse");
            assertThat(first.previousRepresentative()).isNull();
            assertThat(first.assignedAt()).isEqualTo(firstAssignment);

            tick(Duration.ofHours(2));
            Customer second = crm.customers().update(admin, CustomerUpdate.of(first).representative("mehmet").build());

            assertThat(second.representative()).isEqualTo("mehmet");
            assertThat(second.previousRepresentative()).isEqualTo("ayse");
            assertThat(second.assignedAt()).isEqualTo(clock.instant()).isAfter(firstAssignment);
            assertThat(reload(customer)).isEqualTo(second);
            assertThat(timeline(customer.id()).get(0).changes())
                    .contains(new FieldChange("representative", "ayse", "mehmet"));
        }

        @Test
        @DisplayName("assigning the current representative again changes nothing")
        void reassigningSameRepresentativeIsNoChange() {
            Customer first = crm.customers().update(admin, CustomerUpdate.of(customer).representative("ayse").build());
            Customer second = crm.customers().update(admin, CustomerUpdate.of(first).representative("mehmet").build());
            int entries = timeline(customer.id()).size();
            tick();

            Customer again = crm.customers().update(admin, CustomerUpdate.of(second).representative("mehmet").build());

            assertThat(again.previousRepresentative()).isEqualTo("ayse");
            assertThat(again.assignedAt()).isEqualTo(second.assignedAt());
            assertUnchanged(second, entries);
        }

        @Test
        @DisplayName("two updates from the same read: the second is VERSION_CONFLICT and the first one's value stays")
        void secondWriterLoses() {
            crm.customers().update(admin, CustomerUpdate.of(customer).queue("first").build());

            assertFails(ConflictException.class, ErrorCode.VERSION_CONFLICT,
                    () -> crm.customers().update(admin, CustomerUpdate.of(customer).queue("second").build()));

            assertThat(reload(customer).queue()).isEqualTo("first");
        }

        @Test
        @DisplayName("a CONTRIBUTE user cannot update; an EDIT user can")
        void needsEditToUpdate() {
            int entries = timeline(customer.id()).size();
            Actor contributor = userWithLevel("ayse", PermissionLevel.CONTRIBUTE, "agents");

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customers().update(contributor, CustomerUpdate.of(customer).segment(Segment.VIP).build()));
            assertUnchanged(customer, entries);

            Actor editor = agentWith(PermissionLevel.EDIT);
            assertThat(crm.customers().update(editor, CustomerUpdate.of(customer).segment(Segment.VIP).build()).segment())
                    .isEqualTo(Segment.VIP);
            assertThat(timeline(customer.id()).get(0).actorId()).isEqualTo("mehmet");
        }

        @Test
        @DisplayName("updating an unknown customer is CUSTOMER_NOT_FOUND")
        void unknownCustomerIsNotFound() {
            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND,
                    () -> crm.customers().update(admin, CustomerUpdate.of(customer.id() + 1000, 1).fullName("X").build()));
        }
    }

    @Nested
    @DisplayName("The national id")
    class NationalIdMasking {

        private Customer customer;

        @BeforeEach
        void createCustomer() {
            customer = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67")
                    .nationalId(" " + NATIONAL_ID + " ").build());
        }

        @Test
        @DisplayName("is masked in every read: create, get, findByPhone, search and update")
        void isMaskedInEveryRead() {
            Actor agent = agentWith(PermissionLevel.EDIT);

            assertThat(customer.nationalId()).isEqualTo("*******0146");
            assertThat(crm.customers().get(admin, customer.id()).nationalId()).isEqualTo("*******0146");
            assertThat(crm.customers().get(agent, customer.id()).nationalId()).isEqualTo("*******0146");
            assertThat(crm.customers().findByPhone(admin, PHONE)).get().extracting(Customer::nationalId)
                    .isEqualTo("*******0146");
            assertThat(crm.customers().search(admin, CustomerQuery.text("ayşe")).items())
                    .extracting(Customer::nationalId).containsExactly("*******0146");
            assertThat(crm.customers().update(admin, CustomerUpdate.of(customer).queue("q").build()).nationalId())
                    .isEqualTo("*******0146");
            assertThat(crm.customers().recordContact(admin, customer.id(), PHONE).nationalId())
                    .isEqualTo("*******0146");
        }

        @Test
        @DisplayName("is revealed unmasked to the tenant's admin")
        void isRevealedToAdmin() {
            assertThat(crm.customers().revealNationalId(admin, customer.id())).contains(NATIONAL_ID);
        }

        @Test
        @DisplayName("is revealed to a user granted MANAGE")
        void isRevealedToManager() {
            Actor manager = userWithLevel("zeynep", PermissionLevel.MANAGE, "finance");

            assertThat(crm.customers().revealNationalId(manager, customer.id())).contains(NATIONAL_ID);
        }

        @Test
        @DisplayName("is not revealed to an EDIT user")
        void isNotRevealedToEditor() {
            Actor editor = agentWith(PermissionLevel.EDIT);

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customers().revealNationalId(editor, customer.id()));
        }

        @Test
        @DisplayName("is not revealed to another tenant's admin")
        void isNotRevealedToOtherTenant() {
            Throwable t = catchThrowable(() -> crm.customers().revealNationalId(otherAdmin, customer.id()));

            assertThat(t).isInstanceOf(NotFoundException.class);
            assertThat(((CrmException) t).code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND);
        }

        @Test
        @DisplayName("revealing for a customer without one gives nothing")
        void revealingAbsentIdGivesNothing() {
            Customer other = create("Mehmet Kaya", "0532 111 22 33");

            assertThat(other.nationalId()).isNull();
            assertThat(crm.customers().revealNationalId(admin, other.id())).isEmpty();
        }

        @Test
        @DisplayName("can be cleared by an update")
        void canBeCleared() {
            Customer cleared = crm.customers().update(admin, CustomerUpdate.of(customer).nationalId(null).build());

            assertThat(cleared.nationalId()).isNull();
            assertThat(crm.customers().revealNationalId(admin, customer.id())).isEmpty();
            assertThat(timeline(customer.id()).get(0).changes())
                    .containsExactly(new FieldChange("nationalId", "*******0146", null));
        }
    }

    @Nested
    @DisplayName("Deleting a customer")
    class Delete {

        private Customer customer;
        private Customer bystander;

        @BeforeEach
        void createCustomers() {
            crm.customFields().define(admin, CustomFieldDefinition.builder("loyalty", "Sadakat", FieldType.TEXT).build());
            Customer c = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67")
                    .nationalId(NATIONAL_ID).email("ayse@example.com").customField("loyalty", "gold").build());
            c = crm.customers().addPhone(admin, c.id(), NewPhone.of("0532 111 22 33"));
            crm.activities().addNote(admin, c.id(), "called about the invoice");
            customer = crm.customers().recordContact(admin, c.id(), PHONE);
            bystander = create("Mehmet Kaya", "0542 111 22 33");
            tick();
        }

        @Test
        @DisplayName("the customer is gone: get and timeline are CUSTOMER_NOT_FOUND, phone and search find nothing")
        void removesCustomer() {
            crm.customers().delete(admin, customer.id());

            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND, () -> crm.customers().get(admin, customer.id()));
            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND,
                    () -> crm.activities().timeline(admin, customer.id(), ActivityQuery.newest()));
            assertThat(crm.customers().findByPhone(admin, PHONE)).isEmpty();
            assertThat(crm.customers().search(admin, CustomerQuery.text("ayşe")).items()).isEmpty();
            assertThat(crm.customers().search(admin, CustomerQuery.text("0532 111 22 33")).items()).isEmpty();
            assertThat(crm.customers().count(admin, CustomerQuery.all())).isEqualTo(1);
        }

        @Test
        @DisplayName("its activities leave the tenant's feed too")
        void removesActivities() {
            crm.customers().delete(admin, customer.id());

            List<Activity> feed = crm.activities().feed(admin, ActivityQuery.newest(1000)).items();
            assertThat(feed).isNotEmpty().noneMatch(a -> a.customerId() == customer.id());
            assertThat(feed).anyMatch(a -> a.customerId() == bystander.id());
        }

        @Test
        @DisplayName("the phone is free again, and a new customer with it starts with no phones, activities or values of the old one")
        void freesPhone() {
            crm.customers().delete(admin, customer.id());

            Customer again = create("Ayşe Demir", "05301234567");

            assertThat(again.id()).isNotEqualTo(customer.id());
            assertThat(numbers(again)).containsExactly(PHONE);
            assertThat(again.customFields()).isEmpty();
            assertThat(again.nationalId()).isNull();
            assertThat(again.email()).isNull();
            assertThat(again.totalContacts()).isZero();
            assertThat(again.phones().get(0).totalContacts()).isZero();
            assertThat(timeline(again.id())).hasSize(1);
            assertThat(crm.customers().findByPhone(admin, "0530 123 45 67")).contains(again);
        }

        @Test
        @DisplayName("an audit entry remains with who, when and the customer id, and nothing personal")
        void leavesAuditEntry() {
            crm.customers().delete(admin, customer.id());

            AuditEntry entry = crm.activities().auditLog(admin, 10).get(0);
            assertThat(entry.actorId()).isEqualTo("boss");
            assertThat(entry.at()).isEqualTo(clock.instant());
            assertThat(entry.subject()).isEqualTo(Long.toString(customer.id()));
            assertThat(entry.action()).isEqualTo("CUSTOMER_DELETED");
            for (String personal : List.of("Ayşe", "Yılmaz", "5301234567", NATIONAL_ID, "0146", "ayse@example.com")) {
                assertThat(List.of(entry.actorId(), entry.action(), entry.subject())).noneMatch(s -> s.contains(personal));
            }
        }

        @Test
        @DisplayName("other customers keep their data")
        void keepsOtherCustomers() {
            int entries = timeline(bystander.id()).size();

            crm.customers().delete(admin, customer.id());

            assertUnchanged(bystander, entries);
        }

        @Test
        @DisplayName("deleting an unknown or already deleted customer is CUSTOMER_NOT_FOUND")
        void unknownIsNotFound() {
            crm.customers().delete(admin, customer.id());

            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND, () -> crm.customers().delete(admin, customer.id()));
            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND,
                    () -> crm.customers().delete(admin, customer.id() + 1000));
        }

        @Test
        @DisplayName("a CONTRIBUTE user cannot delete; an EDIT user can")
        void needsEditToDelete() {
            int entries = timeline(customer.id()).size();
            Actor contributor = userWithLevel("ayse", PermissionLevel.CONTRIBUTE, "agents");

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customers().delete(contributor, customer.id()));
            assertUnchanged(customer, entries);

            crm.customers().delete(agentWith(PermissionLevel.EDIT), customer.id());
            assertThat(crm.customers().findByPhone(admin, PHONE)).isEmpty();
        }
    }

    @Nested
    @DisplayName("Phone numbers")
    class Phones {

        private Customer customer;

        @BeforeEach
        void createCustomer() {
            customer = create("Ayşe Yılmaz", "0530 123 45 67");
            tick();
        }

        @Test
        @DisplayName("an added number is stored in E.164 after the primary with its status, favourite flag and owner")
        void addsPhone() {
            Customer c = crm.customers().addPhone(admin, customer.id(),
                    new NewPhone("0532 111 22 33", PhoneStatus.SUSPICIOUS, false, "spouse"));

            assertThat(numbers(c)).containsExactly(PHONE, PHONE_2);
            assertThat(c.phone()).isEqualTo(PhoneNumber.of(PHONE));
            CustomerPhone added = phoneOf(c, PHONE_2);
            assertThat(added.status()).isEqualTo(PhoneStatus.SUSPICIOUS);
            assertThat(added.favorite()).isFalse();
            assertThat(added.owner()).isEqualTo("spouse");
            assertThat(c.version()).isGreaterThan(customer.version());
            assertThat(reload(customer)).isEqualTo(c);
        }

        @Test
        @DisplayName("a number added without status is ACTIVE")
        void addedPhoneDefaultsToActive() {
            Customer c = crm.customers().addPhone(admin, customer.id(), new NewPhone("0532 111 22 33", null, false, null));

            assertThat(phoneOf(c, PHONE_2).status()).isEqualTo(PhoneStatus.ACTIVE);
            assertThat(phoneOf(c, PHONE_2).owner()).isNull();
        }

        @Test
        @DisplayName("adding a number is logged")
        void addingIsLogged() {
            int before = timeline(customer.id()).size();

            crm.customers().addPhone(admin, customer.id(), NewPhone.of("0532 111 22 33"));

            List<Activity> entries = timeline(customer.id());
            assertThat(entries).hasSize(before + 1);
            assertThat(entries.get(0).type()).isEqualTo(ActivityType.LOG);
            assertThat(entries.get(0).at()).isEqualTo(clock.instant());
            assertThat(mentions(entries.get(0), PHONE_2)).as("the entry names the number").isTrue();
        }

        @Test
        @DisplayName("a number the customer already has, in any form, is PHONE_ALREADY_ON_CUSTOMER")
        void rejectsNumberAlreadyOnCustomer() {
            Customer c = crm.customers().addPhone(admin, customer.id(), NewPhone.of("0532 111 22 33"));
            int entries = timeline(customer.id()).size();

            assertFails(CrmException.class, ErrorCode.PHONE_ALREADY_ON_CUSTOMER,
                    () -> crm.customers().addPhone(admin, customer.id(), NewPhone.of("+90 532 111 22 33")));
            assertFails(CrmException.class, ErrorCode.PHONE_ALREADY_ON_CUSTOMER,
                    () -> crm.customers().addPhone(admin, customer.id(), NewPhone.of("5301234567")));

            assertUnchanged(c, entries);
        }

        @Test
        @DisplayName("an invalid number is PHONE_INVALID")
        void rejectsInvalidNumber() {
            int entries = timeline(customer.id()).size();

            assertThat(violationCodes(() -> crm.customers().addPhone(admin, customer.id(), NewPhone.of("12345"))))
                    .containsExactly(ErrorCode.PHONE_INVALID);

            assertUnchanged(customer, entries);
        }

        @Test
        @DisplayName("favourites are listed right after the primary, in the order added, then the others")
        void listsFavouritesFirst() {
            long id = customer.id();
            crm.customers().addPhone(admin, id, new NewPhone("0532 111 22 33", null, false, null));
            crm.customers().addPhone(admin, id, new NewPhone("0542 111 22 33", null, true, null));
            crm.customers().addPhone(admin, id, new NewPhone("0505 555 66 77", null, false, null));
            Customer c = crm.customers().addPhone(admin, id, new NewPhone("0212 555 66 77", null, true, null));

            assertThat(numbers(c)).containsExactly(PHONE, PHONE_3, PHONE_5, PHONE_2, PHONE_4);
            assertThat(numbers(reload(c))).containsExactly(PHONE, PHONE_3, PHONE_5, PHONE_2, PHONE_4);

            Customer changed = crm.customers().updatePhone(admin, id, PHONE_2, PhoneChange.favorite(true));
            assertThat(numbers(changed).get(0)).isEqualTo(PHONE);
            assertThat(numbers(changed).subList(1, 4)).containsExactlyInAnyOrder(PHONE_2, PHONE_3, PHONE_5);
            assertThat(numbers(changed).get(4)).isEqualTo(PHONE_4);
        }

        @Test
        @DisplayName("a favourite primary number stays first")
        void primaryStaysFirst() {
            crm.customers().addPhone(admin, customer.id(), new NewPhone("0532 111 22 33", null, true, null));

            Customer c = crm.customers().updatePhone(admin, customer.id(), PHONE, PhoneChange.favorite(true));

            assertThat(numbers(c)).containsExactly(PHONE, PHONE_2);
            assertThat(c.phone()).isEqualTo(PhoneNumber.of(PHONE));
        }

        @Test
        @DisplayName("updating a number changes only the given parts and is logged")
        void updatesPhone() {
            crm.customers().addPhone(admin, customer.id(), new NewPhone("0532 111 22 33", PhoneStatus.MANUAL, false, "spouse"));
            int before = timeline(customer.id()).size();
            tick();

            Customer c = crm.customers().updatePhone(admin, customer.id(), "0532 111 22 33",
                    PhoneChange.status(PhoneStatus.INVALID));

            CustomerPhone p = phoneOf(c, PHONE_2);
            assertThat(p.status()).isEqualTo(PhoneStatus.INVALID);
            assertThat(p.owner()).isEqualTo("spouse");
            assertThat(p.favorite()).isFalse();
            assertThat(reload(customer)).isEqualTo(c);
            List<Activity> entries = timeline(customer.id());
            assertThat(entries).hasSize(before + 1);
            assertThat(entries.get(0).type()).isEqualTo(ActivityType.LOG);
            assertThat(mentions(entries.get(0), PHONE_2)).as("the entry names the number").isTrue();

            Customer owned = crm.customers().updatePhone(admin, customer.id(), PHONE_2, PhoneChange.owner("sibling"));
            assertThat(phoneOf(owned, PHONE_2).owner()).isEqualTo("sibling");
            assertThat(phoneOf(owned, PHONE_2).status()).isEqualTo(PhoneStatus.INVALID);
        }

        @Test
        @DisplayName("an empty owner clears the owner label")
        void emptyOwnerClears() {
            crm.customers().addPhone(admin, customer.id(), new NewPhone("0532 111 22 33", null, false, "spouse"));

            Customer c = crm.customers().updatePhone(admin, customer.id(), PHONE_2, PhoneChange.owner(""));

            assertThat(phoneOf(c, PHONE_2).owner()).isNull();
        }

        @Test
        @DisplayName("a phone update that changes nothing writes no activity and keeps the version")
        void noOpPhoneUpdate() {
            Customer c = crm.customers().addPhone(admin, customer.id(), new NewPhone("0532 111 22 33", null, false, null));
            int entries = timeline(customer.id()).size();

            Customer same = crm.customers().updatePhone(admin, customer.id(), PHONE_2, PhoneChange.status(PhoneStatus.ACTIVE));

            assertThat(same.version()).isEqualTo(c.version());
            assertUnchanged(c, entries);
        }

        @Test
        @DisplayName("the primary number's status can change too")
        void updatesPrimary() {
            Customer c = crm.customers().updatePhone(admin, customer.id(), "0530 123 45 67",
                    PhoneChange.status(PhoneStatus.SUSPICIOUS));

            assertThat(c.phones().get(0).status()).isEqualTo(PhoneStatus.SUSPICIOUS);
            assertThat(reload(customer).phones().get(0).status()).isEqualTo(PhoneStatus.SUSPICIOUS);
        }

        @Test
        @DisplayName("updating or removing a number the customer does not have is PHONE_NOT_FOUND")
        void unknownNumberIsNotFound() {
            int entries = timeline(customer.id()).size();

            assertFails(CrmException.class, ErrorCode.PHONE_NOT_FOUND,
                    () -> crm.customers().updatePhone(admin, customer.id(), "0532 111 22 33", PhoneChange.favorite(true)));
            assertFails(CrmException.class, ErrorCode.PHONE_NOT_FOUND,
                    () -> crm.customers().removePhone(admin, customer.id(), "0532 111 22 33"));
            assertFails(CrmException.class, ErrorCode.PHONE_NOT_FOUND,
                    () -> crm.customers().recordContact(admin, customer.id(), "0532 111 22 33"));

            assertUnchanged(customer, entries);
        }

        @Test
        @DisplayName("a number is removed for good and the removal is logged")
        void removesPhone() {
            crm.customers().addPhone(admin, customer.id(), NewPhone.of("0532 111 22 33"));
            crm.customers().addPhone(admin, customer.id(), NewPhone.of("0542 111 22 33"));
            int before = timeline(customer.id()).size();
            tick();

            Customer c = crm.customers().removePhone(admin, customer.id(), "+90 532 111 22 33");

            assertThat(numbers(c)).containsExactly(PHONE, PHONE_3);
            assertThat(reload(customer)).isEqualTo(c);
            List<Activity> entries = timeline(customer.id());
            assertThat(entries).hasSize(before + 1);
            assertThat(entries.get(0).type()).isEqualTo(ActivityType.LOG);
            assertThat(mentions(entries.get(0), PHONE_2)).as("the entry names the number").isTrue();
            assertFails(CrmException.class, ErrorCode.PHONE_NOT_FOUND,
                    () -> crm.customers().removePhone(admin, customer.id(), PHONE_2));
            assertThat(crm.customers().search(admin, CustomerQuery.text("0532 111 22 33")).items()).isEmpty();
        }

        @Test
        @DisplayName("a removed number can be added again, with fresh counters")
        void removedNumberCanReturn() {
            crm.customers().addPhone(admin, customer.id(), NewPhone.of("0532 111 22 33"));
            crm.customers().recordContact(admin, customer.id(), PHONE_2);
            crm.customers().removePhone(admin, customer.id(), PHONE_2);

            Customer c = crm.customers().addPhone(admin, customer.id(), NewPhone.of("0532 111 22 33"));

            assertThat(numbers(c)).containsExactly(PHONE, PHONE_2);
            assertThat(phoneOf(c, PHONE_2).totalContacts()).isZero();
            assertThat(phoneOf(c, PHONE_2).todayContacts()).isZero();
        }

        @Test
        @DisplayName("the primary number cannot be removed: PRIMARY_PHONE_REQUIRED")
        void primaryCannotBeRemoved() {
            Customer c = crm.customers().addPhone(admin, customer.id(), NewPhone.of("0532 111 22 33"));
            int entries = timeline(customer.id()).size();

            assertFails(CrmException.class, ErrorCode.PRIMARY_PHONE_REQUIRED,
                    () -> crm.customers().removePhone(admin, customer.id(), "0530 123 45 67"));

            assertUnchanged(c, entries);
        }

        @Test
        @DisplayName("a CONTRIBUTE user cannot add, change or remove numbers")
        void needsEditForPhones() {
            Customer c = crm.customers().addPhone(admin, customer.id(), NewPhone.of("0532 111 22 33"));
            int entries = timeline(customer.id()).size();
            Actor contributor = agentWith(PermissionLevel.CONTRIBUTE);

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customers().addPhone(contributor, customer.id(), NewPhone.of("0542 111 22 33")));
            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customers().updatePhone(contributor, customer.id(), PHONE_2, PhoneChange.favorite(true)));
            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customers().removePhone(contributor, customer.id(), PHONE_2));

            assertUnchanged(c, entries);
        }

        @Test
        @DisplayName("numbers added from several threads at once are all kept")
        void keepsConcurrentlyAddedNumbers() throws Exception {
            int threads = 4;
            int perThread = 10;
            runTogether(threads, thread -> {
                for (int i = 0; i < perThread; i++) {
                    crm.customers().addPhone(admin, customer.id(),
                            NewPhone.of(String.format("0542300%02d%02d", thread, i)));
                }
            });

            Customer c = reload(customer);
            assertThat(c.phones()).hasSize(1 + threads * perThread);
            assertThat(numbers(c)).doesNotHaveDuplicates().startsWith(PHONE);
            assertThat(c.version()).isGreaterThanOrEqualTo(customer.version() + threads * perThread);
        }

        @Test
        @DisplayName("numbers of an unknown customer are CUSTOMER_NOT_FOUND")
        void unknownCustomerIsNotFound() {
            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND,
                    () -> crm.customers().addPhone(admin, customer.id() + 1000, NewPhone.of("0532 111 22 33")));
            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND,
                    () -> crm.customers().recordContact(admin, customer.id() + 1000, PHONE));
        }
    }

    @Nested
    @DisplayName("Contact counters")
    class Contacts {

        private Customer customer;

        @BeforeEach
        void createCustomer() {
            Customer c = create("Ayşe Yılmaz", "0530 123 45 67");
            customer = crm.customers().addPhone(admin, c.id(), NewPhone.of("0532 111 22 33"));
        }

        @Test
        @DisplayName("each contact counts on its number today and in total, and on the customer")
        void countsContacts() {
            tick(Duration.ofMinutes(5));
            crm.customers().recordContact(admin, customer.id(), "0530 123 45 67");
            tick(Duration.ofMinutes(5));
            crm.customers().recordContact(admin, customer.id(), "+905301234567");
            tick(Duration.ofMinutes(5));
            Customer c = crm.customers().recordContact(admin, customer.id(), "0532 111 22 33");

            assertThat(phoneOf(c, PHONE).todayContacts()).isEqualTo(2);
            assertThat(phoneOf(c, PHONE).totalContacts()).isEqualTo(2);
            assertThat(phoneOf(c, PHONE_2).todayContacts()).isEqualTo(1);
            assertThat(phoneOf(c, PHONE_2).totalContacts()).isEqualTo(1);
            assertThat(c.totalContacts()).isEqualTo(3);
            assertThat(c.lastContactAt()).isEqualTo(clock.instant());
            assertThat(reload(customer)).isEqualTo(c);
        }

        @Test
        @DisplayName("today's count resets at midnight in the tenant's zone (Europe/Istanbul by default), the total does not")
        void todayResetsAtTenantMidnight() {
            clock.set(Instant.parse("2026-03-02T20:30:00Z")); // 23:30 in Istanbul
            crm.customers().recordContact(admin, customer.id(), PHONE);
            clock.set(Instant.parse("2026-03-02T20:59:59Z")); // 23:59:59 in Istanbul
            Customer late = crm.customers().recordContact(admin, customer.id(), PHONE);
            assertThat(phoneOf(late, PHONE).todayContacts()).isEqualTo(2);

            clock.set(Instant.parse("2026-03-02T21:30:00Z")); // 00:30 on 3 March in Istanbul, still 2 March in UTC
            Customer nextDay = reload(customer);
            assertThat(phoneOf(nextDay, PHONE).todayContacts()).isZero();
            assertThat(phoneOf(nextDay, PHONE).totalContacts()).isEqualTo(2);

            Customer again = crm.customers().recordContact(admin, customer.id(), PHONE);
            assertThat(phoneOf(again, PHONE).todayContacts()).isEqualTo(1);
            assertThat(phoneOf(again, PHONE).totalContacts()).isEqualTo(3);
            assertThat(again.totalContacts()).isEqualTo(3);
        }

        @Test
        @DisplayName("each tenant counts today in its own zone")
        void todayFollowsEachTenantsZone() {
            Crm zoned = Crm.builder(storage).userDirectory(users).clock(clock)
                    .tenantZones(t -> t.equals(GLOBEX) ? ZoneOffset.UTC : ZoneId.of("Europe/Istanbul")).build();
            Customer globex = zoned.customers().create(otherAdmin, NewCustomer.builder("Mehmet Kaya", "0530 123 45 67").build());

            clock.set(Instant.parse("2026-03-02T20:30:00Z")); // 23:30 in Istanbul, 20:30 in UTC
            zoned.customers().recordContact(admin, customer.id(), PHONE);
            zoned.customers().recordContact(otherAdmin, globex.id(), PHONE);
            clock.set(Instant.parse("2026-03-02T21:30:00Z")); // the next day in Istanbul, the same day in UTC

            assertThat(phoneOf(zoned.customers().recordContact(admin, customer.id(), PHONE), PHONE).todayContacts())
                    .isEqualTo(1);
            assertThat(phoneOf(zoned.customers().recordContact(otherAdmin, globex.id(), PHONE), PHONE).todayContacts())
                    .isEqualTo(2);
        }

        @Test
        @DisplayName("today's count of a day without contacts is zero, whatever was counted the day before")
        void staleDayReadsZero() {
            crm.customers().recordContact(admin, customer.id(), PHONE_2);
            crm.customers().recordContact(admin, customer.id(), PHONE_2);

            tick(Duration.ofDays(3));
            Customer c = reload(customer);

            assertThat(phoneOf(c, PHONE_2).todayContacts()).isZero();
            assertThat(phoneOf(c, PHONE_2).totalContacts()).isEqualTo(2);
            assertThat(c.totalContacts()).isEqualTo(2);
            assertThat(c.lastContactAt()).isEqualTo(START);
        }

        @Test
        @DisplayName("a CONTRIBUTE user may record contacts; a VIEW user may not")
        void needsContributeToRecord() {
            Actor viewer = Actor.user(ACME, "zeynep", "finance");
            Customer before = reload(customer);

            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED,
                    () -> crm.customers().recordContact(viewer, customer.id(), PHONE));
            assertThat(reload(customer)).isEqualTo(before);

            Customer c = crm.customers().recordContact(agentWith(PermissionLevel.CONTRIBUTE), customer.id(), PHONE);
            assertThat(c.totalContacts()).isEqualTo(1);
        }

        @Test
        @DisplayName("contacts are counted exactly under concurrent calls")
        void countsConcurrentContacts() throws Exception {
            int threads = 4;
            int perThread = 25;
            runTogether(threads, thread -> {
                String number = thread % 2 == 0 ? PHONE : PHONE_2;
                for (int i = 0; i < perThread; i++) {
                    crm.customers().recordContact(admin, customer.id(), number);
                }
            });

            Customer c = reload(customer);
            assertThat(c.totalContacts()).isEqualTo((long) threads * perThread);
            assertThat(phoneOf(c, PHONE).totalContacts()).isEqualTo(2L * perThread);
            assertThat(phoneOf(c, PHONE_2).totalContacts()).isEqualTo(2L * perThread);
            assertThat(phoneOf(c, PHONE).todayContacts()).isEqualTo(2 * perThread);
        }
    }

    @Nested
    @DisplayName("the hover card")
    class HoverCard {

        private Customer customer;
        private Actor agent;

        @BeforeEach
        void aCustomerWithWorkAndATimeline() {
            crm.customFields().define(admin, CustomFieldDefinition.builder("gelir", "Gelir", FieldType.NUMBER)
                    .visibleTo("finance").build());
            customer = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "05301234567")
                    .customField("gelir", new BigDecimal("5000")).build());
            agent = agentWith(PermissionLevel.VIEW);
        }

        private WorkItem task(String title, Instant due) {
            return crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, title).customer(customer.id())
                    .dueAt(due).build());
        }

        @Test
        @DisplayName("shows the customer as the actor may see it, open work overdue first, and the newest entries")
        void showsCustomerOpenWorkAndLatestActivities() {
            WorkItem noDue = task("Ara", null);
            WorkItem later = task("Teklif", START.plus(Duration.ofDays(3)));
            WorkItem overdue = task("Geri dön", START.plus(Duration.ofHours(1)));
            WorkItem done = task("Bitti", START.plus(Duration.ofHours(2)));
            crm.workItems().setDone(admin, done.id(), true, done.version());
            Customer other = create("Mehmet Kaya", "05321112233");
            crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, "Başkası").customer(other.id()).build());
            crm.activities().addNote(admin, customer.id(), "birinci");
            crm.activities().addNote(admin, customer.id(), "ikinci");
            crm.customers().update(admin, CustomerUpdate.of(reload(customer)).customField("gelir", new BigDecimal("6000"))
                    .build());
            crm.activities().addNote(admin, customer.id(), "üçüncü");
            tick(Duration.ofHours(5));

            CustomerCard card = crm.customers().card(agent, customer.id(), 10, 3);

            assertThat(card.customer()).isEqualTo(crm.customers().get(agent, customer.id()));
            assertThat(card.customer().customFields()).doesNotContainKey("gelir");
            assertThat(card.openWork()).extracting(WorkItem::id).containsExactly(overdue.id(), later.id(), noDue.id());
            // The update that changed only a hidden field is not the agent's to see.
            assertThat(card.latestActivities()).extracting(Activity::text).containsExactly("üçüncü", "ikinci", "birinci");
            assertThat(crm.customers().card(agent, customer.id(), 1, 1).openWork()).extracting(WorkItem::id)
                    .containsExactly(overdue.id());
            assertThat(crm.customers().card(admin, customer.id(), 1, 1).latestActivities()).singleElement()
                    .extracting(Activity::text).isEqualTo("üçüncü");
        }

        @Test
        void anUnknownCustomerOrALimitOutOfRangeIsRefused() {
            assertFails(NotFoundException.class, ErrorCode.CUSTOMER_NOT_FOUND,
                    () -> crm.customers().card(agent, customer.id() + 1000, 5, 5));
            assertFails(CrmValidationException.class, ErrorCode.VALUE_INVALID,
                    () -> crm.customers().card(agent, customer.id(), 0, 5));
            assertFails(CrmValidationException.class, ErrorCode.VALUE_INVALID,
                    () -> crm.customers().card(agent, customer.id(), 5, 101));
        }
    }

    @Nested
    @DisplayName("Every built-in field")
    class EveryField {

        @Test
        @DisplayName("each built-in field, those added later too, is stored as given on create and as changed on update")
        void eachFieldIsStoredAndChanged() {
            NewCustomer.Builder given = NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67");
            for (CustomerField field : CustomerField.values()) {
                if (field != CustomerField.FULL_NAME && field != CustomerField.PHONE) {
                    given.set(field, sample(field, 1));
                }
            }
            Customer created = crm.customers().create(admin, given.build());
            assertEveryField(created, 1);
            assertThat(reload(created)).isEqualTo(created);
            tick();

            CustomerUpdate.Builder change = CustomerUpdate.of(created);
            for (CustomerField field : CustomerField.values()) {
                if (field != CustomerField.PHONE) {
                    change.set(field, sample(field, 2));
                }
            }
            Customer updated = crm.customers().update(admin, change.build());
            assertEveryField(updated, 2);
            assertThat(reload(updated)).isEqualTo(updated);
        }

        private void assertEveryField(Customer c, int variant) {
            for (CustomerField field : CustomerField.values()) {
                Object shown;
                try {
                    shown = Customer.class.getMethod(field.key()).invoke(c);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("Customer has no component " + field.key(), e);
                }
                Object expected = field == CustomerField.PHONE ? PhoneNumber.of(PHONE)
                        : field == CustomerField.FULL_NAME && variant == 1 ? "Ayşe Yılmaz"
                        : field == CustomerField.NATIONAL_ID ? NationalId.mask((String) sample(field, variant))
                        : sample(field, variant);
                if (expected instanceof BigDecimal amount) {
                    assertThat((BigDecimal) shown).as(field.key()).isEqualByComparingTo(amount);
                } else {
                    assertThat(shown).as(field.key()).isEqualTo(expected);
                }
            }
        }

        /**
         * A valid value of the field, different for each variant: the fields with a rule of their
         * own get a value that passes it, the others one of their type.
         */
        private Object sample(CustomerField field, int variant) {
            Class<?> type = field.valueType();
            return switch (field) {
                case FULL_NAME -> "Ayşe Kaya";
                case EMAIL -> "ayse" + variant + "@example.com";
                case NATIONAL_ID -> variant == 1 ? NATIONAL_ID : OTHER_NATIONAL_ID;
                case REPRESENTATIVE -> variant == 1 ? "ayse" : "mehmet";
                default -> type == String.class ? field.key() + " değeri " + variant
                        : type == Instant.class ? START.plusSeconds(60L * variant + field.ordinal())
                        : type == BigDecimal.class ? new BigDecimal(variant + "234.56")
                        : type.getEnumConstants()[variant == 1 ? type.getEnumConstants().length - 1 : 0];
            };
        }
    }
}
