package dev.crmkit.cli.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Option values people type: durations such as {@code 30s} or {@code 7d}, sizes such as {@code 50MB}. */
public final class Values {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(b|kb|k|mb|m|gb|g)?");

    private Values() {
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}; a bare number is seconds. */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write 30s, 5m, 2h or 7d)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Whole days: {@code 7d} or {@code 7}. */
    public static int days(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || !(m.group(2) == null || m.group(2).equals("d"))) {
            throw new IllegalArgumentException("not a number of days: '" + text + "' (write 7d)");
        }
        int days = Integer.parseInt(m.group(1));
        if (days < 1) {
            throw new IllegalArgumentException("the number of days must be at least 1: '" + text + "'");
        }
        return days;
    }

    /** Bytes: {@code 1048576}, {@code 512KB}, {@code 50MB}, {@code 2GB} (powers of 1024). */
    public static long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (write 50MB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit) {
            case "kb", "k" -> 1L << 10;
            case "mb", "m" -> 1L << 20;
            case "gb", "g" -> 1L << 30;
            default -> 1;
        };
        if (n > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return n * factor;
    }

    /** The delimiter a user means: one character, or {@code tab}. */
    public static char delimiter(String text) {
        if (text.equalsIgnoreCase("tab") || text.equals("\\t")) {
            return '\t';
        }
        if (text.length() != 1 || Character.isLetterOrDigit(text.charAt(0)) || text.charAt(0) == '"'
                || text.charAt(0) == '\n' || text.charAt(0) == '\r') {
            throw new IllegalArgumentException("a delimiter is one character such as ; , | or the word tab, not '"
                    + text + "'");
        }
        return text.charAt(0);
    }

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A moment as people read it: local date and time to the minute; empty for none. */
    public static String when(java.time.Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(java.time.ZoneId.systemDefault()));
    }

    /** Thousands separated, {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
