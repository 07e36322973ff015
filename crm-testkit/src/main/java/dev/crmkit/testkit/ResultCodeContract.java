package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.result.ParameterRule;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultCount;
import dev.crmkit.core.result.ResultInput;
import dev.crmkit.core.result.ResultParameter;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.result.ResultTarget;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Result codes as users observe them through {@link dev.crmkit.core.result.ResultCodeService}:
 * definitions, applying a code to a customer or one of its numbers with its parameters checked
 * against the code's rules (nothing changes when a check fails), the customer's resultCode and
 * actionAt, the history, and the report counting SYSTEM and MANUAL applications apart.
 */
@DisplayName("Result codes")
public abstract class ResultCodeContract extends ContractSupport {

    private static final String PRIMARY = "+905321110001";
    private static final String SECOND = "+905321110002";

    /** Promise to pay: needs the date and the amount, takes installments and a note. */
    protected static ResultCode promise() {
        return ResultCode.builder("PTP", "Ödeme sözü").appliesTo(ResultTarget.CUSTOMER, ResultTarget.PHONE)
                .parameter(ResultParameter.ACTION_DATE, ParameterRule.REQUIRED)
                .parameter(ResultParameter.AMOUNT, ParameterRule.REQUIRED)
                .parameter(ResultParameter.INSTALLMENTS, ParameterRule.OPTIONAL)
                .parameter(ResultParameter.NOTE, ParameterRule.OPTIONAL).build();
    }

    /** No answer: a number's result, no parameters. */
    protected static ResultCode noAnswer() {
        return ResultCode.builder("NO_ANSWER", "Cevap yok").appliesTo(ResultTarget.PHONE).build();
    }

    protected Customer customer;

    @BeforeEach
    void defineCodesAndACustomer() {
        crm.results().define(admin, promise());
        crm.results().define(admin, noAnswer());
        Customer c = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", PRIMARY).build());
        customer = crm.customers().addPhone(admin, c.id(), NewPhone.of(SECOND));
    }

    private ResultInput.Builder promiseInput() {
        return ResultInput.builder("PTP", ResultSource.MANUAL).actionAt(START.plus(Duration.ofDays(3)))
                .amount(new BigDecimal("1250.50"));
    }

