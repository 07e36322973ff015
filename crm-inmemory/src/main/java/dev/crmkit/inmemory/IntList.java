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
}
