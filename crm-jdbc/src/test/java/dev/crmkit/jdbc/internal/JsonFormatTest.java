package dev.crmkit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.PhoneStatus;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.importjob.FieldPolicy;
import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.PhoneRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JSON kept in the stores' columns, pinned: rows written by earlier versions must read back
 * as they were written, whatever maps them now.
 */
class JsonFormatTest {

    static final TenantId TENANT = TenantId.of("acme");

    static CustomerRecord customer() {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("city", "İstanbul");
        custom.put("limit", new BigDecimal("1.50"));
        custom.put("since", LocalDate.of(2024, 2, 29));
        custom.put("vip", true);
        custom.put("tags", List.of("a", "b"));
        return CustomerRecord.builder("Ayşe Yılmaz", PhoneNumber.of("+905301234567"),
                        Instant.parse("2026-01-02T03:04:05.123456Z"))
                .id(42).version(3).type(CustomerType.COMPANY)
                .phones(List.of(
                        new PhoneRecord(PhoneNumber.of("+905301234567"), PhoneStatus.values()[0], true, "ev", 2,
                                LocalDate.of(2026, 1, 2), 7),
                        PhoneRecord.of(PhoneNumber.of("+12025550123"), PhoneStatus.values()[0], false, null)))
                .email("ayse@example.com").company("Yılmaz A.Ş.").segment(Segment.values()[1])
                .status(CustomerStatus.values()[1]).fax(null).address("Kadıköy\tİstanbul")
                .nationalId("10000000146").representative("mehmet").previousRepresentative("zeynep")
                .assignedAt(Instant.parse("2026-01-01T00:00:00Z")).queue("q1").resultCode("SOLD")
                .actionAt(null).processingStatus("open").totalAmount(new BigDecimal("1200.50"))
                .loadedAt(Instant.parse("2025-12-31T21:00:00Z")).updatedAt(Instant.parse("2026-01-03T00:00:00.000001Z"))
                .lastContactAt(null).totalContacts(9).totalCalls(4).totalCallSeconds(310)
                .customFields(custom).importJobId(17L)
                .build();
    }

    /** As rows were written before Jackson mapped the records (explicit nulls, no null instants). */
    static final class Written2026 {
        static final String CUSTOMER =
                "{\"id\":42,\"version\":3,\"type\":\"COMPANY\",\"fullName\":\"Ayşe Yılmaz\",\"phones\":[{\"number\":\"+905301234567\",\"status\":\"ACTIVE\",\"favorite\":true,\"owner\":\"ev\",\"contactsOnDay\":2,\"contactDay\":\"2026-01-02\",\"totalContacts\":7},{\"number\":\"+12025550123\",\"status\":\"ACTIVE\",\"favorite\":false}],\"email\":\"ayse@example.com\",\"company\":\"Yılmaz A.Ş.\",\"segment\":\"NORMAL\",\"status\":\"PASSIVE\",\"fax\":null,\"address\":\"Kadıköy\\tİstanbul\",\"nationalId\":\"10000000146\",\"representative\":\"mehmet\",\"previousRepresentative\":\"zeynep\",\"assignedAt\":1767225600000000,\"queue\":\"q1\",\"resultCode\":\"SOLD\",\"processingStatus\":\"open\",\"totalAmount\":\"1200.50\",\"createdAt\":1767323045123456,\"loadedAt\":1767214800000000,\"updatedAt\":1767398400000001,\"totalContacts\":9,\"totalCalls\":4,\"totalCallSeconds\":310,\"customFields\":{\"city\":\"S:İstanbul\",\"limit\":\"N:1.50\",\"since\":\"D:2024-02-29\",\"vip\":true,\"tags\":[\"a\",\"b\"]},\"importJobId\":17}";
        static final String PHONES =
                "[{\"number\":\"+905301234567\",\"status\":\"ACTIVE\",\"favorite\":true,\"owner\":\"ev\",\"contactsOnDay\":2,\"contactDay\":\"2026-01-02\",\"totalContacts\":7},{\"number\":\"+12025550123\",\"status\":\"ACTIVE\",\"favorite\":false}]";
        static final String CUSTOM =
                "{\"city\":\"S:İstanbul\",\"limit\":\"N:1.50\",\"since\":\"D:2024-02-29\",\"vip\":true,\"tags\":[\"a\",\"b\"]}";
        static final String ACTOR =
                "{\"userId\":\"ali\",\"admin\":false,\"groups\":[\"a\",\"b\"]}";
        static final String POLICIES =
                "{\"email\":\"NEVER\"}";
        static final String WARNINGS =
                "[{\"code\":\"PHONE_REPAIRED\",\"row\":5,\"column\":\"Telefon\",\"message\":\"fixed\"},{\"code\":\"COLUMN_IGNORED\",\"row\":1,\"column\":null,\"message\":\"x\"}]";
        static final String ERRORS =
                "[{\"row\":7,\"column\":\"Telefon\",\"value\":\"05x\",\"code\":\"NAME_REQUIRED\",\"message\":\"bad\"},{\"row\":8,\"column\":null,\"value\":null,\"code\":\"PHONE_REQUIRED\",\"message\":\"whole row\"}]";
        static final String CHANGES =
                "[[\"email\",null,\"a@b.c\"]]";
        static final String STRINGS =
                "[\"Ad\",\"Telefon\"]";
        static final String MAP =
                "{\"event\":\"imported\"}";
    }

