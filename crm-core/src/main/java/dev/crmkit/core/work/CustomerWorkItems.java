package dev.crmkit.core.work;

import java.util.List;

/**
 * A customer's work items as its view groups them.
 *
 * @param overdue not done and due before now, the longest overdue first
 * @param pending not done and not overdue: by due time (none last), then as created
 * @param completed done, the last completed first
 */
public record CustomerWorkItems(List<WorkItem> overdue, List<WorkItem> pending, List<WorkItem> completed) {

    public CustomerWorkItems {
        overdue = List.copyOf(overdue);
        pending = List.copyOf(pending);
        completed = List.copyOf(completed);
    }
}
