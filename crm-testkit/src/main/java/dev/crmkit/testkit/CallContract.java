package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.call.Call;
import dev.crmkit.core.call.NewCall;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerPhone;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.result.ParameterRule;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultParameter;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.result.ResultTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Calls as users observe them through {@link dev.crmkit.core.call.CallService}: the counters on the
 * customer and the number (today's reset at midnight in the tenant's zone, moved with the clock),
 * the result code applied with a call, the CALL activity, and who may open a recording.
 */
@DisplayName("Calls")
public abstract class CallContract extends ContractSupport {

    private static final String PRIMARY = "+905321110001";
    private static final String SECOND = "+905321110002";

    protected Customer customer;
    protected Actor ayse;
    protected Actor mehmet;

    @BeforeEach
    void aCustomerAndCodes() {
        Customer c = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", PRIMARY).build());
        customer = crm.customers().addPhone(admin, c.id(), NewPhone.of(SECOND));
        crm.results().define(admin, ResultCode.builder("ULASILDI", "Ulaşıldı").appliesTo(ResultTarget.PHONE).build());
        crm.results().define(admin, ResultCode.builder("PTP", "Ödeme sözü").appliesTo(ResultTarget.PHONE)
                .parameter(ResultParameter.AMOUNT, ParameterRule.REQUIRED).build());
        crm.permissions().grantGroup(admin, "agents", PermissionLevel.CONTRIBUTE);
        ayse = Actor.user(ACME, "ayse", "agents");
        mehmet = Actor.user(ACME, "mehmet", "agents");
    }

    private Call call(Actor who, String phone, Instant start, long seconds) {
        return crm.calls().record(who, customer.id(), NewCall.builder(phone, start, Duration.ofSeconds(seconds))
                .recording("rec/" + start.getEpochSecond() + ".mp3").build());
    }

    private CustomerPhone phone(Customer c, String e164) {
        return c.phones().stream().filter(p -> p.number().equals(PhoneNumber.of(e164))).findFirst().orElseThrow();
    }

    @Nested
    @DisplayName("counters")
    class Counters {

        @Test
        void aCallCountsOnTheCustomerAndTheNumberAndTodayResetsAtMidnightInTheTenantsZone() {
            // START is 09:00 UTC = 12:00 in Istanbul; midnight there is 21:00 UTC.
            call(ayse, "0532 111 00 01", START.minus(Duration.ofMinutes(5)), 200);
            clock.advance(Duration.ofHours(2));
            call(ayse, PRIMARY, START.plus(Duration.ofHours(1)), 95);
            call(ayse, "0532 111 00 02", START.plus(Duration.ofMinutes(30)), 10);

            Customer after = crm.customers().get(admin, customer.id());
            assertThat(after.totalCalls()).isEqualTo(3);
            assertThat(after.totalCallDuration()).isEqualTo(Duration.ofSeconds(305));
            assertThat(after.totalContacts()).isEqualTo(3);
            assertThat(after.lastContactAt()).as("the latest start, not the last recorded").isEqualTo(START.plus(Duration.ofHours(1)));
            assertThat(phone(after, PRIMARY).todayContacts()).isEqualTo(2);
            assertThat(phone(after, PRIMARY).totalContacts()).isEqualTo(2);
            assertThat(phone(after, SECOND).todayContacts()).isEqualTo(1);

            Instant beforeMidnight = ZonedDateTime.of(2026, 3, 2, 23, 59, 0, 0, ZoneId.of("Europe/Istanbul")).toInstant();
            clock.set(beforeMidnight);
            call(ayse, PRIMARY, beforeMidnight, 30);
            assertThat(phone(crm.customers().get(admin, customer.id()), PRIMARY).todayContacts()).isEqualTo(3);

            clock.set(beforeMidnight.plus(Duration.ofMinutes(2)));
            assertThat(phone(crm.customers().get(admin, customer.id()), PRIMARY).todayContacts())
                    .as("a new day in Istanbul").isZero();
            call(ayse, PRIMARY, beforeMidnight.plus(Duration.ofMinutes(1)), 30);
            Customer nextDay = crm.customers().get(admin, customer.id());
            assertThat(phone(nextDay, PRIMARY).todayContacts()).isEqualTo(1);
            assertThat(phone(nextDay, PRIMARY).totalContacts()).isEqualTo(4);
            assertThat(nextDay.totalCalls()).isEqualTo(5);
        }

