package dev.crmkit.bench.importing;

import java.util.Locale;

/** What the benchmark programs print, and the checks that stop a run whose result would mislead. */
final class Console {

    private Console() {
    }

    /** Prints a line, formatted with {@link Locale#ROOT} (so figures read the same on every machine), at once. */
    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** Stops the run when a condition its figures rest on does not hold. */
    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("check failed: " + what);
        }
    }
}
