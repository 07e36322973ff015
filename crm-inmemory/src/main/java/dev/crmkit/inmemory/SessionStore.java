package dev.crmkit.inmemory;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What every store of one unit of work shares: the tenant's data, the id sequences, and the one
 * undo log to which every change adds how to take it back.
 */
abstract class SessionStore {

    private final InMemorySession session;
    final TenantData data;
    final InMemoryStorage.Sequences ids;
    final Deque<Runnable> undo;

    SessionStore(InMemorySession session) {
        this.session = session;
        this.data = session.data;
        this.ids = session.ids;
        this.undo = session.undo;
    }

    final void checkOpen() {
        session.checkOpen();
    }

    final void checkWritable() {
        session.checkWritable();
    }

    /** The values matching, highest id first, at most {@code limit}. */
    static <V> List<V> newestOf(TreeMap<Long, V> byId, Predicate<V> which, int limit) {
        List<V> out = new ArrayList<>();
        for (V v : byId.descendingMap().values()) {
            if (which.test(v)) {
                out.add(v);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** Removes the values matching; returns them. */
    static <V> List<V> removeIf(TreeMap<Long, V> byId, Predicate<V> which) {
        List<V> removed = new ArrayList<>();
        byId.values().removeIf(v -> {
            boolean of = which.test(v);
            if (of) {
                removed.add(v);
            }
            return of;
        });
        return removed;
    }
}
