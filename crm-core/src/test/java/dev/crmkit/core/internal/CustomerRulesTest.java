package dev.crmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.CrmValidationException.Violation;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.permission.InMemoryUserDirectory;
import dev.crmkit.core.phone.PhoneParser;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerRulesTest {

    private static final TenantId TENANT = TenantId.of("acme");

    private final CustomerRules rules = new CustomerRules(PhoneParser.forRegion("TR"),
            new InMemoryUserDirectory().add(TENANT, "ayse"));

    private Violations v = new Violations();

    /** The violations collected so far. */
    private List<Violation> violations() {
        try {
            v.throwIfAny();
            return List.of();
        } catch (CrmValidationException e) {
            return e.violations();
        }
    }

    private List<ErrorCode> codes() {
        return violations().stream().map(Violation::code).toList();
    }

    @Nested
    class Collapse {

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "  Ayşe   Kaya  ",
                "Ayşe\nKaya",
                "Ayşe\r\nKaya",
                "Ayşe\t\tKaya",
                "\n\tAyşe \r\n Kaya\n",
                "Ayşe\u00A0Kaya",
                "Ayşe \u00A0 Kaya",
                "\u00A0Ayşe Kaya\u00A0",
                "Ayşe\u202FKaya",
                "Ayşe\u3000Kaya",
        })
        void trimsAndCollapsesEveryKindOfWhitespace(String raw) {
            assertThat(CustomerRules.collapse(raw)).isEqualTo("Ayşe Kaya");
        }

        @ParameterizedTest(name = "[{0}]")
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\n\t\r", "\u00A0", " \u00A0 \n"})
        void blankIsNull(String raw) {
            assertThat(CustomerRules.collapse(raw)).isNull();
        }

        @Test
        void keepsEverythingButWhitespace() {
            assertThat(CustomerRules.collapse("İsmail O'Kaya-Yılmaz %_")).isEqualTo("İsmail O'Kaya-Yılmaz %_");
        }
    }

    @Nested
    class FullName {

        @Test
        void isRequired() {
            assertThat(rules.fullName("  \n ", v)).isNull();
            assertThat(codes()).containsExactly(ErrorCode.NAME_REQUIRED);
            assertThat(violations().get(0).field()).isEqualTo("fullName");
        }

        @Test
        void noBreakSpacesAloneAreNoName() {
            rules.fullName("\u00A0 \u00A0", v);
            assertThat(codes()).containsExactly(ErrorCode.NAME_REQUIRED);
        }

        @Test
        void isCollapsed() {
            assertThat(rules.fullName(" Ayşe \n Kaya ", v)).isEqualTo("Ayşe Kaya");
            assertThat(codes()).isEmpty();
        }

        @Test
        void hasAtMost200CharactersAfterCollapsing() {
            assertThat(rules.fullName("ş".repeat(200), v)).hasSize(200);
            assertThat(rules.fullName("a" + " ".repeat(300) + "b", v)).isEqualTo("a b");
            assertThat(codes()).isEmpty();

            rules.fullName("ş".repeat(201), v);
            assertThat(codes()).containsExactly(ErrorCode.VALUE_TOO_LONG);
        }
    }

    @Nested
    class Company {

        @Test
        void isOptionalAndCollapsed() {
            assertThat(rules.company("  ", v)).isNull();
            assertThat(rules.company(" Kaya \r\n Lojistik ", v)).isEqualTo("Kaya Lojistik");
            assertThat(codes()).isEmpty();
        }

        @Test
        void hasAtMost200Characters() {
            rules.company("x".repeat(201), v);
            assertThat(violations()).extracting(Violation::code, Violation::field)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.VALUE_TOO_LONG, "company"));
        }
    }

    @Nested
    class Email {

        @Test
        void isTrimmedWithTheDomainLowerCasedAndTheLocalPartKept() {
            assertThat(rules.email("  Ayse.Kaya@Example.COM \t", v)).isEqualTo("Ayse.Kaya@example.com");
            assertThat(codes()).isEmpty();
        }

        @Test
        void lowerCasesTheDomainIndependentlyOfTheDefaultLocale() {
            Locale saved = Locale.getDefault();
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            try {
                assertThat(rules.email("ALI@MAIL.INFO", v)).isEqualTo("ALI@mail.info");
            } finally {
                Locale.setDefault(saved);
            }
            assertThat(codes()).isEmpty();
        }

        @ParameterizedTest(name = "[{0}]")
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t\n"})
        void blankIsNoEmail(String raw) {
            assertThat(rules.email(raw, v)).isNull();
            assertThat(codes()).isEmpty();
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "a@b",
                "a@@b.com",
                "a b@c.com",
                "ayse",
                "ayse.example.com",
                "@example.com",
                "ayse@",
                "ayse@example.",
                "ayse@.com",
                "ayse@exa mple.com",
        })
        void rejectsWhatIsNotAnAddress(String raw) {
            rules.email(raw, v);
            assertThat(violations()).extracting(Violation::code, Violation::field)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.EMAIL_INVALID, "email"));
        }

        @Test
        void acceptsAtMost254Characters() {
            String local = "a".repeat(64);
            String domain = "b".repeat(61) + "." + "c".repeat(61) + "." + "d".repeat(61) + ".com";
            String longest = local + "@" + domain;
            assertThat(longest).hasSize(254);

            assertThat(rules.email(longest, v)).isEqualTo(longest);
            assertThat(codes()).isEmpty();

            rules.email(longest + "m", v);
            assertThat(codes()).containsExactly(ErrorCode.VALUE_TOO_LONG);
        }

        @Test
        void tooLongIsValueTooLongOnly() {
            rules.email("x".repeat(300) + "@example.com", v);
            assertThat(violations()).extracting(Violation::code, Violation::field)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.VALUE_TOO_LONG, "email"));
        }
    }

    @Nested
    class OtherValues {

        @Test
        void anInvalidNationalIdIsReportedMasked() {
            rules.nationalId(" 12345678901 ", v);
            assertThat(codes()).containsExactly(ErrorCode.NATIONAL_ID_INVALID);
            assertThat(violations().get(0).message()).doesNotContain("12345678901").contains("*******8901");
        }

        @Test
        void aValidNationalIdIsTrimmed() {
            assertThat(rules.nationalId(" 10000000146 ", v)).isEqualTo("10000000146");
            assertThat(codes()).isEmpty();
        }

        @Test
        void anUnknownRepresentativeIsReported() {
            assertThat(rules.representative(TENANT, " ayse ", v)).isEqualTo("ayse");
            assertThat(codes()).isEmpty();

            rules.representative(TENANT, "mehmet", v);
            rules.representative(TenantId.of("other"), "ayse", v);
            assertThat(codes()).containsExactly(ErrorCode.REPRESENTATIVE_UNKNOWN, ErrorCode.REPRESENTATIVE_UNKNOWN);
        }

        @Test
        void aPhoneFailureNamesTheField() {
            assertThat(rules.phone("phone", "0530 123 45 67", v).e164()).isEqualTo("+905301234567");
            rules.phone("phone", "123", v);
            rules.phone("phones[1]", " ", v);
            assertThat(violations()).extracting(Violation::code, Violation::field).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ErrorCode.PHONE_INVALID, "phone"),
                    org.assertj.core.groups.Tuple.tuple(ErrorCode.PHONE_REQUIRED, "phones[1]"));
        }

        @Test
        void textHasAMaximumLength() {
            assertThat(rules.text("address", "  Kadıköy  ", 10, v)).isEqualTo("Kadıköy");
            assertThat(codes()).isEmpty();
            rules.text("address", "x".repeat(11), 10, v);
            assertThat(codes()).containsExactly(ErrorCode.VALUE_TOO_LONG);
        }

        @Test
        void everyProblemOfOneInputIsCollected() {
            rules.fullName(null, v);
            rules.email("a@b", v);
            rules.nationalId("1", v);
            assertThat(codes()).containsExactly(ErrorCode.NAME_REQUIRED, ErrorCode.EMAIL_INVALID,
                    ErrorCode.NATIONAL_ID_INVALID);
        }
    }
}
