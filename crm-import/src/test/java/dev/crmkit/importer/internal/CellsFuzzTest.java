package dev.crmkit.importer.internal;

import static dev.crmkit.importer.FuzzInput.escape;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.text.TextFolding;
import dev.crmkit.importer.FuzzInput;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;

/**
 * Fuzzes the reading of cells (SPEC 3.3): phone numbers, numbers in Turkish and English style and
 * dates. The input is one column of a file, a cell a line (see {@link FuzzInput}); each cell is read
 * as all three, numbers with the file's style detected across the column as an import does.
 *
 * <ul>
 *   <li>Every reading is a value, a blank or an error with its documented code; none throws.</li>
 *   <li>Phone: a value is E.164, parses again to itself, and is libphonenumber's own reading of the
 *       cell in region TR (the parser's Turkish shortcut must give libphonenumber's answer, valid or
 *       not).</li>
 *   <li>Number: the value's digits are the cell's digits; written back in the style it was read in
 *       (grouped Turkish, grouped English, plain) it reads as the same value; a detected style
 *       never changes within the column and reads each cell as the fixed style does.</li>
 *   <li>Date: a value written back as {@code yyyy-MM-dd} and {@code d.M.yyyy} reads as itself.</li>
 * </ul>
 *
 * <p>Committed inputs: {@code src/test/resources/dev/crmkit/importer/internal/CellsFuzzTestInputs/cells/}.
 */
class CellsFuzzTest {

    private static final PhoneParser TR = PhoneParser.forRegion("TR");
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_CELLS = 32;

    @FuzzTest(maxDuration = "10s")
    void cells(byte[] data) {
        List<String> column = FuzzInput.lines(data, MAX_CELLS);
        NumberStyle detected = new NumberStyle();
        char decided = 0;
        for (String cell : column) {
            phone(cell);
            date(cell);
            number(cell, detected);
            if (decided != 0) {
                check(detected.decimalSeparator() == decided, "the file's number style changed", cell);
            }
            decided = detected.decimalSeparator();
        }
    }

    private static void phone(String cell) {
        String text = Cells.clean(cell);
        CellValue<PhoneNumber> v = Cells.phone(cell, TR);
        if (text.isEmpty()) {
            check(v.error() == ErrorCode.PHONE_REQUIRED, "a blank phone is not PHONE_REQUIRED", cell);
            return;
        }
        check(v.value() != null ^ v.failed(), "a phone is neither a value nor an error", cell);
        if (v.failed()) {
            check(v.error() == ErrorCode.PHONE_INVALID, "phone error " + v.error(), cell);
            check(v.message() != null && !v.message().isBlank(), "a phone error without a message", cell);
        } else {
            String e164 = v.value().e164();
            check(e164.matches("\\+[1-9][0-9]{6,14}"), "not E.164: " + e164, cell);
            check(TR.parse(e164).equals(v.value()), "the E.164 form parses to another number", cell);
        }
        if (text.matches("[+]?[0-9]+([.,][0-9]+)?[eE][+]?[0-9]{1,2}")) {
            return; // Excel's scientific notation: repaired or refused by Cells, not libphonenumber's reading
        }
        String reference = libphonenumber(text);
        PhoneNumber parsed;
        try {
            parsed = TR.parse(text);
        } catch (CrmValidationException e) {
            parsed = null;
        }
        check(parsed == null ? reference == null : parsed.e164().equals(reference),
                "read as " + parsed + " where libphonenumber reads " + reference, cell);
        check(v.value() == null ? parsed == null : v.value().equals(parsed), "the cell and the parser differ", cell);
    }

    /** libphonenumber's own E.164 reading in region TR, or null when it is no valid number (or too long to try). */
    private static String libphonenumber(String text) {
        if (TextFolding.trim(text).length() > 64) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(TextFolding.trim(text), "TR");
            return UTIL.isValidNumber(n) ? UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static void date(String cell) {
        CellValue<LocalDate> v = Cells.date(cell);
        if (Cells.clean(cell).isEmpty()) {
            check(v.value() == null && !v.failed(), "a blank date is not blank", cell);
            return;
        }
        check(v.value() != null ^ v.failed(), "a date is neither a value nor an error", cell);
        if (v.failed()) {
            check(v.error() == ErrorCode.VALUE_INVALID, "date error " + v.error(), cell);
            return;
        }
        LocalDate d = v.value();
        check(d.getYear() >= 0 && d.getYear() <= 9999, "a year beyond four digits", cell);
        check(d.equals(Cells.date(d.toString()).value()), "ISO form of " + d + " reads differently", cell);
        String dotted = d.getDayOfMonth() + "." + d.getMonthValue() + "." + String.format("%04d", d.getYear());
        check(d.equals(Cells.date(dotted).value()), dotted + " reads differently", cell);
    }

    private static void number(String cell, NumberStyle detected) {
        CellValue<BigDecimal> v = detected.read(cell);
        CellValue<BigDecimal> turkish = new NumberStyle(',').read(cell);
        CellValue<BigDecimal> english = new NumberStyle('.').read(cell);
        for (CellValue<BigDecimal> r : List.of(v, turkish, english)) {
            check(r.value() == null || !r.failed(), "a number is both a value and an error", cell);
            check(!r.failed() || r.error() == ErrorCode.VALUE_INVALID, "number error " + r.error(), cell);
            if (r.value() == null && !r.failed()) {
                check(cell.chars().noneMatch(c -> c >= '0' && c <= '9'), "a number with digits read as blank", cell);
            }
            if (r.value() != null) {
                digitsAreTheCells(cell, r.value());
            }
        }
        if (turkish.value() != null) {
            roundTrip(cell, turkish.value(), ',');
        }
        if (english.value() != null) {
            roundTrip(cell, english.value(), '.');
        }
        if (v.value() != null) {
            char style = detected.decimalSeparator();
            if (style == 0) {
                check(v.value().equals(turkish.value()) && v.value().equals(english.value()),
                        "a whole number reads differently in the two styles", cell);
            } else {
                check(v.value().equals(style == ',' ? turkish.value() : english.value()),
                        "the detected style reads the cell unlike the fixed '" + style + "'", cell);
            }
        }
    }

    private static void digitsAreTheCells(String cell, BigDecimal value) {
        StringBuilder digits = new StringBuilder();
        cell.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
        String expected = new BigInteger(digits.toString()).toString();
        check(value.unscaledValue().abs().toString().equals(expected), "read as " + value + ", not the cell's digits",
                cell);
    }

    /** The value written grouped in the style and plain, read again with that style fixed. */
    private static void roundTrip(String cell, BigDecimal value, char decimal) {
        char group = decimal == ',' ? '.' : ',';
        String plain = value.abs().toPlainString();
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(group);
            }
            grouped.append(whole.charAt(i));
        }
        String sign = value.signum() < 0 ? "-" : "";
        String written = sign + grouped + (fraction.isEmpty() ? "" : decimal + fraction);
        CellValue<BigDecimal> again = new NumberStyle(decimal).read(written);
        check(value.equals(again.value()), value + " written as " + written + " reads as " + again.value()
                + (again.failed() ? " (" + again.message() + ")" : ""), cell);
        String simple = sign + whole + (fraction.isEmpty() ? "" : decimal + fraction);
        again = new NumberStyle(decimal).read(simple);
        check(value.equals(again.value()), value + " written as " + simple + " reads as " + again.value(), cell);
    }

    private static void check(boolean condition, String what, String cell) {
        if (!condition) {
            throw new AssertionError(what + "; cell [" + escape(cell) + "]");
        }
    }
}
