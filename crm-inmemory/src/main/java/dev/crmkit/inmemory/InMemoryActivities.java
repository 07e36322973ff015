package dev.crmkit.inmemory;

import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.spi.ActivityStore;
import java.util.List;
import java.util.Set;

/** A tenant's activities: one log for the feed and one per customer for timelines. */
final class InMemoryActivities extends SessionStore implements ActivityStore {

    InMemoryActivities(InMemorySession session) {
        super(session);
    }

    @Override
    public long append(Activity activity) {
        checkWritable();
        long id = ids.activities.incrementAndGet();
        Activity stored = activity.withId(id);
        ActivityLog own = data.activitiesByCustomer.computeIfAbsent(stored.customerId(), ActivityLog::new);
        data.activities.append(stored);
        own.append(stored);
        undo.push(() -> {
            data.activities.removeLast();
            own.removeLast();
        });
        return id;
    }

    @Override
    public List<Activity> timeline(long customerId, Set<ActivityType> types, long beforeId, int limit) {
        checkOpen();
        ActivityLog own = data.activitiesByCustomer.get(customerId);
        return own == null ? List.of() : own.newest(types, beforeId, limit);
    }

    @Override
    public List<Activity> feed(Set<ActivityType> types, long beforeId, int limit) {
        checkOpen();
        return data.activities.newest(types, beforeId, limit);
    }

    @Override
    public int deleteByCustomer(long customerId) {
        checkWritable();
        ActivityLog own = data.activitiesByCustomer.remove(customerId);
        if (own == null) {
            return 0;
        }
        List<Activity> removed = own.all();
        for (Activity a : removed) {
            data.activities.remove(a.id());
        }
        undo.push(() -> {
            data.activitiesByCustomer.put(customerId, own);
            for (Activity a : removed) {
                data.activities.restore(a);
            }
        });
        return removed.size();
    }
}
