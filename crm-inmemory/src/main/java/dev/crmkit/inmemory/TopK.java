package dev.crmkit.inmemory;

/**
 * The best {@code k} entries of a stream ordered by a numeric key descending, then id descending
 * (the order of the numeric customer sorts), kept in a binary min-heap of primitives: offering an
 * entry that cannot make the cut costs one comparison and no allocation. Not thread-safe.
 */
final class TopK {

    private final long[] keys;
    private final long[] ids;
    private final int[] slots;
    private int size;

    TopK(int k) {
        keys = new long[k];
        ids = new long[k];
        slots = new int[k];
    }

    /** Whether an entry with this key and id would be kept now. */
    boolean wouldKeep(long key, long id) {
        return size < keys.length || better(key, id, keys[0], ids[0]);
    }

    void offer(long key, long id, int slot) {
        if (size < keys.length) {
            keys[size] = key;
            ids[size] = id;
            slots[size] = slot;
            siftUp(size++);
        } else if (better(key, id, keys[0], ids[0])) {
            keys[0] = key;
            ids[0] = id;
            slots[0] = slot;
            siftDown(0);
        }
    }

    /** The kept slots, best first. */
    int[] drainBestFirst() {
        int[] out = new int[size];
        for (int i = size - 1; i >= 0; i--) {
            out[i] = slots[0];
            size--;
            keys[0] = keys[size];
            ids[0] = ids[size];
            slots[0] = slots[size];
            siftDown(0);
        }
        return out;
    }

    private static boolean better(long key, long id, long otherKey, long otherId) {
        return key > otherKey || (key == otherKey && id > otherId);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(keys[parent], ids[parent], keys[i], ids[i])) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && better(keys[left], ids[left], keys[right], ids[right])) {
                worst = right;
            }
            if (!better(keys[i], ids[i], keys[worst], ids[worst])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        long k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
        long d = ids[a];
        ids[a] = ids[b];
        ids[b] = d;
        int s = slots[a];
        slots[a] = slots[b];
        slots[b] = s;
    }
}