    private void assertRefusedChangingNothing(Runnable call, ErrorCode... codes) {
        TenantState before = TenantState.of(crm, admin);
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CrmValidationException.class, e ->
                assertThat(e.violations()).extracting(CrmValidationException.Violation::code).containsExactlyInAnyOrder(codes));
        assertThat(TenantState.of(crm, admin)).isEqualTo(before);
    }

    @Nested
    @DisplayName("definitions")
    class Definitions {

        @Test
        void areListedByCodeWithEveryParameterRule() {
            assertThat(crm.results().list(admin)).extracting(ResultCode::code).containsExactly("NO_ANSWER", "PTP");
            ResultCode ptp = crm.results().find(admin, "PTP").orElseThrow();
            assertThat(ptp).isEqualTo(promise());
            assertThat(ptp.label()).isEqualTo("Ödeme sözü");
            assertThat(ptp.appliesTo()).containsExactlyInAnyOrder(ResultTarget.CUSTOMER, ResultTarget.PHONE);
            assertThat(ptp.rule(ResultParameter.ACTION_DATE)).isEqualTo(ParameterRule.REQUIRED);
            assertThat(ptp.rule(ResultParameter.INSTALLMENTS)).isEqualTo(ParameterRule.OPTIONAL);
            assertThat(crm.results().find(admin, "NO_ANSWER").orElseThrow().rule(ResultParameter.NOTE))
                    .isEqualTo(ParameterRule.OFF);
            assertThat(crm.results().find(admin, "nope")).isEmpty();
        }

        @Test
        void aCodeIsUniqueInItsTenantOnly() {
            TenantState before = TenantState.of(crm, admin);
            assertThatThrownBy(() -> crm.results().define(admin, ResultCode.builder("PTP", "Başka").build()))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESULT_CODE_TAKEN));
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);

            crm.results().define(otherAdmin, ResultCode.builder("PTP", "Globex PTP").build());
            assertThat(crm.results().find(otherAdmin, "PTP").orElseThrow().label()).isEqualTo("Globex PTP");
            assertThat(crm.results().find(admin, "PTP").orElseThrow().label()).isEqualTo("Ödeme sözü");
        }

        @Test
        void aRedefinitionReplacesTheRulesAndIsAudited() {
            ResultCode changed = promise().toBuilder().parameter(ResultParameter.AMOUNT, ParameterRule.OPTIONAL)
                    .active(false).build();
            crm.results().redefine(admin, changed);
            assertThat(crm.results().find(admin, "PTP")).contains(changed);
            assertThat(crm.activities().auditLog(admin, 10)).extracting(a -> a.action() + " " + a.subject())
                    .contains("RESULT_CODE_REDEFINED PTP", "RESULT_CODE_DEFINED PTP");
            assertThatThrownBy(() -> crm.results().redefine(admin, ResultCode.builder("GHOST", "Yok").build()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESULT_CODE_NOT_FOUND));
        }

        @Test
        void badDefinitionsAreRefusedWithTheirCode() {
            assertThatThrownBy(() -> ResultCode.builder("ptp lower", "x").build())
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_INVALID));
            assertThatThrownBy(() -> ResultCode.builder("OK", "  ").build())
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_INVALID));
            assertThatThrownBy(() -> new ResultCode("OK", "Tamam", true, Set.of(), null))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_INVALID));
        }
    }

    @Nested
    @DisplayName("applying a code")
    class Applying {

        @Test
        void setsTheCustomersResultAndActionDateStoresItAndLogsIt() {
            clock.advance(Duration.ofMinutes(5));
            Instant actionAt = START.plus(Duration.ofDays(3));
            AppliedResult applied = crm.results().apply(admin, customer.id(), promiseInput().installments(6)
                    .note("  Maaş gününde ödeyecek ").build());

            assertThat(applied.id()).isPositive();
            assertThat(applied.customerId()).isEqualTo(customer.id());
            assertThat(applied.code()).isEqualTo("PTP");
            assertThat(applied.target()).isEqualTo(ResultTarget.CUSTOMER);
            assertThat(applied.phone()).isNull();
            assertThat(applied.source()).isEqualTo(ResultSource.MANUAL);
            assertThat(applied.actionAt()).isEqualTo(actionAt);
            assertThat(applied.amount()).isEqualByComparingTo("1250.50");
            assertThat(applied.installments()).isEqualTo(6);
            assertThat(applied.note()).isEqualTo("Maaş gününde ödeyecek");
            assertThat(applied.actorId()).isEqualTo("boss");
            assertThat(applied.at()).isEqualTo(START.plus(Duration.ofMinutes(5)));
            assertThat(crm.results().history(admin, customer.id(), 10)).containsExactly(applied);

            Customer after = crm.customers().get(admin, customer.id());
            assertThat(after.resultCode()).isEqualTo("PTP");
            assertThat(after.actionAt()).isEqualTo(actionAt);
            assertThat(after.version()).isEqualTo(customer.version() + 1);
            assertThat(after.updatedAt()).isEqualTo(applied.at());

            Activity logged = crm.activities().timeline(admin, customer.id(), ActivityQuery.newest(1)).items().get(0);
            assertThat(logged.type()).isEqualTo(ActivityType.LOG);
            assertThat(logged.text()).contains("PTP", "Ödeme sözü");
            assertThat(logged.changes()).containsExactly(new FieldChange("resultCode", null, "PTP"),
                    new FieldChange("actionAt", null, actionAt.toString()));
            assertThat(logged.data()).containsEntry("resultCode", "PTP").containsEntry("source", "MANUAL")
                    .containsEntry("resultId", Long.toString(applied.id()));
        }

        @Test
        void toANumberOfTheCustomerInAnySpelling() {
            AppliedResult applied = crm.results().apply(admin, customer.id(),
                    ResultInput.builder("NO_ANSWER", ResultSource.SYSTEM).phone("0532 111 00 02").build());

            assertThat(applied.target()).isEqualTo(ResultTarget.PHONE);
            assertThat(applied.phone()).isEqualTo(PhoneNumber.of(SECOND));
            Customer after = crm.customers().get(admin, customer.id());
            assertThat(after.resultCode()).isEqualTo("NO_ANSWER");
            assertThat(after.actionAt()).as("a result without a date clears the action date").isNull();
        }

        @Test
        void aLaterResultReplacesTheEarlierOnesOnTheCustomerAndTheHistoryIsNewestFirst() {
            AppliedResult first = crm.results().apply(admin, customer.id(), promiseInput().build());
            clock.advance(Duration.ofHours(1));
            AppliedResult second = crm.results().apply(admin, customer.id(),
                    ResultInput.builder("NO_ANSWER", ResultSource.SYSTEM).phone(PRIMARY).build());

            assertThat(second.id()).isGreaterThan(first.id());
            assertThat(crm.results().history(admin, customer.id(), 10)).containsExactly(second, first);
            assertThat(crm.results().history(admin, customer.id(), 1)).containsExactly(second);
            Customer after = crm.customers().get(admin, customer.id());
            assertThat(after.resultCode()).isEqualTo("NO_ANSWER");
            assertThat(after.actionAt()).isNull();
        }

        @Test
        void aRequiredParameterMissingIsRefusedAndNothingChanges() {
            assertRefusedChangingNothing(() -> crm.results().apply(admin, customer.id(),
                    ResultInput.builder("PTP", ResultSource.MANUAL).amount(BigDecimal.TEN).build()),
                    ErrorCode.RESULT_PARAMETER_REQUIRED);
            assertRefusedChangingNothing(() -> crm.results().apply(admin, customer.id(),
                    ResultInput.builder("PTP", ResultSource.MANUAL).note("   ").build()),
                    ErrorCode.RESULT_PARAMETER_REQUIRED, ErrorCode.RESULT_PARAMETER_REQUIRED);
        }

        @Test
        void aParameterTheCodeDoesNotTakeIsRefused() {
            assertRefusedChangingNothing(() -> crm.results().apply(admin, customer.id(),
                    ResultInput.builder("NO_ANSWER", ResultSource.SYSTEM).phone(PRIMARY).note("aradım").build()),
                    ErrorCode.RESULT_PARAMETER_NOT_ALLOWED);
        }

        @Test
        void aTargetTheCodeDoesNotApplyToIsRefused() {
            assertRefusedChangingNothing(() -> crm.results().apply(admin, customer.id(),
                    ResultInput.builder("NO_ANSWER", ResultSource.SYSTEM).build()),
                    ErrorCode.RESULT_TARGET_NOT_ALLOWED);
        }

        @Test
        void anInactiveCodeIsRefusedWithEveryOtherProblem() {
            crm.results().redefine(admin, promise().toBuilder().active(false).build());
            assertRefusedChangingNothing(() -> crm.results().apply(admin, customer.id(),
                    ResultInput.builder("PTP", ResultSource.MANUAL).amount(new BigDecimal("-1")).installments(0).build()),
                    ErrorCode.RESULT_CODE_INACTIVE, ErrorCode.RESULT_PARAMETER_REQUIRED, ErrorCode.VALUE_INVALID,
                    ErrorCode.VALUE_INVALID);
        }

        @Test
        void unknownCodesCustomersAndNumbersAreNotFound() {
            TenantState before = TenantState.of(crm, admin);
            assertThatThrownBy(() -> crm.results().apply(admin, customer.id(),
                    ResultInput.builder("GHOST", ResultSource.MANUAL).build()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESULT_CODE_NOT_FOUND));
            assertThatThrownBy(() -> crm.results().apply(admin, customer.id() + 1000, promiseInput().build()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND));
            assertThatThrownBy(() -> crm.results().apply(admin, customer.id(),
                    ResultInput.builder("NO_ANSWER", ResultSource.SYSTEM).phone("0532 999 99 99").build()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PHONE_NOT_FOUND));
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
        }

        @Test
        void deletingTheCustomerRemovesItsResultsFromTheReport() {
            crm.results().apply(admin, customer.id(), promiseInput().build());
            crm.customers().delete(admin, customer.id());
            assertThat(crm.results().count(admin, START, START.plus(Duration.ofDays(1)))).isEmpty();
        }
    }

    @Nested
    @DisplayName("the report")
    class Report {

        @Test
        void countsEachCodeBySourceWithinThePeriod() {
            Customer other = crm.customers().create(admin, NewCustomer.builder("İsmail Kaya", "0533 111 00 03").build());
            Instant day1 = START;
            crm.results().apply(admin, customer.id(), promiseInput().build());
            crm.results().apply(admin, other.id(), promiseInput().source(ResultSource.SYSTEM).build());
            crm.results().apply(admin, other.id(), ResultInput.builder("NO_ANSWER", ResultSource.SYSTEM).phone("0533 111 00 03").build());
            clock.advance(Duration.ofDays(1));
            crm.results().apply(admin, customer.id(), ResultInput.builder("NO_ANSWER", ResultSource.SYSTEM).phone(PRIMARY).build());
            crm.results().apply(admin, customer.id(), ResultInput.builder("NO_ANSWER", ResultSource.MANUAL).phone(SECOND).build());

            Instant day2 = day1.plus(Duration.ofDays(1));
            assertThat(crm.results().count(admin, day1, day2)).containsExactly(
                    new ResultCount("NO_ANSWER", ResultSource.SYSTEM, 1),
                    new ResultCount("PTP", ResultSource.SYSTEM, 1),
                    new ResultCount("PTP", ResultSource.MANUAL, 1));
            assertThat(crm.results().count(admin, day2, day2.plus(Duration.ofDays(1)))).containsExactly(
                    new ResultCount("NO_ANSWER", ResultSource.SYSTEM, 1),
                    new ResultCount("NO_ANSWER", ResultSource.MANUAL, 1));
            assertThat(crm.results().count(admin, day1, day2.plus(Duration.ofDays(1)))).containsExactly(
                    new ResultCount("NO_ANSWER", ResultSource.SYSTEM, 2),
                    new ResultCount("NO_ANSWER", ResultSource.MANUAL, 1),
                    new ResultCount("PTP", ResultSource.SYSTEM, 1),
                    new ResultCount("PTP", ResultSource.MANUAL, 1));
            assertThat(crm.results().count(otherAdmin, day1, day2.plus(Duration.ofDays(1)))).as("another tenant").isEmpty();
        }

        @Test
        void anEmptyOrBackwardPeriodIsRefused() {
            assertThatThrownBy(() -> crm.results().count(admin, START, START))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_INVALID));
        }
    }

    @Nested
    @DisplayName("other tenants")
    class Tenants {

        @Test
        void seeNeitherTheCodesNorTheResultsNorTheCustomer() {
            crm.results().apply(admin, customer.id(), promiseInput().build());
            Actor globex = otherAdmin;
            assertThat(crm.results().list(globex)).isEmpty();
            assertThatThrownBy(() -> crm.results().history(globex, customer.id(), 10))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND));
            assertThatThrownBy(() -> crm.results().apply(globex, customer.id(), promiseInput().build()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(crm.results().history(admin, customer.id(), 10)).hasSize(1);
        }
    }

    /** A customer's history limit outside 1..1000 is refused. */
    @Test
    void historyLimitsAreChecked() {
        assertThatThrownBy(() -> crm.results().history(admin, customer.id(), 0))
                .isInstanceOf(CrmValidationException.class);
        assertThat(crm.results().history(admin, customer.id(), 1000)).isEqualTo(List.of());
    }
}
