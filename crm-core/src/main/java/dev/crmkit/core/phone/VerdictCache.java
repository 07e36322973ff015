package dev.crmkit.core.phone;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongPredicate;

/**
 * A small direct-mapped memo of a predicate on numbers below 2^62, such as libphonenumber's
 * validity check. Each slot holds a number and its verdict in one {@code long}, so a read sees
 * either a whole entry or another number's, never half of one: the cache is thread-safe without
 * locks, and a miss simply asks the predicate again. Old entries are overwritten.
 */
final class VerdictCache {

    private static final long EMPTY = -1L;

    private final AtomicLongArray slots;
    private final int mask;
    private final LongPredicate predicate;

    VerdictCache(int size, LongPredicate predicate) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two");
        }
        this.slots = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            slots.setPlain(i, EMPTY);
        }
        this.mask = size - 1;
        this.predicate = predicate;
    }

    boolean isValid(long number) {
        if (number < 0 || number >= 1L << 62) {
            return predicate.test(number);
        }
        int slot = (int) ((number * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        long entry = slots.getOpaque(slot);
        if (entry != EMPTY && entry >>> 1 == number) {
            return (entry & 1) == 1;
        }
        boolean verdict = predicate.test(number);
        slots.setOpaque(slot, number << 1 | (verdict ? 1 : 0));
        return verdict;
    }
}
