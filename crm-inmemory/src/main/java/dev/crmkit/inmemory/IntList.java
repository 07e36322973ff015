package dev.crmkit.inmemory;

import java.util.Arrays;

/** A growable list of ints without boxing, for posting lists. Not thread-safe. */
final class IntList {

    private int[] values = new int[4];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size + (size >> 1) + 4);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    int get(int index) {
        return values[index];
    }

    /** A new list of a's values followed by b's. */
    static IntList concat(IntList a, IntList b) {
        IntList out = new IntList();
        out.values = Arrays.copyOf(a.values, Math.max(4, a.size + b.size));
        System.arraycopy(b.values, 0, out.values, a.size, b.size);
        out.size = a.size + b.size;
        return out;
    }
}
