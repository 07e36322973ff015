package dev.crmkit.importer.internal;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.text.TextFolding;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of one cell as a typed value (SPEC 3.3). Every method is total: it returns a
 * value, a blank, or an error with a stable code and a message naming the offending text; none
 * throws for bad input. Thread-safe (stateless).
 */
final class Cells {

    private Cells() {
    }

    /**
     * Drops one leading apostrophe (which spreadsheets use to force text and which error reports
     * add to neutralise formulas) and surrounding white space of any kind.
     */
    static String clean(String cell) {
        String s = TextFolding.trim(cell);
        if (!s.isEmpty() && s.charAt(0) == '\'') {
            s = TextFolding.trim(s.substring(1));
        }
        return s;
    }

    /**
     * A phone number. Excel's damage is repaired where nothing was lost: text such as
     * {@code 9.05301234567E+11} that still holds every digit is recovered with a warning; a
     * shortened form such as {@code 9.05301E+11} is {@code PHONE_INVALID} saying so.
     */
    static CellValue<PhoneNumber> phone(String cell, PhoneParser parser) {
        String text = clean(cell);
        if (text.isEmpty()) {
            return CellValue.error(ErrorCode.PHONE_REQUIRED, "a phone number is required");
        }
        String warning = null;
        int e = Math.max(text.indexOf('E'), text.indexOf('e'));
        if (e > 0 && looksLikeScientific(text)) {
            String digits = recoverScientific(text);
            if (digits == null) {
                return CellValue.error(ErrorCode.PHONE_INVALID, "'" + NumberStyle.cut(text) + "' is a number Excel "
                        + "shortened, and its last digits are lost; format the column as text and enter the number again");
            }
            warning = "'" + text + "' was a number in Excel's scientific format; read as " + digits;
            text = digits;
        }
        try {
            PhoneNumber number = parser.parse(text);
            return warning == null ? CellValue.of(number) : CellValue.withWarning(number, warning);
        } catch (CrmValidationException ex) {
            return CellValue.error(ex.code(), ex.violations().get(0).message());
        }
    }

    private static boolean looksLikeScientific(String text) {
        return text.matches("[+]?[0-9]+([.,][0-9]+)?[eE][+]?[0-9]{1,2}");
    }