    static Actor actor() {
        return new Actor("ali", TENANT, false, Set.of("b", "a"));
    }

    static List<JobWarning> warnings() {
        return List.of(new JobWarning("PHONE_REPAIRED", 5, "Telefon", "fixed"), new JobWarning("COLUMN_IGNORED", 1, null, "x"));
    }

    static List<RowError> rowErrors() {
        return List.of(new RowError(7, "Telefon", "05x", ErrorCode.NAME_REQUIRED, "bad"),
                new RowError(8, null, null, ErrorCode.PHONE_REQUIRED, "whole row"));
    }

    static List<FieldChange> changes() {
        return List.of(new FieldChange("email", null, "a@b.c"));
    }

    @Test
    void rowsWrittenBeforeReadAsTheyWereWritten() {
        assertThat(Json.customer(Written2026.CUSTOMER)).isEqualTo(customer());
        assertThat(Json.customer(WrittenOneComponentPerField.CUSTOMER)).isEqualTo(customer());
        assertThat(Json.phones(Written2026.PHONES)).isEqualTo(customer().phones());
        assertThat(Json.customValues(Written2026.CUSTOM)).isEqualTo(customer().customFields());
        assertThat(Json.actor(Written2026.ACTOR, TENANT)).isEqualTo(actor());
        assertThat(Json.policies(Written2026.POLICIES)).isEqualTo(Map.of("email", FieldPolicy.NEVER));
        assertThat(Json.warnings(Written2026.WARNINGS)).isEqualTo(warnings());
        assertThat(Json.rowErrors(Written2026.ERRORS)).isEqualTo(rowErrors());
        assertThat(Json.changes(Written2026.CHANGES)).isEqualTo(changes());
        assertThat(Json.strings(Written2026.STRINGS)).containsExactly("Ad", "Telefon");
        assertThat(Json.stringMap(Written2026.MAP)).isEqualTo(Map.of("event", "imported"));
    }

    @Test
    void valuesAreWrittenInThePinnedFormat() {
        assertThat(Json.customer(customer())).isEqualTo(Written.CUSTOMER);
        assertThat(Json.phones(customer().phones())).isEqualTo(Written.PHONES);
        assertThat(Json.customValues(customer().customFields())).isEqualTo(Written.CUSTOM);
        assertThat(Json.actor(actor())).isEqualTo(Written.ACTOR);
        assertThat(Json.policies(Map.of("email", FieldPolicy.NEVER))).isEqualTo(Written.POLICIES);
        assertThat(Json.warnings(warnings())).isEqualTo(Written.WARNINGS);
        assertThat(Json.rowErrors(rowErrors())).isEqualTo(Written.ERRORS);
        assertThat(Json.changes(changes())).isEqualTo(Written.CHANGES);
        assertThat(Json.strings(List.of("Ad", "Telefon"))).isEqualTo(Written.STRINGS);
        assertThat(Json.stringMap(Map.of("event", "imported"))).isEqualTo(Written.MAP);
    }

    @Test
    void everyValueReadsBackAsWritten() {
        assertThat(Json.customer(Json.customer(customer()))).isEqualTo(customer());
        CustomerRecord bare = CustomerRecord.builder("Ali", PhoneNumber.of("+905301234567"), Instant.EPOCH).build();
        assertThat(Json.customer(Json.customer(bare))).isEqualTo(bare);
        assertThat(Json.customValues(Json.customValues(Map.of()))).isEmpty();
        assertThat(Json.changes(Json.changes(List.of()))).isEmpty();
        assertThat(Json.rowErrors(Json.rowErrors(rowErrors()))).isEqualTo(rowErrors());
        assertThat(Json.warnings(Json.warnings(warnings()))).isEqualTo(warnings());
        assertThat(Json.actor(Json.actor(actor()), TENANT)).isEqualTo(actor());
    }

