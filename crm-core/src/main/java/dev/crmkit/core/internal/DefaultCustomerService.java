package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.Page;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerService;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.customer.PhoneChange;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.spi.CustomerCriteria;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.PhoneRecord;
import dev.crmkit.core.spi.SearchTerms;
import dev.crmkit.core.spi.SortKey;
import dev.crmkit.core.spi.StorageSession;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import dev.crmkit.core.customer.CustomerCard;
import dev.crmkit.core.work.CustomerWorkItems;
import dev.crmkit.core.work.WorkItem;
import dev.crmkit.core.activity.ActivityQuery;

/** The customer rules. Public only for wiring; use {@link CustomerService}. */
public final class DefaultCustomerService implements CustomerService {

    /** The most work items, and activities, a card shows. */
    static final int MAX_CARD_ITEMS = 100;

    private final ServiceContext ctx;
    private final CustomerDrafts drafts;

    public DefaultCustomerService(ServiceContext ctx) {
        this.ctx = ctx;
        this.drafts = new CustomerDrafts(ctx);
    }

    @Override
    public Customer create(Actor actor, NewCustomer input) {
        Objects.requireNonNull(input, "customer");
        return ctx.storage().write(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.CUSTOMER_CREATE);
            List<CustomFieldDefinition> definitions = s.customFields().list();
            CustomerViews views = views(s, actor, level);
            requireVisible(actor, views, definitions, input.customFields().keySet());
            Map<String, CustomFieldDefinition> byKey = CustomerRules.byKey(definitions);
            Violations v = new Violations();
            if (input.fullName() == null) {
                v.add(ErrorCode.NAME_REQUIRED, "fullName", "a name is required");
            }
            CustomerDrafts.Draft draft = drafts.draft(actor, input, byKey, Set.of(), v);
            drafts.requireForCreate(input, draft, byKey, Set.of("fullName"), v);
            ctx.rules().requireOwnAttachments(s, 0, draft.custom().keySet(), draft.custom(), byKey, v);
            v.throwIfAny();

            PhoneNumber phone = draft.phone();
            OptionalLong existing = s.customers().findIdByPhone(phone);
            if (existing.isPresent()) {
                throw duplicatePhone(phone, existing.getAsLong());
            }
            Instant now = ctx.now();
            CustomerRecord record = drafts.newRecord(draft, input.importJobId(), now);
            long id = s.customers().insert(record);
            CustomerRecord stored = record.toBuilder().id(id).build();
            Map<String, String> data = new LinkedHashMap<>();
            data.put("event", input.importJobId() == null ? "created" : "imported");
            if (input.importJobId() != null) {
                data.put("importJobId", input.importJobId().toString());
            }
            log(s, actor, id, now, input.importJobId() == null ? "Customer created" : "Customer imported", List.of(), data);
            return views.view(stored);
        });
    }

    /** Nobody may write a custom field they may not read. */
    private static void requireVisible(Actor actor, CustomerViews views, List<CustomFieldDefinition> definitions,
                                       Set<String> keys) {
        for (String key : keys) {
            boolean defined = definitions.stream().anyMatch(d -> d.key().equals(key));
            if (defined && !views.visibleKeys().contains(key)) {
                throw new PermissionDeniedException(actor.userId() + " may not see custom field " + key);
            }
        }
    }

    @Override
    public Customer get(Actor actor, long customerId) {
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.CUSTOMER_READ);
            return views(s, actor, level).view(load(s, customerId));
        });
    }

    @Override
    public CustomerCard card(Actor actor, long customerId, int maxWorkItems, int maxActivities) {
        for (int limit : new int[] {maxWorkItems, maxActivities}) {
            if (limit < 1 || limit > MAX_CARD_ITEMS) {
                throw new CrmValidationException(ErrorCode.VALUE_INVALID, "a card shows 1.." + MAX_CARD_ITEMS
                        + " work items and activities: " + limit);
            }
        }
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.CUSTOMER_READ);
            ctx.authorizer().require(s, actor, Operation.WORK_READ);
            ctx.authorizer().require(s, actor, Operation.ACTIVITY_READ);
            Customer customer = views(s, actor, level).view(load(s, customerId));
            CustomerWorkItems work = DefaultWorkItemService.byState(s.workItems().listByCustomer(customerId), ctx.now());
            List<WorkItem> open = new ArrayList<>(work.overdue());
            open.addAll(work.pending());
            // Entries whose only changes are to hidden fields are left out: pages until the card is full.
            List<Activity> latest = new ArrayList<>(maxActivities);
            ActivityQuery query = ActivityQuery.newest(maxActivities);
            while (latest.size() < maxActivities) {
                ActivityQuery q = query;
                Page<Activity> page = DefaultActivityService.page(s, actor, level, q,
                        n -> s.activities().timeline(customerId, Set.of(), DefaultActivityService.before(q), n));
                latest.addAll(page.items().subList(0, Math.min(page.items().size(), maxActivities - latest.size())));
                if (page.nextCursor() == null) {
                    break;
                }
                query = query.after(page.nextCursor());
            }
            return new CustomerCard(customer, open.subList(0, Math.min(maxWorkItems, open.size())), latest);
        });
    }

    @Override
    public Optional<Customer> findByPhone(Actor actor, String phone) {
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.CUSTOMER_READ);
            PhoneNumber number;
            try {
                number = ctx.phones().parse(phone);
            } catch (CrmValidationException e) {
                return Optional.empty();
            }
            return s.customers().findByPhone(number).map(views(s, actor, level)::view);
        });
    }

    @Override
    public Customer update(Actor actor, CustomerUpdate update) {
        Objects.requireNonNull(update, "update");
        return ctx.storage().write(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.CUSTOMER_UPDATE);
            CustomerRecord current = load(s, update.customerId());
            if (current.version() != update.expectedVersion()) {
                throw versionConflict(current, update.expectedVersion());
            }
            List<CustomFieldDefinition> definitions = s.customFields().list();
            CustomerViews views = views(s, actor, level);
            requireVisible(actor, views, definitions, update.customFields().keySet());
            Instant now = ctx.now();
            CustomerRecord.Builder next = current.toBuilder();
            List<FieldChange> changes = new ArrayList<>();
            Violations v = new Violations();
            CustomerRules rules = ctx.rules();
            for (Map.Entry<CustomerField, Object> e : update.fields().entrySet()) {
                applyField(actor, current, next, e.getKey(), e.getValue(), changes, rules, v, now);
            }
            Map<String, Object> custom = new LinkedHashMap<>(current.customFields());
            Map<String, CustomFieldDefinition> byKey = CustomerRules.byKey(definitions);
            rules.customFields(update.customFields(), byKey, custom, v);
            rules.requireOwnAttachments(s, current.id(), update.customFields().keySet(), custom, byKey, v);
            for (String key : update.customFields().keySet()) {
                CustomFieldDefinition def = byKey.get(key);
                if (def == null) {
                    continue;
                }
                if (def.required() && CustomFieldDefinition.isBlank(custom.get(key))) {
                    v.add(ErrorCode.CUSTOM_FIELD_REQUIRED, key, def.label() + " is required");
                }
                Object before = current.customFields().get(key);
                Object after = custom.get(key);
                if (!CustomerChanges.sameValue(before, after)) {
                    changes.add(CustomerChanges.fieldChange(key, before, after));
                }
            }
            v.throwIfAny();
            if (changes.isEmpty()) {
                return views.view(current);
            }
            CustomerRecord updated = next.customFields(custom).version(current.version() + 1).updatedAt(now).build();
            if (!s.customers().update(updated, current.version())) {
                throw versionConflict(current, update.expectedVersion());
            }
            log(s, actor, current.id(), now, "Customer updated", changes, Map.of("event", "updated"));
            return views.view(updated);
        });
    }

    private void applyField(Actor actor, CustomerRecord current, CustomerRecord.Builder next, CustomerField field,
                            Object value, List<FieldChange> changes, CustomerRules rules, Violations v, Instant now) {
        if (field != CustomerField.PHONE) {
            CustomerChanges.apply(current, next, field, rules.clean(actor.tenant(), field, value, v), changes, now);
            return;
        }
        PhoneNumber phone = rules.phone("phone", value instanceof String s ? s : null, v);
        if (phone != null && !phone.equals(current.primaryPhone())) {
            v.add(ErrorCode.PHONE_IMMUTABLE, "phone",
                    "the primary phone is the customer's identity and cannot change; add another number instead");
        }
    }

    @Override
    public void delete(Actor actor, long customerId) {
        List<String> orphanedBlobs = ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.CUSTOMER_DELETE);
            load(s, customerId);
            List<String> blobs = remove(s, customerId);
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "CUSTOMER_DELETED", Long.toString(customerId)));
            return blobs;
        });
        DefaultAttachmentService.deleteBlobs(ctx, actor.tenant(), orphanedBlobs);
    }

    /**
     * Removes a customer with everything that is its own (spec 2.2): activities, results,
     * products, calls, messages, attachments; work items stay, unlinked.
     *
     * @return the blob keys of its attachments, to delete once the unit of work is stored
     */
    public static List<String> remove(StorageSession s, long customerId) {
        s.activities().deleteByCustomer(customerId);
        s.resultCodes().deleteByCustomer(customerId);
        s.products().deleteByCustomer(customerId);
        s.workItems().unlinkCustomer(customerId);
        s.calls().deleteByCustomer(customerId);
        s.messages().deleteByCustomer(customerId);
        List<String> blobs = s.attachments().deleteByCustomer(customerId);
        s.customers().delete(customerId);
        return blobs;
    }

    @Override
    public Optional<String> revealNationalId(Actor actor, long customerId) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.CUSTOMER_REVEAL_NATIONAL_ID);
            return Optional.ofNullable(load(s, customerId).nationalId());
        });
    }

    @Override
    public Page<Customer> search(Actor actor, CustomerQuery query) {
        Objects.requireNonNull(query, "query");
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.CUSTOMER_READ);
            SortKey after = query.cursor() == null ? null : Cursors.customers(query.sort(), query.cursor());
            CustomerCriteria criteria = criteria(query, after, query.limit() + 1);
            List<CustomerRecord> found = s.customers().search(criteria);
            CustomerViews views = views(s, actor, level);
            int n = Math.min(found.size(), query.limit());
            List<Customer> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(views.view(found.get(i)));
            }
            String next = found.size() > query.limit()
                    ? Cursors.customers(query.sort(), SortKey.of(query.sort(), found.get(n - 1)))
                    : null;
            return new Page<>(items, next);
        });
    }

    @Override
    public long count(Actor actor, CustomerQuery query) {
        Objects.requireNonNull(query, "query");
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.CUSTOMER_READ);
            return s.customers().count(criteria(query, null, 1));
        });
    }

    private CustomerCriteria criteria(CustomerQuery q, SortKey after, int limit) {
        Instant since = q.contactedWithinDays() == null ? null
                : ctx.now().minus(q.contactedWithinDays(), ChronoUnit.DAYS);
        return new CustomerCriteria(SearchTerms.of(q.text(), ctx.phones()), q.segments(), q.statuses(),
                CustomerRules.trimToNull(q.representative()), CustomerRules.trimToNull(q.queue()), since, q.sort(),
                after, limit);
    }

    @Override
    public Customer addPhone(Actor actor, long customerId, NewPhone phone) {
        Objects.requireNonNull(phone, "phone");
        return changePhones(actor, customerId, Operation.PHONE_ADD, (current, phones, now) -> {
            Violations v = new Violations();
            PhoneNumber number = ctx.rules().phone("number", phone.number(), v);
            String owner = ctx.rules().text("owner", phone.owner(), 200, v);
            v.throwIfAny();
            if (indexOf(phones, number) >= 0) {
                throw new ConflictException(ErrorCode.PHONE_ALREADY_ON_CUSTOMER,
                        "customer " + customerId + " already has " + number);
            }
            phones.add(PhoneRecord.of(number, phone.status(), phone.favorite(), owner));
            return new FieldChange(FieldChange.PHONES, null, number.e164());
        });
    }

    @Override
    public Customer updatePhone(Actor actor, long customerId, String number, PhoneChange change) {
        Objects.requireNonNull(change, "change");
        return changePhones(actor, customerId, Operation.PHONE_UPDATE, (current, phones, now) -> {
            int i = requirePhone(customerId, phones, number);
            PhoneRecord p = phones.get(i);
            Violations v = new Violations();
            String owner = change.owner() == null ? p.owner() : ctx.rules().text("owner", change.owner(), 200, v);
            v.throwIfAny();
            PhoneRecord changed = new PhoneRecord(p.number(), change.status() == null ? p.status() : change.status(),
                    change.favorite() == null ? p.favorite() : change.favorite(), owner, p.contactsOnDay(),
                    p.contactDay(), p.totalContacts());
            if (changed.equals(p)) {
                return null;
            }
            phones.set(i, changed);
            return new FieldChange(FieldChange.PHONES, describe(p), describe(changed));
        });
    }

    @Override
    public Customer removePhone(Actor actor, long customerId, String number) {
        return changePhones(actor, customerId, Operation.PHONE_REMOVE, (current, phones, now) -> {
            int i = requirePhone(customerId, phones, number);
            if (i == 0) {
                throw new ConflictException(ErrorCode.PRIMARY_PHONE_REQUIRED,
                        "the primary phone is the customer's identity and cannot be removed");
            }
            PhoneRecord removed = phones.remove(i);
            return new FieldChange(FieldChange.PHONES, removed.number().e164(), null);
        });
    }

    @Override
    public Customer recordContact(Actor actor, long customerId, String number) {
        return ctx.storage().write(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.CONTACT_RECORD);
            CustomerRecord current = load(s, customerId);
            List<PhoneRecord> phones = new ArrayList<>(current.phones());
            int i = requirePhone(customerId, phones, number);
            Instant now = ctx.now();
            LocalDate today = LocalDate.ofInstant(now, ctx.zoneOf(actor.tenant()));
            PhoneRecord p = phones.get(i);
            phones.set(i, contacted(p, today));
            CustomerRecord updated = current.toBuilder().phones(phones).totalContacts(current.totalContacts() + 1)
                    .lastContactAt(now).version(current.version() + 1).updatedAt(now).build();
            if (!s.customers().update(updated, current.version())) {
                throw versionConflict(current, current.version());
            }
            return views(s, actor, level).view(updated);
        });
    }

    /** One change to a customer's list of numbers; returns the change to log, or null for none. */
    @FunctionalInterface
    private interface PhoneEdit {
        FieldChange apply(CustomerRecord current, List<PhoneRecord> phones, Instant now);
    }

    private Customer changePhones(Actor actor, long customerId, Operation operation, PhoneEdit edit) {
        return ctx.storage().write(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, operation);
            CustomerRecord current = load(s, customerId);
            List<PhoneRecord> phones = new ArrayList<>(current.phones());
            Instant now = ctx.now();
            FieldChange change = edit.apply(current, phones, now);
            CustomerViews views = views(s, actor, level);
            if (change == null) {
                return views.view(current);
            }
            CustomerRecord updated = current.toBuilder().phones(phones).version(current.version() + 1)
                    .updatedAt(now).build();
            if (!s.customers().update(updated, current.version())) {
                throw versionConflict(current, current.version());
            }
            log(s, actor, customerId, now, "Phone numbers changed", List.of(change), Map.of("event", operation.name()));
            return views.view(updated);
        });
    }

    private int requirePhone(long customerId, List<PhoneRecord> phones, String number) {
        return requirePhone(ctx.phones(), customerId, phones, number);
    }

    /**
     * The index of the customer's number the text names, in any spelling it parses from; every
     * service that acts on one of a customer's numbers finds it here.
     */
    static int requirePhone(PhoneParser parser, long customerId, List<PhoneRecord> phones, String number) {
        PhoneNumber parsed;
        try {
            parsed = parser.parse(number);
        } catch (CrmValidationException e) {
            throw new NotFoundException(ErrorCode.PHONE_NOT_FOUND, "customer " + customerId + " has no number " + number);
        }
        int i = indexOf(phones, parsed);
        if (i < 0) {
            throw new NotFoundException(ErrorCode.PHONE_NOT_FOUND, "customer " + customerId + " has no number " + parsed);
        }
        return i;
    }

    /** The number after one more contact today: today's count starts again on a new day. */
    static PhoneRecord contacted(PhoneRecord p, LocalDate today) {
        int onDay = today.equals(p.contactDay()) ? p.contactsOnDay() + 1 : 1;
        return new PhoneRecord(p.number(), p.status(), p.favorite(), p.owner(), onDay, today, p.totalContacts() + 1);
    }

    /** Checks a history page size against {@link DefaultResultCodeService#MAX_HISTORY}. */
    static void checkLimit(int limit) {
        if (limit < 1 || limit > DefaultResultCodeService.MAX_HISTORY) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID,
                    "limit must be 1.." + DefaultResultCodeService.MAX_HISTORY + ": " + limit);
        }
    }

    private static int indexOf(List<PhoneRecord> phones, PhoneNumber number) {
        for (int i = 0; i < phones.size(); i++) {
            if (phones.get(i).number().equals(number)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(PhoneRecord p) {
        return p.number().e164() + " " + p.status() + (p.favorite() ? " favorite" : "")
                + (p.owner() == null ? "" : " (" + p.owner() + ")");
    }

    static CustomerRecord load(StorageSession s, long customerId) {
        return s.customers().find(customerId).orElseThrow(() ->
                new NotFoundException(ErrorCode.CUSTOMER_NOT_FOUND, "no customer " + customerId));
    }

    private CustomerViews views(StorageSession s, Actor actor, PermissionLevel level) {
        return new CustomerViews(actor, level, s.customFields().list(),
                LocalDate.ofInstant(ctx.now(), ctx.zoneOf(actor.tenant())));
    }

    private static void log(StorageSession s, Actor actor, long customerId, Instant now, String text,
                            List<FieldChange> changes, Map<String, String> data) {
        s.activities().append(new Activity(0, customerId, ActivityType.LOG, actor.userId(), now, text, changes, data));
    }

    private static ConflictException duplicatePhone(PhoneNumber phone, long existingId) {
        return new ConflictException(ErrorCode.DUPLICATE_PHONE, phone + " is already the phone of customer " + existingId);
    }

    private static ConflictException versionConflict(CustomerRecord current, long expected) {
        return new ConflictException(ErrorCode.VERSION_CONFLICT, "customer " + current.id() + " is at version "
                + current.version() + ", not " + expected + "; read it again and retry");
    }
}
