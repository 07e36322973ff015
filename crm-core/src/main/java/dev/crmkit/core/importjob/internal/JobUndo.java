package dev.crmkit.core.importjob.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.UndoReport;
import dev.crmkit.core.internal.CustomerChanges;
import dev.crmkit.core.internal.DefaultCustomerService;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.ImportChange;
import dev.crmkit.core.spi.StorageSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reverts what a job wrote, from its stored changes: a user's undo, and the end of a job whose
 * failure keeps nothing. A customer changed since the job is left alone.
 */
final class JobUndo {

    private JobUndo() {
    }

    /**
     * Removes what the job created and restores what it updated, newest change first. The blob keys
     * of removed customers' attachments are added to {@code orphanedBlobs}, for deletion once stored.
     */
    static UndoReport revert(StorageSession s, Actor actor, ImportJob job, Instant now, List<String> orphanedBlobs) {
        List<ImportChange> changes = new ArrayList<>(s.importJobs().changes(job.id()));
        Collections.reverse(changes);
        int removed = 0;
        int restored = 0;
        List<Long> leftAlone = new ArrayList<>();
        for (ImportChange change : changes) {
            Optional<CustomerRecord> current = s.customers().find(change.customerId());
            if (current.isEmpty()) {
                continue;
            }
            if (current.get().version() != change.versionAfter()) {
                leftAlone.add(change.customerId());
                continue;
            }
            if (change.created()) {
                orphanedBlobs.addAll(DefaultCustomerService.remove(s, change.customerId()));
                s.audit().append(new AuditEntry(0, now, actor.userId(), "CUSTOMER_DELETED",
                        Long.toString(change.customerId())));
                removed++;
            } else {
                CustomerRecord before = change.before();
                CustomerRecord back = before.toBuilder().version(current.get().version() + 1).updatedAt(now)
                        .phones(current.get().phones()).lastContactAt(current.get().lastContactAt())
                        .totalContacts(current.get().totalContacts()).totalCalls(current.get().totalCalls())
                        .totalCallSeconds(current.get().totalCallSeconds()).build();
                if (!s.customers().update(back, current.get().version())) {
                    leftAlone.add(change.customerId());
                    continue;
                }
                s.activities().append(new Activity(0, change.customerId(), ActivityType.LOG, actor.userId(), now,
                        "Import " + job.id() + " undone", differences(current.get(), back),
                        Map.of("event", "importUndone", "importJobId", Long.toString(job.id()))));
                restored++;
            }
        }
        return new UndoReport(removed, restored, leftAlone);
    }

    /** The field changes from one state to another, national id masked. */
    private static List<FieldChange> differences(CustomerRecord from, CustomerRecord to) {
        List<FieldChange> out = new ArrayList<>();
        for (CustomerField field : CustomerField.values()) {
            Object a = from.value(field);
            Object b = to.value(field);
            if (!CustomerChanges.sameValue(a, b)) {
                out.add(CustomerChanges.fieldChange(field.key(), a, b));
            }
        }
        Set<String> keys = new TreeSet<>(from.customFields().keySet());
        keys.addAll(to.customFields().keySet());
        for (String key : keys) {
            Object a = from.customFields().get(key);
            Object b = to.customFields().get(key);
            if (!CustomerChanges.sameValue(a, b)) {
                out.add(CustomerChanges.fieldChange(key, a, b));
            }
        }
        return out;
    }
}
