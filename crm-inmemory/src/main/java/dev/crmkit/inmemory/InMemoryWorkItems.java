package dev.crmkit.inmemory;

import dev.crmkit.core.spi.WorkItemStore;
import dev.crmkit.core.work.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A tenant's tasks and other work items. */
final class InMemoryWorkItems extends SessionStore implements WorkItemStore {

    InMemoryWorkItems(InMemorySession session) {
        super(session);
    }

    @Override
    public long insert(WorkItem item) {
        checkWritable();
        long id = ids.workItems.incrementAndGet();
        data.workItems.put(id, withId(item, id));
        undo.push(() -> data.workItems.remove(id));
        return id;
    }

    private WorkItem withId(WorkItem i, long id) {
        return new WorkItem(id, i.kind(), i.title(), i.description(), i.customerId(), i.assignee(), i.dueAt(),
                i.endsAt(), i.done(), i.doneAt(), i.createdBy(), i.createdAt(), i.updatedAt(), i.version());
    }

    @Override
    public boolean update(WorkItem item, long expectedVersion) {
        checkWritable();
        WorkItem previous = data.workItems.get(item.id());
        if (previous == null || previous.version() != expectedVersion) {
            return false;
        }
        data.workItems.put(item.id(), item);
        undo.push(() -> data.workItems.put(previous.id(), previous));
        return true;
    }

    @Override
    public Optional<WorkItem> find(long id) {
        checkOpen();
        return Optional.ofNullable(data.workItems.get(id));
    }

    @Override
    public List<WorkItem> listByCustomer(long customerId) {
        checkOpen();
        List<WorkItem> out = new ArrayList<>();
        for (WorkItem i : data.workItems.values()) {
            if (i.customerId() != null && i.customerId() == customerId) {
                out.add(i);
            }
        }
        return out;
    }

    @Override
    public int unlinkCustomer(long customerId) {
        checkWritable();
        List<WorkItem> linked = listByCustomer(customerId);
        for (WorkItem i : linked) {
            data.workItems.put(i.id(), new WorkItem(i.id(), i.kind(), i.title(), i.description(), null, i.assignee(),
                    i.dueAt(), i.endsAt(), i.done(), i.doneAt(), i.createdBy(), i.createdAt(), i.updatedAt(),
                    i.version()));
        }
        undo.push(() -> linked.forEach(i -> data.workItems.put(i.id(), i)));
        return linked.size();
    }

    @Override
    public boolean delete(long id) {
        checkWritable();
        WorkItem previous = data.workItems.remove(id);
        if (previous == null) {
            return false;
        }
        undo.push(() -> data.workItems.put(id, previous));
        return true;
    }
}
