package dev.crmkit.importer.source;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import dev.crmkit.importer.ImportFileException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * What the XLSX and XLS readers share, so that one workbook gives the same rows in either format:
 * which sheet is read, the bounds a workbook is held to, and how a date cell is written out.
 */
final class Workbooks {

    /** More sheets than any real workbook has: a workbook listing more is damaged or hostile. */
    static final int MAX_SHEETS = 10_000;
    /** A date serial below this is a day Excel can show (9999-12-31 is 2,958,465). */
    static final double MAX_DATE_SERIAL = 2_958_466;
    /** How many sheet names a message lists before "and N more". */
    private static final int NAMES_IN_MESSAGES = 20;

    private Workbooks() {
    }

    /**
     * The position of the sheet the options ask for among the workbook's sheets, in workbook
     * order: by name (exactly, else the one sheet whose name matches ignoring case, Turkish letters
     * and the spaces around it; two such sheets are ambiguous), else by index.
     *
     * @throws ImportFileException {@code FILE_UNREADABLE} naming the sheets there are
     */
    static int chooseSheet(List<String> names, SourceOptions options) {
        String wanted = options.sheetName();
        if (wanted == null) {
            if (options.sheetIndex() < names.size()) {
                return options.sheetIndex();
            }
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The workbook has no sheet number "
                    + (options.sheetIndex() + 1) + "; its sheets are " + listed(names) + ".");
        }
        int exact = names.indexOf(wanted);
        if (exact >= 0) {
            return exact;
        }
        String folded = TextFolding.fold(TextFolding.trim(wanted));
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (TextFolding.fold(TextFolding.trim(names.get(i))).equals(folded)) {
                matches.add(i);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The workbook has no sheet named '" + wanted
                    + "'; its sheets are " + listed(names) + ".");
        }
        throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The sheet name '" + wanted
                + "' is ambiguous: it matches " + listed(matches.stream().map(names::get).toList())
                + "; give the exact name.");
    }

    /** Sheet names for a message: quoted, the first few, then how many more. */
    static String listed(List<String> names) {
        String listed = names.stream().limit(NAMES_IN_MESSAGES).map(n -> "'" + n + "'")
                .collect(Collectors.joining(", "));
        return names.size() > NAMES_IN_MESSAGES ? listed + " and " + (names.size() - NAMES_IN_MESSAGES) + " more"
                : listed;
    }

    /** Whether a number in a date-formatted cell is a day Excel shows as a date. */
    static boolean isDateSerial(double serial) {
        return serial >= 0 && serial < MAX_DATE_SERIAL;
    }

    /**
     * A date serial as text: ISO {@code yyyy-MM-dd}, with {@code THH:mm} or {@code THH:mm:ss} when it
     * has a time of day; a time alone (below one day in the 1900 date system, whose day 0 is no real
     * day) as {@code HH:mm[:ss]}.
     */
    /** Excel shows and exports at most 15 significant digits of a number. */
    private static final MathContext EXCEL_PRECISION = new MathContext(15, RoundingMode.HALF_EVEN);
    /** 2^53: every whole number below it is a double exactly. */
    private static final double EXACT_INTEGER_LIMIT = 9_007_199_254_740_992d;

    /**
     * A number as Excel shows it, in plain decimal digits: whole numbers below 2^53 exactly ({@code
     * 905301234567}), others with at most 15 significant digits ({@code 0.1 + 0.2} and the
     * {@code 41800000.009999998} Excel writes into XLSX give {@code 0.3} and {@code 41800000.01}),
     * never in exponent notation, never with a trailing {@code .0}.
     */
    static String numberText(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGER_LIMIT) {
            return Long.toString((long) value);
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        if (exact.precision() > EXCEL_PRECISION.getPrecision()) {
            exact = exact.round(EXCEL_PRECISION);
        }
        String text = exact.stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    static String dateText(double serial, boolean date1904) {
        LocalDateTime t = DateUtil.getLocalDateTime(serial, date1904, true);
        if (serial < 1 && !date1904) {
            return timeText(t.toLocalTime());
        }
        return isoDateTime(t);
    }

    /** A date and time as ISO text, without the time at midnight and without seconds when they are 0. */
    static String isoDateTime(LocalDateTime t) {
        String day = t.toLocalDate().toString();
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? day : day + "T" + timeText(t.toLocalTime());
    }

    private static String timeText(LocalTime time) {
        return time.getSecond() == 0 ? String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute())
                : String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
    }
}
