package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.spi.StorageSession;
import dev.crmkit.core.work.CustomerWorkItems;
import dev.crmkit.core.work.NewWorkItem;
import dev.crmkit.core.work.WorkItem;
import dev.crmkit.core.work.WorkItemService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Tasks, issues and events. Public only for wiring; use {@link WorkItemService}. */
public final class DefaultWorkItemService implements WorkItemService {

    private final ServiceContext ctx;

    public DefaultWorkItemService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public WorkItem create(Actor actor, NewWorkItem v) {
        Objects.requireNonNull(v, "item");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.WORK_WRITE);
            check(s, actor, v);
            Instant now = ctx.now();
            WorkItem item = new WorkItem(0, v.kind(), v.title(), v.description(), v.customerId(), v.assignee(), v.dueAt(),
                    v.endsAt(), false, null, actor.userId(), now, now, 1);
            long id = s.workItems().insert(item);
            WorkItem stored = copy(item, id);
            log(s, actor, stored, now, "created");
            return stored;
        });
    }

    @Override
    public WorkItem update(Actor actor, long id, NewWorkItem v, long expectedVersion) {
        Objects.requireNonNull(v, "values");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.WORK_WRITE);
            WorkItem current = load(s, id, expectedVersion);
            check(s, actor, v);
            Instant now = ctx.now();
            WorkItem updated = new WorkItem(id, v.kind(), v.title(), v.description(), v.customerId(), v.assignee(),
                    v.dueAt(), v.endsAt(), current.done(), current.doneAt(), current.createdBy(), current.createdAt(), now,
                    current.version() + 1);
            store(s, updated, current);
            if (current.customerId() != null && !current.customerId().equals(updated.customerId())) {
                log(s, actor, current, now, "unlinked");
            }
            log(s, actor, updated, now, "changed");
            return updated;
        });
    }

    @Override
    public WorkItem setDone(Actor actor, long id, boolean done, long expectedVersion) {
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.WORK_WRITE);
            WorkItem current = load(s, id, expectedVersion);
            if (current.done() == done) {
                return current;
            }
            Instant now = ctx.now();
            WorkItem updated = new WorkItem(id, current.kind(), current.title(), current.description(),
                    current.customerId(), current.assignee(), current.dueAt(), current.endsAt(), done, done ? now : null,
                    current.createdBy(), current.createdAt(), now, current.version() + 1);
            store(s, updated, current);
            log(s, actor, updated, now, done ? "completed" : "reopened");
            return updated;
        });
    }

    @Override
    public void delete(Actor actor, long id) {
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.WORK_DELETE);
            WorkItem current = s.workItems().find(id).orElseThrow(() -> notFound(id));
            s.workItems().delete(id);
            log(s, actor, current, ctx.now(), "deleted");
            return null;
        });
    }

    @Override
    public WorkItem get(Actor actor, long id) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.WORK_READ);
            return s.workItems().find(id).orElseThrow(() -> notFound(id));
        });
    }

    @Override
    public CustomerWorkItems forCustomer(Actor actor, long customerId) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.WORK_READ);
            DefaultCustomerService.load(s, customerId);
            return byState(s.workItems().listByCustomer(customerId), ctx.now());
        });
    }

    /** A customer's items as {@link CustomerWorkItems} shows them: overdue, pending, completed, each in order. */
    static CustomerWorkItems byState(List<WorkItem> items, Instant now) {
        List<WorkItem> overdue = new ArrayList<>();
        List<WorkItem> pending = new ArrayList<>();
        List<WorkItem> completed = new ArrayList<>();
        for (WorkItem item : items) {
            if (item.done()) {
                completed.add(item);
            } else if (item.isOverdue(now)) {
                overdue.add(item);
            } else {
                pending.add(item);
            }
        }
        Comparator<WorkItem> byDue = Comparator.comparing(WorkItem::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(WorkItem::id);
        overdue.sort(byDue);
        pending.sort(byDue);
        completed.sort(Comparator.comparing(WorkItem::doneAt).reversed().thenComparing(
                Comparator.comparingLong(WorkItem::id).reversed()));
        return new CustomerWorkItems(overdue, pending, completed);
    }

    /** The linked customer exists and the assignee is in the directory. */
    private void check(StorageSession s, Actor actor, NewWorkItem v) {
        if (v.customerId() != null) {
            DefaultCustomerService.load(s, v.customerId());
        }
        if (v.assignee() != null && ctx.users().find(actor.tenant(), v.assignee()).isEmpty()) {
            throw new CrmValidationException(ErrorCode.USER_UNKNOWN, "no user '" + v.assignee() + "' in the directory");
        }
    }

    private static WorkItem load(StorageSession s, long id, long expectedVersion) {
        WorkItem current = s.workItems().find(id).orElseThrow(() -> notFound(id));
        if (current.version() != expectedVersion) {
            throw conflict(current, expectedVersion);
        }
        return current;
    }

    private static void store(StorageSession s, WorkItem updated, WorkItem current) {
        if (!s.workItems().update(updated, current.version())) {
            throw conflict(current, current.version());
        }
    }

    private static WorkItem copy(WorkItem i, long id) {
        return new WorkItem(id, i.kind(), i.title(), i.description(), i.customerId(), i.assignee(), i.dueAt(), i.endsAt(),
                i.done(), i.doneAt(), i.createdBy(), i.createdAt(), i.updatedAt(), i.version());
    }

    /** A TASK activity on the linked customer, if there is one. */
    private static void log(StorageSession s, Actor actor, WorkItem item, Instant now, String what) {
        if (item.customerId() == null) {
            return;
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("event", "WORK_ITEM_" + what.toUpperCase(java.util.Locale.ROOT));
        data.put("workItemId", Long.toString(item.id()));
        data.put("kind", item.kind().name());
        s.activities().append(new Activity(0, item.customerId(), ActivityType.TASK, actor.userId(), now,
                item.kind().name().charAt(0) + item.kind().name().substring(1).toLowerCase(java.util.Locale.ROOT)
                        + " '" + item.title() + "' " + what, List.of(), data));
    }

    private static ConflictException conflict(WorkItem current, long expected) {
        return new ConflictException(ErrorCode.VERSION_CONFLICT, "work item " + current.id() + " is at version "
                + current.version() + ", not " + expected + "; read it again and retry");
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException(ErrorCode.WORK_ITEM_NOT_FOUND, "no work item " + id);
    }
}