        @Test
        void aCallIsListedLoggedAndCarriesItsResultCode() {
            Call c = crm.calls().record(ayse, customer.id(), NewCall.builder("0532 111 00 02", START, Duration.ofSeconds(61))
                    .resultCode("ULASILDI").source(ResultSource.SYSTEM).build());

            assertThat(c.id()).isPositive();
            assertThat(c.agent()).isEqualTo("ayse");
            assertThat(c.phone()).isEqualTo(PhoneNumber.of(SECOND));
            assertThat(c.hasRecording()).isFalse();
            assertThat(crm.calls().list(admin, customer.id(), 10)).containsExactly(c);
            Customer after = crm.customers().get(admin, customer.id());
            assertThat(after.resultCode()).isEqualTo("ULASILDI");
            assertThat(crm.results().history(admin, customer.id(), 10)).singleElement().satisfies(r -> {
                assertThat(r.code()).isEqualTo("ULASILDI");
                assertThat(r.phone()).isEqualTo(PhoneNumber.of(SECOND));
                assertThat(r.source()).isEqualTo(ResultSource.SYSTEM);
            });
            Activity logged = crm.activities().timeline(admin, customer.id(), ActivityQuery.newest(1)).items().get(0);
            assertThat(logged.type()).isEqualTo(ActivityType.CALL);
            assertThat(logged.actorId()).isEqualTo("ayse");
            assertThat(logged.text()).contains(SECOND, "61 s", "ULASILDI");
            assertThat(logged.data()).containsEntry("callId", Long.toString(c.id())).containsEntry("seconds", "61");
        }

        @Test
        void aRefusedCallChangesNothing() {
            TenantState before = TenantState.of(crm, admin);
            assertThatThrownBy(() -> crm.calls().record(ayse, customer.id(),
                    NewCall.builder(PRIMARY, START, Duration.ofSeconds(5)).resultCode("PTP").build()))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESULT_PARAMETER_REQUIRED));
            assertThatThrownBy(() -> crm.calls().record(ayse, customer.id(),
                    NewCall.builder("0532 999 99 99", START, Duration.ofSeconds(5)).build()))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PHONE_NOT_FOUND));
            assertThatThrownBy(() -> crm.calls().record(ayse, customer.id(),
                    NewCall.builder(PRIMARY, START, Duration.ofSeconds(5)).agent("nobody").build()))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_UNKNOWN));
            assertThatThrownBy(() -> NewCall.builder(PRIMARY, START, Duration.ofHours(25)).build())
                    .isInstanceOf(CrmValidationException.class);
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("recordings")
    class Recordings {

        @Test
        void anAgentOpensTheirOwnOthersNeedTheCapability() {
            Call own = call(ayse, PRIMARY, START, 60);
            Call noRecording = crm.calls().record(ayse, customer.id(), NewCall.builder(PRIMARY, START, Duration.ZERO).build());

            assertThat(crm.calls().recording(ayse, own.id())).contains("rec/" + START.getEpochSecond() + ".mp3");
            assertThat(crm.calls().recording(ayse, noRecording.id())).isEmpty();
            assertThat(crm.calls().recording(admin, own.id())).isPresent();
            assertThatThrownBy(() -> crm.calls().recording(mehmet, own.id()))
                    .isInstanceOfSatisfying(PermissionDeniedException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));

            crm.permissions().grantCapability(admin, "agents", Capability.OTHERS_RECORDINGS);
            assertThat(crm.calls().recording(mehmet, own.id())).isPresent();
            assertThatThrownBy(() -> crm.calls().recording(mehmet, own.id() + 1000))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_FOUND));
        }

        @Test
        void otherTenantsCannotReachTheCalls() {
            Call own = call(ayse, PRIMARY, START, 60);
            assertThatThrownBy(() -> crm.calls().recording(otherAdmin, own.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> crm.calls().list(otherAdmin, customer.id(), 10)).isInstanceOf(NotFoundException.class);
        }

        @Test
        void deletingTheCustomerRemovesItsCalls() {
            Call own = call(ayse, PRIMARY, START, 60);
            crm.customers().delete(admin, customer.id());
            assertThatThrownBy(() -> crm.calls().recording(admin, own.id()))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_FOUND));
        }
    }
}
