package dev.crmkit.core.spi;

import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import java.util.List;
import java.util.Set;

/** Activities of one tenant. Ids grow with every append, so "newest first" is "largest id first". */
public interface ActivityStore {

    /**
     * Stores an activity and assigns its id, larger than any id of the tenant before.
     *
     * @param activity with id 0
     * @return the assigned id
     */
    long append(Activity activity);

    /**
     * Stores activities at once, as an import does for a chunk; ids are assigned in list order.
     *
     * @param activities each with id 0
     * @return the assigned ids, ascending, in the order of {@code activities}
     */
    default long[] appendAll(List<Activity> activities) {
        long[] ids = new long[activities.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = append(activities.get(i));
        }
        return ids;
    }

    /**
     * A customer's activities with an id below {@code beforeId}, largest id first.
     *
     * @param types only these; empty for all
     */
    List<Activity> timeline(long customerId, Set<ActivityType> types, long beforeId, int limit);

    /** Every customer's activities with an id below {@code beforeId}, largest id first. */
    List<Activity> feed(Set<ActivityType> types, long beforeId, int limit);

    /**
     * Removes a customer's activities.
     *
     * @return how many
     */
    int deleteByCustomer(long customerId);
}