    @Test
    void aDamagedValueIsReportedAsSuch() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.phones("[{\"number\":"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("a stored JSON value is damaged");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.customValues("{\"a\":\"X:1\"}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a stored custom value is damaged: a");
    }

    /**
     * As rows were written while each built-in field was a component of the stored record: the same
     * keys and values as now, in the record's order of then.
     */
    static final class WrittenOneComponentPerField {
        static final String CUSTOMER =
                "{\"id\":42,\"version\":3,\"type\":\"COMPANY\",\"fullName\":\"Ayşe Yılmaz\",\"phones\":[{\"number\":\"+905301234567\",\"status\":\"ACTIVE\",\"favorite\":true,\"owner\":\"ev\",\"contactsOnDay\":2,\"contactDay\":\"2026-01-02\",\"totalContacts\":7},{\"number\":\"+12025550123\",\"status\":\"ACTIVE\",\"favorite\":false}],\"email\":\"ayse@example.com\",\"company\":\"Yılmaz A.Ş.\",\"segment\":\"NORMAL\",\"status\":\"PASSIVE\",\"address\":\"Kadıköy\\tİstanbul\",\"nationalId\":\"10000000146\",\"representative\":\"mehmet\",\"previousRepresentative\":\"zeynep\",\"assignedAt\":1767225600000000,\"queue\":\"q1\",\"resultCode\":\"SOLD\",\"processingStatus\":\"open\",\"totalAmount\":\"1200.50\",\"createdAt\":1767323045123456,\"loadedAt\":1767214800000000,\"updatedAt\":1767398400000001,\"totalContacts\":9,\"totalCalls\":4,\"totalCallSeconds\":310,\"customFields\":{\"city\":\"S:İstanbul\",\"limit\":\"N:1.50\",\"since\":\"D:2024-02-29\",\"vip\":true,\"tags\":[\"a\",\"b\"]},\"importJobId\":17}";
    }

    /**
     * As rows are written now (nulls left out; a customer's built-in fields after its other
     * components; the rest as before). A change here is a change of the
     * stored format: keep the earlier one readable.
     */
    static final class Written {
        static final String CUSTOMER =
                "{\"id\":42,\"version\":3,\"phones\":[{\"number\":\"+905301234567\",\"status\":\"ACTIVE\",\"favorite\":true,\"owner\":\"ev\",\"contactsOnDay\":2,\"contactDay\":\"2026-01-02\",\"totalContacts\":7},{\"number\":\"+12025550123\",\"status\":\"ACTIVE\",\"favorite\":false}],\"previousRepresentative\":\"zeynep\",\"assignedAt\":1767225600000000,\"createdAt\":1767323045123456,\"updatedAt\":1767398400000001,\"totalContacts\":9,\"totalCalls\":4,\"totalCallSeconds\":310,\"customFields\":{\"city\":\"S:İstanbul\",\"limit\":\"N:1.50\",\"since\":\"D:2024-02-29\",\"vip\":true,\"tags\":[\"a\",\"b\"]},\"importJobId\":17,\"type\":\"COMPANY\",\"fullName\":\"Ayşe Yılmaz\",\"email\":\"ayse@example.com\",\"company\":\"Yılmaz A.Ş.\",\"segment\":\"NORMAL\",\"status\":\"PASSIVE\",\"address\":\"Kadıköy\\tİstanbul\",\"nationalId\":\"10000000146\",\"representative\":\"mehmet\",\"queue\":\"q1\",\"resultCode\":\"SOLD\",\"processingStatus\":\"open\",\"totalAmount\":\"1200.50\",\"loadedAt\":1767214800000000}";
        static final String PHONES = Written2026.PHONES;
        static final String CUSTOM = Written2026.CUSTOM;
        static final String ACTOR = Written2026.ACTOR;
        static final String POLICIES = Written2026.POLICIES;
        static final String WARNINGS =
                "[{\"code\":\"PHONE_REPAIRED\",\"row\":5,\"column\":\"Telefon\",\"message\":\"fixed\"},{\"code\":\"COLUMN_IGNORED\",\"row\":1,\"message\":\"x\"}]";
        static final String ERRORS =
                "[{\"row\":7,\"column\":\"Telefon\",\"value\":\"05x\",\"code\":\"NAME_REQUIRED\",\"message\":\"bad\"},{\"row\":8,\"code\":\"PHONE_REQUIRED\",\"message\":\"whole row\"}]";
        static final String CHANGES = Written2026.CHANGES;
        static final String STRINGS = Written2026.STRINGS;
        static final String MAP = Written2026.MAP;
    }
}
