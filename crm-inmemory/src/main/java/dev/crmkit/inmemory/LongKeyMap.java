package dev.crmkit.inmemory;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An open-addressing hash map from {@code long} keys to values, without boxing. The keys the
 * indexes use (packed characters, phone digits) are badly spread by {@code Long.hashCode}, so keys
 * are mixed with the 64-bit finalizer of MurmurHash3 before probing. Grows, never shrinks; a
 * removed key leaves no tombstone because entries are moved back (backward-shift deletion).
 * Not thread-safe.
 */
final class LongKeyMap<V> {

    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongKeyMap() {
        keys = new long[16];
        values = new Object[16];
        mask = 15;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    @Nullable V get(long key) {
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** The value of the key, created with {@code factory} if absent. */
    V computeIfAbsent(long key, Supplier<V> factory) {
        V existing = get(key);
        if (existing != null) {
            return existing;
        }
        V created = factory.get();
        put(key, created);
        return created;
    }

    /** Maps the key to a non-null value; returns the previous value or null. */
    @SuppressWarnings("unchecked")
    @Nullable V put(long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not stored");
        }
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                V previous = (V) values[i];
                values[i] = value;
                return previous;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 4 > keys.length * 3) {
            grow();
        }
        return null;
    }

    /** Removes the key; returns its value or null. */
    @SuppressWarnings("unchecked")
    @Nullable V remove(long key) {
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                V previous = (V) values[i];
                shiftBack(i);
                size--;
                return previous;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == null) {
                break;
            }
            int home = slot(keys[i]);
            // Move the entry into the hole unless its home lies cyclically in (hole, i].
            boolean stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!stays) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        values[hole] = null;
        keys[hole] = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != null) {
                int i = slot(oldKeys[j]);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private int slot(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    @Override
    public String toString() {
        return "LongKeyMap[size=" + size + ", capacity=" + keys.length + "]";
    }
}
