package dev.crmkit.core.importjob.internal;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.StorageException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.importjob.Chunk;
import dev.crmkit.core.importjob.FieldPolicy;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.ImportRow;
import dev.crmkit.core.importjob.InFilePhones;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.internal.CustomerDrafts;
import dev.crmkit.core.internal.CustomerRules;
import dev.crmkit.core.internal.CustomerChanges;
import dev.crmkit.core.internal.Violations;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.ImportChange;
import dev.crmkit.core.spi.StorageSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one checked chunk inside its unit of work: each row is rejected, skipped, creates a
 * customer or updates one, by the job's duplicate rule and field policies; creations and updates are
 * then stored in bulk with their timeline entries and the job's undo record.
 */
final class ChunkWork {

    private final CustomerDrafts drafts;
    private final StorageSession s;
    private final ImportJob job;
    private final Chunk chunk;
    private final InFilePhones earlier;
    /** The phones this chunk takes, by row: handed to {@link InFilePhones} only once it is stored. */
    private final Map<PhoneNumber, Long> claimed;
    private final boolean write;
    private final CheckedChunk checked;
    private final Map<String, CustomFieldDefinition> definitions;
    private final Instant now;
    /** Shared by every "imported" activity of the chunk: a million rows, one map. */
    private final Map<String, String> importedData;

    final List<RejectedRow> rejectedRows = new ArrayList<>();
    int created;
    int updated;
    int skipped;

    /** The chunk's customers that are stored already, read at once when rows update them. */
    private Map<Long, CustomerRecord> current = Map.of();
    /** The chunk's updates: the new states, the versions they replace, and their activities. */
    private final List<CustomerRecord> updates = new ArrayList<>();
    private final List<CustomerRecord> beforeUpdates = new ArrayList<>();
    private final List<Activity> updateActivities = new ArrayList<>();

    ChunkWork(CustomerDrafts drafts, StorageSession s, ImportJob job, Chunk chunk, InFilePhones earlier,
              Map<PhoneNumber, Long> claimed, boolean write, CheckedChunk checked, Instant now) {
        this.drafts = drafts;
        this.s = s;
        this.job = job;
        this.chunk = chunk;
        this.earlier = earlier;
        this.claimed = claimed;
        this.write = write;
        this.checked = checked;
        this.now = now;
        this.definitions = CustomerRules.byKey(checked.definitions);
        this.importedData = Map.of("event", "imported", "importJobId", Long.toString(job.id()));
    }

    void run() {
        List<ImportRow> rows = chunk.rows();
        List<CustomerDrafts.Draft> checkedDrafts = checked.drafts;
        // Every readable phone is looked up, also of rows with other errors: a row carries
        // every error it has, DUPLICATE_PHONE included, and only new customers need a name.
        List<PhoneNumber> candidates = new ArrayList<>();
        for (CustomerDrafts.Draft draft : checkedDrafts) {
            if (draft.phone() != null) {
                candidates.add(draft.phone());
            }
        }
        Map<PhoneNumber, Long> stored = candidates.isEmpty() ? Map.of() : s.customers().findIdsByPhones(candidates);
        List<ImportChange> changes = new ArrayList<>();
        List<CustomerRecord> creations = new ArrayList<>();
        if (job.onDuplicate() == OnDuplicate.UPDATE && !stored.isEmpty()) {
            current = s.customers().findAll(stored.values());
        }
        for (int i = 0; i < rows.size(); i++) {
            apply(rows.get(i), checkedDrafts.get(i), checked.errors.get(i), stored, creations);
        }
        if (write && !creations.isEmpty()) {
            createAll(creations, changes);
        }
        if (!updates.isEmpty()) {
            updateAll(changes);
        }
        if (write && !changes.isEmpty()) {
            s.importJobs().addChanges(job.id(), changes);
        }
    }

    /** Stores the chunk's updates and their activities in bulk. */
    private void updateAll(List<ImportChange> changes) {
        long[] expected = new long[beforeUpdates.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = beforeUpdates.get(i).version();
        }
        if (s.customers().updateAll(updates, expected) != updates.size()) {
            throw new StorageException("a customer changed during the import's unit of work", null);
        }
        s.activities().appendAll(updateActivities);
        for (int i = 0; i < updates.size(); i++) {
            changes.add(new ImportChange(updates.get(i).id(), false, updates.get(i).version(), beforeUpdates.get(i)));
        }
    }

    /** Stores the chunk's new customers and their "imported" activities in bulk. */
    private void createAll(List<CustomerRecord> creations, List<ImportChange> changes) {
        long[] ids = s.customers().insertAll(creations);
        List<Activity> imported = new ArrayList<>(ids.length);
        for (long id : ids) {
            imported.add(new Activity(0, id, ActivityType.LOG, job.submitter().userId(), now,
                    "Customer imported", List.of(), importedData));
        }
        s.activities().appendAll(imported);
        for (int i = 0; i < ids.length; i++) {
            changes.add(new ImportChange(ids[i], true, creations.get(i).version(), null));
        }
    }

