package dev.crmkit.core.importjob;

import dev.crmkit.core.phone.PhoneNumber;

/**
 * The phone numbers an import has accepted so far, each with the row that claimed it, so that a
 * later row with the same number is {@code DUPLICATE_IN_FILE} naming that row. The only memory an
 * import holds per row: a number as a 64-bit value and a row as a 32-bit one in an open-addressing
 * table, about 16 bytes per distinct number. Not thread-safe: one importer thread owns it.
 */
public final class InFilePhones {

    private long[] phones = new long[1 << 10];
    private int[] rows = new int[1 << 10];
    private int size;
    private int mask = (1 << 10) - 1;

    /** The row that claimed the number, or 0 if none did. */
    public long rowOf(PhoneNumber number) {
        long key = number.asLong();
        for (int i = slot(key); rows[i] != 0; i = (i + 1) & mask) {
            if (phones[i] == key) {
                return Integer.toUnsignedLong(rows[i]);
            }
        }
        return 0;
    }

    /**
     * Records that {@code row} claimed the number; the first claim stays.
     *
     * @return true if the number was not claimed before
     */
    public boolean claim(PhoneNumber number, long row) {
        if (row < 1 || row > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("row out of range: " + row);
        }
        long key = number.asLong();
        int i = slot(key);
        while (rows[i] != 0) {
            if (phones[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        phones[i] = key;
        rows[i] = (int) row;
        if (++size * 4 > phones.length * 3) {
            grow();
        }
        return true;
    }

    /** How many distinct numbers were claimed. */
    public int size() {
        return size;
    }

    private void grow() {
        long[] oldPhones = phones;
        int[] oldRows = rows;
        phones = new long[oldPhones.length * 2];
        rows = new int[oldRows.length * 2];
        mask = phones.length - 1;
        for (int j = 0; j < oldPhones.length; j++) {
            if (oldRows[j] != 0) {
                int i = slot(oldPhones[j]);
                while (rows[i] != 0) {
                    i = (i + 1) & mask;
                }
                phones[i] = oldPhones[j];
                rows[i] = oldRows[j];
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @Override
    public String toString() {
        return "InFilePhones[" + size + " numbers, " + phones.length + " slots]";
    }
}
