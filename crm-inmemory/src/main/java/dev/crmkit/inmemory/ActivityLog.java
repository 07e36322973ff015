package dev.crmkit.inmemory;

import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Activities in id order, in one growable array: appends come in increasing id order (ids grow
 * and a tenant's writes are serial), so "newest before an id" is a binary search and a walk
 * backwards. A removed activity leaves a hole that reads skip, and holes are squeezed out when
 * they make up half the array. Much smaller than a tree map per customer. Not thread-safe.
 */
final class ActivityLog {

    private Activity[] items = new Activity[2];
    private int size;
    private int holes;

    void append(Activity a) {
        if (size > 0 && items[size - 1] != null && items[size - 1].id() >= a.id()) {
            throw new IllegalArgumentException("activities are appended in increasing id order");
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size + (size >> 1) + 2);
        }
        items[size++] = a;
    }

    /** Undoes the last append. */
    void removeLast() {
        items[--size] = null;
    }

    /** Removes the activity with this id, if present. */
    boolean remove(long id) {
        int i = indexOf(id);
        if (i < 0 || items[i] == null) {
            return false;
        }
        items[i] = null;
        holes++;
        if (holes * 2 > size && size > 16) {
            compact();
        }
        return true;
    }

    /** Puts a removed activity back (undo of a removal); its place is found by id. */
    void restore(Activity a) {
        int i = indexOf(a.id());
        if (i >= 0) {
            if (items[i] == null) {
                items[i] = a;
                holes--;
            }
            return;
        }
        int at = -i - 1;
        if (size == items.length) {
            items = Arrays.copyOf(items, size + (size >> 1) + 2);
        }
        System.arraycopy(items, at, items, at + 1, size - at);
        items[at] = a;
        size++;
    }

    /** Activities with an id below {@code beforeId}, largest id first, of the given types (all if empty). */
    List<Activity> newest(Set<ActivityType> types, long beforeId, int limit) {
        int i = indexOf(beforeId);
        int start = i >= 0 ? i - 1 : -i - 2;
        List<Activity> out = new ArrayList<>(Math.min(limit, 64));
        for (int j = start; j >= 0 && out.size() < limit; j--) {
            Activity a = items[j];
            if (a != null && (types.isEmpty() || types.contains(a.type()))) {
                out.add(a);
            }
        }
        return out;
    }

    /** Every activity, oldest first. */
    List<Activity> all() {
        List<Activity> out = new ArrayList<>(size - holes);
        for (int j = 0; j < size; j++) {
            if (items[j] != null) {
                out.add(items[j]);
            }
        }
        return out;
    }

    int size() {
        return size - holes;
    }

    /**
     * The index of the activity with this id, or {@code -(insertion point) - 1}. Holes keep no id,
     * so the search steps over them to the nearest stored neighbour.
     */
    private int indexOf(long id) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int probe = mid;
            while (probe >= lo && items[probe] == null) {
                probe--;
            }
            if (probe < lo) {
                lo = mid + 1;
                continue;
            }
            long found = items[probe].id();
            if (found < id) {
                lo = mid + 1;
            } else if (found > id) {
                hi = probe - 1;
            } else {
                return probe;
            }
        }
        return -lo - 1;
    }

    private void compact() {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (items[r] != null) {
                items[w++] = items[r];
            }
        }
        Arrays.fill(items, w, size, null);
        size = w;
        holes = 0;
    }
}