    private void apply(ImportRow row, CustomerDrafts.Draft draft, List<RowError> checkedErrors,
                       Map<PhoneNumber, Long> stored, List<CustomerRecord> creations) {
        PhoneNumber phone = draft.phone();
        Long existing = phone == null ? null : stored.get(phone);
        // A row carries every error it has: the rules of a new customer, and either duplicate.
        // The checked errors are shared with the prepared chunk (a failed commit may be
        // retried with it), so more errors go to a list of the row's own.
        List<RowError> more = new ArrayList<>(0);
        Violations v = new Violations();
        if (existing == null) {
            drafts.requireForCreate(row.values(), draft, definitions, row.failedFields(), v);
        }
        if (existing == null || job.onDuplicate() == OnDuplicate.UPDATE) {
            drafts.requireOwnAttachments(s, existing == null ? 0 : existing, draft, definitions, v);
        }
        for (CrmValidationException.Violation violation : v.list()) {
            more.add(error(row, violation.field(), violation.code(), violation.message()));
        }
        long firstRow = phone == null ? 0 : firstRowOf(phone);
        if (firstRow != 0) {
            more.add(error(row, "phone", ErrorCode.DUPLICATE_IN_FILE,
                    phone + " is already in row " + firstRow + " of this file"));
        } else if (existing != null && job.onDuplicate() == OnDuplicate.REJECT) {
            more.add(error(row, "phone", ErrorCode.DUPLICATE_PHONE,
                    phone + " is already the phone of customer " + existing));
        }
        if (!checkedErrors.isEmpty() || !more.isEmpty()) {
            List<RowError> rowErrors = new ArrayList<>(checkedErrors.size() + more.size());
            rowErrors.addAll(checkedErrors);
            rowErrors.addAll(more);
            rejectedRows.add(RowErrors.rejected(chunk, row, rowErrors));
            return;
        }
        claimed.put(phone, row.rowNumber());
        if (existing == null) {
            created++;
            if (write) {
                creations.add(drafts.newRecord(draft, job.id(), now));
            }
        } else if (job.onDuplicate() == OnDuplicate.SKIP) {
            skipped++;
        } else {
            updateExisting(row, draft, existing);
        }
    }

    private void updateExisting(ImportRow row, CustomerDrafts.Draft draft, long id) {
        CustomerRecord current = this.current.containsKey(id) ? this.current.get(id)
                : s.customers().find(id).orElseThrow();
        CustomerRecord.Builder next = current.toBuilder();
        List<FieldChange> fieldChanges = new ArrayList<>();
        for (CustomerField field : CustomerField.values()) {
            if (field == CustomerField.PHONE) {
                continue;
            }
            boolean clear = row.cleared().contains(field.key());
            Object value = draft.get(field);
            if (value == null && !clear) {
                continue; // a blank cell never overwrites
            }
            if (!allowed(field.key(), current.value(field))) {
                continue;
            }
            if (clear && field.required()) {
                continue; // the name cannot be emptied; the row's other values still apply
            }
            CustomerChanges.apply(current, next, field, clear ? null : value, fieldChanges, now);
        }
        Map<String, Object> custom = new LinkedHashMap<>(current.customFields());
        for (CustomFieldDefinition def : definitions.values()) {
            boolean clear = row.cleared().contains(def.key());
            Object value = draft.custom().get(def.key());
            if ((value == null && !clear) || !allowed(def.key(), custom.get(def.key()))) {
                continue;
            }
            Object before = custom.get(def.key());
            Object after = clear ? null : value;
            if (clear && def.required()) {
                continue;
            }
            if (!CustomerChanges.sameValue(before, after)) {
                if (after == null) {
                    custom.remove(def.key());
                } else {
                    custom.put(def.key(), after);
                }
                fieldChanges.add(CustomerChanges.fieldChange(def.key(), before, after));
            }
        }
        updated++;
        if (!write || fieldChanges.isEmpty()) {
            return;
        }
        CustomerRecord after = next.customFields(custom).version(current.version() + 1).updatedAt(now).build();
        updates.add(after);
        beforeUpdates.add(current);
        updateActivities.add(new Activity(0, id, ActivityType.LOG, job.submitter().userId(), now,
                "Customer updated by import", fieldChanges,
                Map.of("event", "importUpdated", "importJobId", Long.toString(job.id()))));
    }

    private boolean allowed(String key, Object stored) {
        FieldPolicy policy = job.policies().getOrDefault(key, FieldPolicy.ALWAYS);
        return switch (policy) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ONLY_IF_EMPTY -> stored == null || (stored instanceof String str && str.isEmpty());
        };
    }

    private long firstRowOf(PhoneNumber phone) {
        Long inChunk = claimed.get(phone);
        return inChunk != null ? inChunk : earlier.rowOf(phone);
    }

    private RowError error(ImportRow row, String fieldKey, ErrorCode code, String message) {
        return RowErrors.of(chunk, row, fieldKey, code, message);
    }
}
