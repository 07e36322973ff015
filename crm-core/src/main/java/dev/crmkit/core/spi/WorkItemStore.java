package dev.crmkit.core.spi;

import dev.crmkit.core.work.WorkItem;
import java.util.List;
import java.util.Optional;

/** Work items of one tenant. */
public interface WorkItemStore {

    /** Stores a new item (its id is ignored) and returns the id assigned. */
    long insert(WorkItem item);

    /** Replaces the item with the same id if it is at {@code expectedVersion}; false otherwise. */
    boolean update(WorkItem item, long expectedVersion);

    Optional<WorkItem> find(long id);

    /** The items linked to the customer, by id. */
    List<WorkItem> listByCustomer(long customerId);

    /** Unlinks the customer's items (the customer is being deleted), keeping them; returns how many. */
    int unlinkCustomer(long customerId);

    /** Removes an item; false if there was none. */
    boolean delete(long id);
}
