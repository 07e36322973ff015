package dev.crmkit.core.work;

import dev.crmkit.core.Actor;

/**
 * Tasks, issues and calendar events. Reading needs VIEW, creating and changing CONTRIBUTE,
 * deleting EDIT. Creating or changing an item linked to a customer writes a TASK activity on the
 * customer; deleting the customer keeps its items, unlinked.
 */
public interface WorkItemService {

    /**
     * @throws dev.crmkit.core.NotFoundException {@code CUSTOMER_NOT_FOUND} for an unknown customer
     * @throws dev.crmkit.core.CrmValidationException {@code USER_UNKNOWN} for an unknown assignee
     */
    WorkItem create(Actor actor, NewWorkItem item);

    /**
     * Replaces an item's values.
     *
     * @throws dev.crmkit.core.ConflictException {@code VERSION_CONFLICT} if it changed since {@code expectedVersion}
     * @throws dev.crmkit.core.NotFoundException {@code WORK_ITEM_NOT_FOUND}
     */
    WorkItem update(Actor actor, long id, NewWorkItem values, long expectedVersion);

    /** Marks an item done, or not done again; a no-op if it already is. */
    WorkItem setDone(Actor actor, long id, boolean done, long expectedVersion);

    /** @throws dev.crmkit.core.NotFoundException {@code WORK_ITEM_NOT_FOUND} */
    void delete(Actor actor, long id);

    /** @throws dev.crmkit.core.NotFoundException {@code WORK_ITEM_NOT_FOUND} */
    WorkItem get(Actor actor, long id);

    /** The customer's items grouped as its view shows them, at the current time. */
    CustomerWorkItems forCustomer(Actor actor, long customerId);
}
