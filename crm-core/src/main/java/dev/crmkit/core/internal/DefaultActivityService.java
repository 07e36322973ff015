package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.Page;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityService;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.spi.StorageSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/** Notes, timelines, the feed and the audit log. Public only for wiring; use {@link ActivityService}. */
public final class DefaultActivityService implements ActivityService {

    /** The longest note, in characters. */
    static final int MAX_NOTE = 32_767;

    private final ServiceContext ctx;

    public DefaultActivityService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Activity addNote(Actor actor, long customerId, String text) {
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.NOTE_ADD);
            DefaultCustomerService.load(s, customerId);
            String note = text == null ? null : dev.crmkit.core.text.TextFolding.trim(text);
            if (note == null || note.isEmpty()) {
                throw new CrmValidationException(ErrorCode.VALUE_INVALID, "a note needs text");
            }
            if (dev.crmkit.core.text.TextFolding.hasNul(note)) {
                throw new CrmValidationException(ErrorCode.VALUE_INVALID, dev.crmkit.core.text.TextFolding.nulMessage("a note"));
            }
            if (note.length() > MAX_NOTE) {
                throw new CrmValidationException(ErrorCode.VALUE_TOO_LONG, "a note has at most " + MAX_NOTE + " characters");
            }
            Activity activity = new Activity(0, customerId, ActivityType.NOTE, actor.userId(), ctx.now(), note,
                    List.of(), Map.of());
            long id = s.activities().append(activity);
            return activity.withId(id);
        });
    }

    @Override
    public Page<Activity> timeline(Actor actor, long customerId, ActivityQuery query) {
        Objects.requireNonNull(query, "query");
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.ACTIVITY_READ);
            DefaultCustomerService.load(s, customerId);
            return page(s, actor, level, query,
                    n -> s.activities().timeline(customerId, query.types(), before(query), n));
        });
    }

    @Override
    public Page<Activity> feed(Actor actor, ActivityQuery query) {
        Objects.requireNonNull(query, "query");
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.ACTIVITY_READ);
            return page(s, actor, level, query, n -> s.activities().feed(query.types(), before(query), n));
        });
    }

    @Override
    public List<AuditEntry> auditLog(Actor actor, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000: " + limit);
        }
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.AUDIT_READ);
            return s.audit().newest(limit);
        });
    }

    /**
     * Changes of built-in fields and phones are shown to every reader; changes of a custom field
     * only while it exists and the reader may see it, so a deleted field's values go with it.
     */
    private static boolean shows(FieldChange change, Set<String> visibleCustomFields) {
        return change.concernsPhonesOrProducts()
                || CustomerField.byKey(change.field()).isPresent()
                || visibleCustomFields.contains(change.field());
    }

    static long before(ActivityQuery query) {
        return query.cursor() == null ? Long.MAX_VALUE : Cursors.activities(query.cursor());
    }

    /**
     * Fetches one more entry than asked to learn whether a next page exists. Entries whose only
     * changes concern custom fields the actor may not see (or that were deleted) are left out; the cursor still moves past them, so no
     * page repeats or skips a visible entry.
     */
    static Page<Activity> page(StorageSession s, Actor actor, PermissionLevel level, ActivityQuery query,
                                       IntFunction<List<Activity>> fetch) {
        List<Activity> raw = fetch.apply(query.limit() + 1);
        Set<String> visible = new HashSet<>();
        for (CustomFieldDefinition d : s.customFields().list()) {
            if (Authorizer.sees(actor, level, d)) {
                visible.add(d.key());
            }
        }
        int n = Math.min(raw.size(), query.limit());
        List<Activity> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Activity a = raw.get(i);
            if (a.changes().isEmpty()) {
                items.add(a);
                continue;
            }
            List<FieldChange> shown = a.changes().stream().filter(c -> shows(c, visible)).toList();
            if (!shown.isEmpty()) {
                items.add(shown.size() == a.changes().size() ? a : a.withChanges(shown));
            }
        }
        String next = raw.size() > query.limit() ? Cursors.activities(raw.get(n - 1).id()) : null;
        return new Page<>(items, next);
    }
}
