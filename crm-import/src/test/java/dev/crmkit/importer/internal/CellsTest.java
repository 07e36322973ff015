package dev.crmkit.importer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellsTest {

    private static final PhoneParser TR = PhoneParser.forRegion("TR");

    @Nested
    class Phones {

        @ParameterizedTest
        @ValueSource(strings = {"05301234567", "0530 123 45 67", "(530) 123-4567", "905301234567", "+90 530 123 45 67",
                "5301234567", "'+905301234567", "'05301234567", " 0530 123 45 67\u00A0"})
        void everyUsualSpellingGivesE164(String cell) {
            CellValue<PhoneNumber> v = Cells.phone(cell, TR);
            assertThat(v.failed()).isFalse();
            assertThat(v.value().e164()).isEqualTo("+905301234567");
            assertThat(v.warning()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"9.05301234567E+11", "9,05301234567E+11", "9.05301234567e11", "9.05301234567E11"})
        void excelScientificFormatWithEveryDigitIsRecoveredWithAWarning(String cell) {
            CellValue<PhoneNumber> v = Cells.phone(cell, TR);
            assertThat(v.value()).isEqualTo(PhoneNumber.of("+905301234567"));
            assertThat(v.warning()).contains("905301234567");
        }

        @ParameterizedTest
        @ValueSource(strings = {"9.05301E+11", "9.0530123456E+11", "9.1E+11"})
        void shortenedScientificFormatIsInvalidSayingExcelShortenedIt(String cell) {
            CellValue<PhoneNumber> v = Cells.phone(cell, TR);
            assertThat(v.error()).isEqualTo(ErrorCode.PHONE_INVALID);
            assertThat(v.message()).contains("Excel shortened");
        }

        @Test
        void blankIsRequiredAndGarbageIsInvalid() {
            assertThat(Cells.phone("  ", TR).error()).isEqualTo(ErrorCode.PHONE_REQUIRED);
            assertThat(Cells.phone("'", TR).error()).isEqualTo(ErrorCode.PHONE_REQUIRED);
            assertThat(Cells.phone("abc", TR).error()).isEqualTo(ErrorCode.PHONE_INVALID);
            assertThat(Cells.phone("123", TR).error()).isEqualTo(ErrorCode.PHONE_INVALID);
        }
    }

    @Nested
    class Numbers {

        @Test
        void plainNumbersNeedNoDecision() {
            NumberStyle style = new NumberStyle();
            assertThat(style.read("1234").value()).isEqualByComparingTo("1234");
            assertThat(style.read("-17").value()).isEqualByComparingTo("-17");
            assertThat((int) style.decimalSeparator()).isZero();
        }

        @Test
        void turkishFileIsDecidedByItsFirstTellingCell() {
            NumberStyle style = new NumberStyle();
            assertThat(style.read("1.234,56").value()).isEqualByComparingTo("1234.56");
            assertThat(style.decimalSeparator()).isEqualTo(',');
            assertThat(style.read("1.234").value()).isEqualByComparingTo("1234");
            assertThat(style.read("12,5 TL").value()).isEqualByComparingTo("12.5");
            assertThat(style.read("1.234.567").value()).isEqualByComparingTo("1234567");
            CellValue<BigDecimal> contradiction = style.read("1,234.56");
            assertThat(contradiction.error()).isEqualTo(ErrorCode.VALUE_INVALID);
            assertThat(contradiction.message()).contains("this file uses ','");
        }

        @Test
        void englishFileIsDecidedByItsFirstTellingCell() {
            NumberStyle style = new NumberStyle();
            assertThat(style.read("1,234.56").value()).isEqualByComparingTo("1234.56");
            assertThat(style.read("1,234").value()).isEqualByComparingTo("1234");
            assertThat(style.read("0.5").value()).isEqualByComparingTo("0.5");
            assertThat(style.read("1.234,56").error()).isEqualTo(ErrorCode.VALUE_INVALID);
        }

        @Test
        void anAmbiguousCellBeforeAnyDecisionIsAnErrorNotAGuess() {
            NumberStyle style = new NumberStyle();
            CellValue<BigDecimal> v = style.read("1.234");
            assertThat(v.error()).isEqualTo(ErrorCode.VALUE_INVALID);
            assertThat(v.message()).contains("1.234");
            assertThat((int) style.decimalSeparator()).isZero();
            assertThat(new NumberStyle(',').read("1.234").value()).isEqualByComparingTo("1234");
            assertThat(new NumberStyle('.').read("1.234").value()).isEqualByComparingTo("1.234");
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "1.2.3,4,5", "12.34,5", "1,,2", "--1", "1-2", ".", ","})
        void malformedNumbersAreInvalid(String cell) {
            assertThat(new NumberStyle().read(cell).error()).isEqualTo(ErrorCode.VALUE_INVALID);
        }

        @Test
        void randomTextNeverThrows() {
            Random random = new Random(3);
            String alphabet = "0123456789.,- +eE₺TLabc'";
            for (int i = 0; i < 50_000; i++) {
                NumberStyle style = new NumberStyle();
                StringBuilder sb = new StringBuilder();
                for (int j = random.nextInt(12); j > 0; j--) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                CellValue<BigDecimal> v = style.read(sb.toString());
                assertThat(v.value() == null || v.error() == null).isTrue();
            }
        }
    }

    @Nested
    class Choices {

        @Test
        void segmentsMatchTurkishAwareBothWays() {
            assertThat(Cells.segment("VİP").value()).isEqualTo(Segment.VIP);
            assertThat(Cells.segment("vip").value()).isEqualTo(Segment.VIP);
            assertThat(Cells.segment("POTANSIYEL").value()).isEqualTo(Segment.POTENTIAL);
            assertThat(Cells.segment("potansiyel").value()).isEqualTo(Segment.POTENTIAL);
            assertThat(Cells.segment("Potential").value()).isEqualTo(Segment.POTENTIAL);
            assertThat(Cells.segment("Normal").value()).isEqualTo(Segment.NORMAL);
            assertThat(Cells.segment("RİSK").value()).isEqualTo(Segment.RISK);
            assertThat(Cells.segment("").value()).isNull();
            assertThat(Cells.segment("Altın").error()).isEqualTo(ErrorCode.SEGMENT_UNKNOWN);
        }

        @Test
        void typesAndStatusesInTurkishAndEnglish() {
            assertThat(Cells.type("Kişi").value()).isEqualTo(CustomerType.PERSON);
            assertThat(Cells.type("ŞİRKET").value()).isEqualTo(CustomerType.COMPANY);
            assertThat(Cells.type("company").value()).isEqualTo(CustomerType.COMPANY);
            assertThat(Cells.type("x").error()).isEqualTo(ErrorCode.VALUE_INVALID);
            assertThat(Cells.status("Aktif").value()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(Cells.status("PASİF").value()).isEqualTo(CustomerStatus.PASSIVE);
            assertThat(Cells.status("Passive").value()).isEqualTo(CustomerStatus.PASSIVE);
            assertThat(Cells.status("?").error()).isEqualTo(ErrorCode.VALUE_INVALID);
        }

        @Test
        void booleans() {
            assertThat(Cells.bool("Evet").value()).isTrue();
            assertThat(Cells.bool("HAYIR").value()).isFalse();
            assertThat(Cells.bool("yes").value()).isTrue();
            assertThat(Cells.bool("0").value()).isFalse();
            assertThat(Cells.bool("belki").error()).isEqualTo(ErrorCode.VALUE_INVALID);
        }

        @Test
        void multiSelectCellsSplitOnCommonSeparators() {
            assertThat(Cells.options("Kredi, Mevduat;Sigorta | ")).containsExactly("Kredi", "Mevduat", "Sigorta");
        }
    }

    @Nested
    class Dates {

        @Test
        void isoTurkishAndSpreadsheetDates() {
            assertThat(Cells.date("2025-12-31").value()).isEqualTo(LocalDate.of(2025, 12, 31));
            assertThat(Cells.date("31.12.2025").value()).isEqualTo(LocalDate.of(2025, 12, 31));
            assertThat(Cells.date("1.2.2025").value()).isEqualTo(LocalDate.of(2025, 2, 1));
            assertThat(Cells.date("2025-03-01T14:30").value()).isEqualTo(LocalDate.of(2025, 3, 1));
            assertThat(Cells.date("").value()).isNull();
        }

        @Test
        void impossibleOrForeignDatesAreInvalid() {
            assertThat(Cells.date("31.02.2025").error()).isEqualTo(ErrorCode.VALUE_INVALID);
            assertThat(Cells.date("31.02.2025").message()).contains("calendar");
            assertThat(Cells.date("12/31/2025").error()).isEqualTo(ErrorCode.VALUE_INVALID);
            assertThat(Cells.date("yarın").error()).isEqualTo(ErrorCode.VALUE_INVALID);
        }
    }

    @Test
    void textHonoursItsLimitAndDropsOneApostrophe() {
        assertThat(Cells.text("'=1+1", 10, "note").value()).isEqualTo("=1+1");
        assertThat(Cells.text("''x", 10, "note").value()).isEqualTo("'x");
        assertThat(Cells.text("x".repeat(11), 10, "note").error()).isEqualTo(ErrorCode.VALUE_TOO_LONG);
        assertThat(Cells.text(" \u00A0", 10, "note").value()).isNull();
    }
}