    /** The integer digits of a scientific-notation text if every digit survived, else null. */
    private static String recoverScientific(String text) {
        String normalized = text.replace(',', '.').replace("+", "");
        BigDecimal value;
        try {
            value = new BigDecimal(normalized.toUpperCase(java.util.Locale.ROOT));
        } catch (NumberFormatException ex) {
            return null;
        }
        if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0) {
            return null;
        }
        String mantissa = normalized.substring(0, normalized.toUpperCase(java.util.Locale.ROOT).indexOf('E'))
                .replace(".", "");
        String digits = value.toBigIntegerExact().toString();
        // Lossless only if the mantissa carried as many digits as the number has: otherwise Excel
        // rounded and padded the rest with zeros.
        return mantissa.replaceFirst("^0+", "").length() == digits.length() ? digits : null;
    }

    /** Segment: VIP, Normal, Risk, Potansiyel or Potential, Turkish-aware both ways. */
    static CellValue<Segment> segment(String cell) {
        String text = clean(cell);
        if (text.isEmpty()) {
            return CellValue.blank();
        }
        Segment s = switch (TextFolding.fold(text)) {
            case "vip" -> Segment.VIP;
            case "normal" -> Segment.NORMAL;
            case "risk", "riskli" -> Segment.RISK;
            case "potansiyel", "potential" -> Segment.POTENTIAL;
            default -> null;
        };
        return s != null ? CellValue.of(s) : CellValue.error(ErrorCode.SEGMENT_UNKNOWN,
                "'" + NumberStyle.cut(text) + "' is not a segment; use VIP, Normal, Risk or Potansiyel");
    }

    /** Customer type: Kişi/Şirket, Person/Company (also Bireysel/Kurumsal). */
    static CellValue<CustomerType> type(String cell) {
        String text = clean(cell);
        if (text.isEmpty()) {
            return CellValue.blank();
        }
        CustomerType t = switch (TextFolding.fold(text)) {
            case "kisi", "person", "bireysel", "individual" -> CustomerType.PERSON;
            case "sirket", "company", "kurumsal", "kurum", "firma" -> CustomerType.COMPANY;
            default -> null;
        };
        return t != null ? CellValue.of(t) : CellValue.error(ErrorCode.VALUE_INVALID,
                "'" + NumberStyle.cut(text) + "' is not a customer type; use Kişi or Şirket");
    }

    /** Customer status: Aktif/Pasif, Active/Passive. */
    static CellValue<CustomerStatus> status(String cell) {
        String text = clean(cell);
        if (text.isEmpty()) {
            return CellValue.blank();
        }
        CustomerStatus s = switch (TextFolding.fold(text)) {
            case "aktif", "active" -> CustomerStatus.ACTIVE;
            case "pasif", "passive", "inactive" -> CustomerStatus.PASSIVE;
            default -> null;
        };
        return s != null ? CellValue.of(s) : CellValue.error(ErrorCode.VALUE_INVALID,
                "'" + NumberStyle.cut(text) + "' is not a status; use Aktif or Pasif");
    }

    /** A yes/no value: Evet/Hayır, Yes/No, True/False, 1/0, E/H, Var/Yok. */
    static CellValue<Boolean> bool(String cell) {
        String text = clean(cell);
        if (text.isEmpty()) {
            return CellValue.blank();
        }
        Boolean b = switch (TextFolding.fold(text)) {
            case "evet", "e", "yes", "y", "true", "1", "var", "onay", "onayli", "x" -> Boolean.TRUE;
            case "hayir", "h", "no", "n", "false", "0", "yok" -> Boolean.FALSE;
            default -> null;
        };
        return b != null ? CellValue.of(b) : CellValue.error(ErrorCode.VALUE_INVALID,
                "'" + NumberStyle.cut(text) + "' is not yes or no; use Evet or Hayır");
    }

    /**
     * A date: ISO {@code yyyy-MM-dd} (a spreadsheet date cell arrives this way, possibly with a
     * time, which is dropped) or {@code dd.MM.yyyy} (day and month may have one digit).
     */
    static CellValue<LocalDate> date(String cell) {
        String text = clean(cell);
        if (text.isEmpty()) {
            return CellValue.blank();
        }
        try {
            if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return CellValue.of(LocalDate.parse(text));
            }
            if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?")) {
                return CellValue.of(LocalDateTime.parse(text).toLocalDate());
            }
            if (text.matches("[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4}")) {
                String[] p = text.split("\\.");
                return CellValue.of(LocalDate.of(Integer.parseInt(p[2]), Integer.parseInt(p[1]), Integer.parseInt(p[0])));
            }
        } catch (DateTimeException e) {
            return CellValue.error(ErrorCode.VALUE_INVALID, "'" + NumberStyle.cut(text) + "' is not a calendar date");
        }
        return CellValue.error(ErrorCode.VALUE_INVALID,
                "'" + NumberStyle.cut(text) + "' is not a date; write 31.12.2025 or 2025-12-31");
    }

    /** The options of a multi-select cell, separated by {@code ,} {@code ;} or {@code |}. */
    static List<String> options(String cell) {
        List<String> out = new ArrayList<>();
        for (String part : clean(cell).split("[,;|]")) {
            String p = TextFolding.trim(part);
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** A text value within a length limit; {@code null} for blank. */
    static CellValue<String> text(String cell, int maxChars, String field) {
        String text = clean(cell);
        if (text.isEmpty()) {
            return CellValue.blank();
        }
        if (text.length() > maxChars) {
            return CellValue.error(ErrorCode.VALUE_TOO_LONG, field + " has at most " + maxChars + " characters");
        }
        return CellValue.of(text);
    }
}
