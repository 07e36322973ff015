package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.product.NewProduct;
import dev.crmkit.core.product.Product;
import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.result.ParameterRule;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultInput;
import dev.crmkit.core.result.ResultParameter;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.result.ResultTarget;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Products as users observe them through {@link dev.crmkit.core.product.ProductService}: numbers
 * unique in the tenant, changes with versions and a timeline entry, actions (result codes applied
 * to a product) checked against the code's rules and listed newest first, removal with the
 * customer.
 */
@DisplayName("Products")
public abstract class ProductContract extends ContractSupport {

    protected Customer ayse;
    protected Customer ismail;

    @BeforeEach
    void customersAndCodes() {
        ayse = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "0532 111 00 01").build());
        ismail = crm.customers().create(admin, NewCustomer.builder("İsmail Kaya", "0532 111 00 02").build());
        crm.results().define(admin, ResultCode.builder("TAKSIT", "Taksitlendirildi").appliesTo(ResultTarget.PRODUCT)
                .parameter(ResultParameter.AMOUNT, ParameterRule.REQUIRED)
                .parameter(ResultParameter.INSTALLMENTS, ParameterRule.REQUIRED)
                .parameter(ResultParameter.NOTE, ParameterRule.OPTIONAL).build());
        crm.results().define(admin, ResultCode.builder("ARANDI", "Arandı").appliesTo(ResultTarget.CUSTOMER).build());
    }

    private Product add(Customer c, String number) {
        return crm.products().add(admin, c.id(), NewProduct.builder(number).fileDate(LocalDate.of(2026, 1, 15))
                .amount(new BigDecimal("18400.00")).status("Derdest").build());
    }

    @Nested
    @DisplayName("adding and reading")
    class AddingAndReading {

        @Test
        void aProductIsStoredWithItsValuesAndListedByNumber() {
            Product p2 = add(ayse, "2026/0002");
            Product p1 = add(ayse, " 2026/0001 ");
            add(ismail, "2026/0003");

            assertThat(p1.productNo()).isEqualTo("2026/0001");
            assertThat(p1.customerId()).isEqualTo(ayse.id());
            assertThat(p1.fileDate()).isEqualTo(LocalDate.of(2026, 1, 15));
            assertThat(p1.amount()).isEqualByComparingTo("18400");
            assertThat(p1.status()).isEqualTo("Derdest");
            assertThat(p1.version()).isEqualTo(1);
            assertThat(p1.createdAt()).isEqualTo(START).isEqualTo(p1.updatedAt());
            assertThat(crm.products().list(admin, ayse.id())).containsExactly(p1, p2);
            assertThat(crm.products().find(admin, "2026/0001")).contains(p1);
            assertThat(crm.products().find(admin, "2026/9999")).isEmpty();

            Activity logged = crm.activities().timeline(admin, ayse.id(), ActivityQuery.newest(1)).items().get(0);
            assertThat(logged.text()).contains("2026/0001", "added");
            assertThat(logged.changes()).containsExactly(new FieldChange("products", null, "2026/0001"));
        }

        @Test
        void aNumberIsUniqueInTheTenantAcrossCustomers() {
            add(ayse, "2026/0001");
            TenantState before = TenantState.of(crm, admin);
            assertThatThrownBy(() -> add(ismail, "2026/0001")).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.PRODUCT_NO_TAKEN));
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);

            Customer globexCustomer = crm.customers().create(otherAdmin, NewCustomer.builder("Globex", "0532 111 00 09").build());
            crm.products().add(otherAdmin, globexCustomer.id(), NewProduct.builder("2026/0001").build());
            assertThat(crm.products().find(otherAdmin, "2026/0001").orElseThrow().customerId()).isEqualTo(globexCustomer.id());
        }

        @Test
        void badValuesAreRefusedTogetherAndUnknownCustomersAreNotFound() {
            assertThatThrownBy(() -> NewProduct.builder("  ").amount(new BigDecimal("-5")).status("x".repeat(101)).build())
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                            .extracting(CrmValidationException.Violation::code)
                            .containsExactly(ErrorCode.VALUE_INVALID, ErrorCode.VALUE_INVALID, ErrorCode.VALUE_TOO_LONG));
            assertThatThrownBy(() -> crm.products().add(admin, ismail.id() + 1000, NewProduct.builder("X").build()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND));
            assertThat(crm.products().list(admin, ayse.id())).isEmpty();
        }
    }

    @Nested
    @DisplayName("changing")
    class Changing {

        @Test
        void anUpdateReplacesTheValuesLogsWhatChangedAndChecksTheVersion() {
            Product p = add(ayse, "2026/0001");
            clock.advance(Duration.ofHours(2));

            Product closed = crm.products().update(admin, NewProduct.of(p).status("Kapanmış").amount(BigDecimal.ZERO).build(),
                    p.version());

            assertThat(closed.status()).isEqualTo("Kapanmış");
            assertThat(closed.amount()).isEqualByComparingTo("0");
            assertThat(closed.fileDate()).isEqualTo(p.fileDate());
            assertThat(closed.version()).isEqualTo(2);
            assertThat(closed.updatedAt()).isEqualTo(START.plus(Duration.ofHours(2)));
            assertThat(closed.createdAt()).isEqualTo(START);
            assertThat(crm.products().find(admin, "2026/0001")).contains(closed);
            Activity logged = crm.activities().timeline(admin, ayse.id(), ActivityQuery.newest(1)).items().get(0);
            assertThat(logged.changes()).containsExactly(new FieldChange("product.amount", "18400.00", "0"),
                    new FieldChange("product.status", "Derdest", "Kapanmış"));
            assertThat(logged.data()).containsEntry("productNo", "2026/0001");

            TenantState before = TenantState.of(crm, admin);
            assertThatThrownBy(() -> crm.products().update(admin, NewProduct.of(p).status("Derdest").build(), p.version()))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_CONFLICT));
            assertThatThrownBy(() -> crm.products().update(admin, NewProduct.builder("2026/9999").build(), 1))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PRODUCT_NOT_FOUND));
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
        }

        @Test
        void anUpdateWithoutChangesChangesNothing() {
            Product p = add(ayse, "2026/0001");
            TenantState before = TenantState.of(crm, admin);
            assertThat(crm.products().update(admin, NewProduct.of(p).build(), p.version())).isEqualTo(p);
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("actions")
    class Actions {

        @Test
        void anActionIsAResultCodeAppliedToTheProductListedNewestFirst() {
            add(ayse, "2026/0001");
            add(ayse, "2026/0002");
            AppliedResult first = crm.results().apply(admin, ayse.id(), ResultInput.builder("TAKSIT", ResultSource.MANUAL)
                    .product("2026/0001").amount(new BigDecimal("6000")).installments(3).build());
            clock.advance(Duration.ofDays(1));
            AppliedResult second = crm.results().apply(admin, ayse.id(), ResultInput.builder("TAKSIT", ResultSource.SYSTEM)
                    .product("2026/0001").amount(new BigDecimal("4000")).installments(2).note("yeniden").build());
            crm.results().apply(admin, ayse.id(), ResultInput.builder("TAKSIT", ResultSource.MANUAL)
                    .product("2026/0002").amount(BigDecimal.ONE).installments(1).build());

            assertThat(first.target()).isEqualTo(ResultTarget.PRODUCT);
            assertThat(first.productNo()).isEqualTo("2026/0001");
            assertThat(first.phone()).isNull();
            assertThat(crm.products().actions(admin, "2026/0001", 10)).containsExactly(second, first);
            assertThat(crm.products().actions(admin, "2026/0001", 1)).containsExactly(second);
            assertThat(crm.customers().get(admin, ayse.id()).resultCode()).isEqualTo("TAKSIT");
        }

        @Test
        void anActionIsCheckedAgainstTheCodesRulesAndChangesNothingWhenRefused() {
            add(ayse, "2026/0001");
            add(ismail, "2026/0002");
            TenantState before = TenantState.of(crm, admin);

            assertThatThrownBy(() -> crm.results().apply(admin, ayse.id(), ResultInput.builder("TAKSIT", ResultSource.MANUAL)
                    .product("2026/0001").amount(BigDecimal.TEN).build()))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESULT_PARAMETER_REQUIRED));
            assertThatThrownBy(() -> crm.results().apply(admin, ayse.id(), ResultInput.builder("ARANDI", ResultSource.MANUAL)
                    .product("2026/0001").build()))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESULT_TARGET_NOT_ALLOWED));
            assertThatThrownBy(() -> crm.results().apply(admin, ayse.id(), ResultInput.builder("TAKSIT", ResultSource.MANUAL)
                    .product("2026/0002").amount(BigDecimal.TEN).installments(2).build()))
                    .as("another customer's product").isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PRODUCT_NOT_FOUND));
            assertThatThrownBy(() -> crm.results().apply(admin, ayse.id(), ResultInput.builder("TAKSIT", ResultSource.MANUAL)
                    .product("2026/0001").phone("0532 111 00 01").amount(BigDecimal.TEN).installments(2).build()))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_INVALID));
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
            assertThat(crm.products().actions(admin, "2026/0001", 10)).isEmpty();
        }
    }

    @Nested
    @DisplayName("removing")
    class Removing {

        @Test
        void aProductGoesWithItsActionsAndItsNumberIsFreeAgain() {
            add(ayse, "2026/0001");
            crm.results().apply(admin, ayse.id(), ResultInput.builder("TAKSIT", ResultSource.MANUAL)
                    .product("2026/0001").amount(BigDecimal.TEN).installments(2).build());

            crm.products().remove(admin, "2026/0001");

            assertThat(crm.products().find(admin, "2026/0001")).isEmpty();
            assertThat(crm.results().history(admin, ayse.id(), 10)).isEmpty();
            assertThatThrownBy(() -> crm.products().actions(admin, "2026/0001", 10))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PRODUCT_NOT_FOUND));
            assertThat(add(ismail, "2026/0001").customerId()).isEqualTo(ismail.id());
        }

        @Test
        void deletingTheCustomerRemovesItsProducts() {
            add(ayse, "2026/0001");
            crm.customers().delete(admin, ayse.id());
            assertThat(crm.products().find(admin, "2026/0001")).isEmpty();
            assertThat(add(ismail, "2026/0001").customerId()).isEqualTo(ismail.id());
        }
    }
}
