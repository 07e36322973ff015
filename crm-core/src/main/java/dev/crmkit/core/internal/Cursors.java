package dev.crmkit.core.internal;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.spi.SortKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque cursors. They hold a position, never a row offset, so a page after them is stable while
 * entries are added. A cursor from another list or order is refused with {@code CURSOR_INVALID}.
 */
final class Cursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursors() {
    }

    static String customers(CustomerSort sort, SortKey key) {
        String raw = "c1:" + sort.name() + ":" + key.number() + ":" + key.id() + ":" + (key.text() == null ? "" : key.text());
        return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static SortKey customers(CustomerSort sort, String cursor) {
        String raw = decode(cursor);
        String[] parts = raw.split(":", 5);
        if (parts.length != 5 || !parts[0].equals("c1")) {
            throw invalid();
        }
        if (!parts[1].equals(sort.name())) {
            throw new CrmValidationException(ErrorCode.CURSOR_INVALID,
                    "the cursor belongs to a list sorted by " + parts[1] + ", not " + sort);
        }
        try {
            long number = Long.parseLong(parts[2]);
            long id = Long.parseLong(parts[3]);
            return new SortKey(number, sort == CustomerSort.NAME ? parts[4] : null, id);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    static String activities(long id) {
        return ENCODER.encodeToString(("a1:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static long activities(String cursor) {
        String raw = decode(cursor);
        if (!raw.startsWith("a1:")) {
            throw invalid();
        }
        try {
            return Long.parseLong(raw.substring(3));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String decode(String cursor) {
        try {
            return new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static CrmValidationException invalid() {
        return new CrmValidationException(ErrorCode.CURSOR_INVALID, "not a cursor of this list");
    }
}
