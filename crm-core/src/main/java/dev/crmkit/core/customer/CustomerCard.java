package dev.crmkit.core.customer;

import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.work.WorkItem;
import java.util.List;
import java.util.Objects;

/**
 * What hovering a customer shows: the customer as the actor may see it, its next open work items
 * and its latest activities, read together in one unit of work.
 *
 * @param customer the customer, fields the actor may not see left out as everywhere
 * @param openWork work items not done, overdue ones first, then by due time (none last)
 * @param latestActivities the newest timeline entries first, changes to hidden fields left out
 */
public record CustomerCard(Customer customer, List<WorkItem> openWork, List<Activity> latestActivities) {

    public CustomerCard {
        Objects.requireNonNull(customer, "customer");
        openWork = List.copyOf(openWork);
        latestActivities = List.copyOf(latestActivities);
    }
}
