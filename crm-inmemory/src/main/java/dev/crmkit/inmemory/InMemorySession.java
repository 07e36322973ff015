package dev.crmkit.inmemory;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.StorageException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.bulk.ImportJob;
import dev.crmkit.core.bulk.RejectedRow;
import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.call.Call;
import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.Grants;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.product.Product;
import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultCount;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.script.Script;
import dev.crmkit.core.work.WorkItem;
import dev.crmkit.core.spi.ActivityStore;
import dev.crmkit.core.spi.AttachmentStore;
import dev.crmkit.core.spi.CallStore;
import dev.crmkit.core.spi.MessageStore;
import dev.crmkit.core.spi.AuditStore;
import dev.crmkit.core.spi.CustomFieldStore;
import dev.crmkit.core.spi.CustomerCriteria;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.CustomerStore;
import dev.crmkit.core.spi.ImportChange;
import dev.crmkit.core.spi.ImportJobStore;
import dev.crmkit.core.spi.PermissionStore;
import dev.crmkit.core.spi.ProductStore;
import dev.crmkit.core.spi.ResultCodeStore;
import dev.crmkit.core.spi.ScriptStore;
import dev.crmkit.core.spi.WorkItemStore;
import dev.crmkit.core.spi.StorageSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * One unit of work on one tenant. Every change records how to undo it, so a unit of work that
 * throws leaves the tenant as it found it, as a database transaction would.
 */
final class InMemorySession implements StorageSession, CustomerStore, ActivityStore, CustomFieldStore,
        PermissionStore, AuditStore {

    private final ImportJobStore importJobs = new Jobs();
    private final ResultCodeStore resultCodes = new Results();
    private final ProductStore products = new Products();
    private final ScriptStore scripts = new Scripts();
    private final WorkItemStore workItems = new WorkItems();
    private final CallStore calls = new Calls();
    private final MessageStore messages = new Messages();
    private final AttachmentStore attachments = new Attachments();

    private final TenantId tenant;
    private final TenantData data;
    private final boolean writable;
    private final InMemoryStorage.Sequences ids;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private boolean open = true;

    InMemorySession(TenantId tenant, TenantData data, boolean writable, InMemoryStorage.Sequences ids) {
        this.tenant = tenant;
        this.data = data;
        this.writable = writable;
        this.ids = ids;
    }

    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    void close() {
        open = false;
        undo.clear();
    }

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("this storage session has ended");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (!writable) {
            throw new IllegalStateException("a read-only unit of work cannot change data");
        }
    }

    @Override
    public TenantId tenant() {
        return tenant;
    }

    @Override
    public CustomerStore customers() {
        return this;
    }

    @Override
    public ActivityStore activities() {
        return this;
    }

    @Override
    public CustomFieldStore customFields() {
        return this;
    }

    @Override
    public PermissionStore permissions() {
        return this;
    }

    @Override
    public AuditStore audit() {
        return this;
    }

    @Override
    public ImportJobStore importJobs() {
        return importJobs;
    }

    @Override
    public ResultCodeStore resultCodes() {
        return resultCodes;
    }

    @Override
    public ProductStore products() {
        return products;
    }

    @Override
    public ScriptStore scripts() {
        return scripts;
    }

    @Override
    public WorkItemStore workItems() {
        return workItems;
    }

    @Override
    public CallStore calls() {
        return calls;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public AttachmentStore attachments() {
        return attachments;
    }

    // ---- customers

    @Override
    public long insert(CustomerRecord customer) {
        checkWritable();
        long id = ids.customers.incrementAndGet();
        CustomerRecord stored = customer.toBuilder().id(id).build();
        data.customers.insert(stored);
        undo.push(() -> data.customers.remove(id));
        return id;
    }

    @Override
    public Optional<CustomerRecord> find(long id) {
        checkOpen();
        return data.customers.find(id);
    }

    @Override
    public OptionalLong findIdByPhone(PhoneNumber primaryPhone) {
        checkOpen();
        return data.customers.findIdByPhone(primaryPhone);
    }

    @Override
    public Map<PhoneNumber, Long> findIdsByPhones(Collection<PhoneNumber> primaryPhones) {
        checkOpen();
        Map<PhoneNumber, Long> found = new HashMap<>();
        for (PhoneNumber phone : primaryPhones) {
            OptionalLong id = data.customers.findIdByPhone(phone);
            if (id.isPresent()) {
                found.put(phone, id.getAsLong());
            }
        }
        return found;
    }

    @Override
    public boolean update(CustomerRecord customer, long expectedVersion) {
        checkWritable();
        Optional<CustomerRecord> current = data.customers.find(customer.id());
        if (current.isEmpty() || current.get().version() != expectedVersion) {
            return false;
        }
        CustomerRecord previous = data.customers.replace(customer);
        undo.push(() -> data.customers.replace(previous));
        return true;
    }

    @Override
    public boolean delete(long id) {
        checkWritable();
        CustomerRecord removed = data.customers.remove(id);
        if (removed == null) {
            return false;
        }
        undo.push(() -> data.customers.insert(removed));
        return true;
    }

    @Override
    public List<CustomerRecord> search(CustomerCriteria criteria) {
        checkOpen();
        return data.customers.search(criteria);
    }

    @Override
    public long count(CustomerCriteria criteria) {
        checkOpen();
        return data.customers.count(criteria);
    }

    @Override
    public int removeCustomFieldValues(String key) {
        checkWritable();
        int n = 0;
        for (CustomerRecord r : data.customers.all()) {
            if (r.customFields().containsKey(key)) {
                Map<String, Object> values = new LinkedHashMap<>(r.customFields());
                values.remove(key);
                CustomerRecord previous = data.customers.replace(r.toBuilder().customFields(values).build());
                undo.push(() -> data.customers.replace(previous));
                n++;
            }
        }
        return n;
    }

    // ---- activities

    @Override
    public long append(Activity activity) {
        checkWritable();
        long id = ids.activities.incrementAndGet();
        Activity stored = activity.withId(id);
        ActivityLog own = data.activitiesByCustomer.computeIfAbsent(stored.customerId(), ActivityLog::new);
        data.activities.append(stored);
        own.append(stored);
        undo.push(() -> {
            data.activities.removeLast();
            own.removeLast();
        });
        return id;
    }

    @Override
    public List<Activity> timeline(long customerId, Set<ActivityType> types, long beforeId, int limit) {
        checkOpen();
        ActivityLog own = data.activitiesByCustomer.get(customerId);
        return own == null ? List.of() : own.newest(types, beforeId, limit);
    }

    @Override
    public List<Activity> feed(Set<ActivityType> types, long beforeId, int limit) {
        checkOpen();
        return data.activities.newest(types, beforeId, limit);
    }

    @Override
    public int deleteByCustomer(long customerId) {
        checkWritable();
        ActivityLog own = data.activitiesByCustomer.remove(customerId);
        if (own == null) {
            return 0;
        }
        List<Activity> removed = own.all();
        for (Activity a : removed) {
            data.activities.remove(a.id());
        }
        undo.push(() -> {
            data.activitiesByCustomer.put(customerId, own);
            for (Activity a : removed) {
                data.activities.restore(a);
            }
        });
        return removed.size();
    }

    // ---- custom fields

    @Override
    public void insert(CustomFieldDefinition definition) {
        checkWritable();
        if (data.fields.containsKey(definition.key())) {
            throw new ConflictException(ErrorCode.FIELD_KEY_TAKEN, "a custom field '" + definition.key() + "' exists");
        }
        data.fields.put(definition.key(), definition);
        undo.push(() -> data.fields.remove(definition.key()));
    }

    @Override
    public boolean update(CustomFieldDefinition definition) {
        checkWritable();
        CustomFieldDefinition previous = data.fields.get(definition.key());
        if (previous == null) {
            return false;
        }
        data.fields.put(definition.key(), definition);
        undo.push(() -> data.fields.put(previous.key(), previous));
        return true;
    }

    @Override
    public List<CustomFieldDefinition> list() {
        checkOpen();
        List<CustomFieldDefinition> out = new ArrayList<>(data.fields.values());
        out.sort(Comparator.comparingInt(CustomFieldDefinition::position).thenComparing(CustomFieldDefinition::key));
        return out;
    }

    @Override
    public Optional<CustomFieldDefinition> find(String key) {
        checkOpen();
        return Optional.ofNullable(data.fields.get(key));
    }

    @Override
    public boolean delete(String key) {
        checkWritable();
        CustomFieldDefinition previous = data.fields.remove(key);
        if (previous == null) {
            return false;
        }
        undo.push(() -> data.fields.put(key, previous));
        return true;
    }

    // ---- permissions

    @Override
    public Optional<PermissionLevel> userGrant(String username) {
        checkOpen();
        return Optional.ofNullable(data.userGrants.get(username));
    }

    @Override
    public Optional<PermissionLevel> groupGrant(String group) {
        checkOpen();
        return Optional.ofNullable(data.groupGrants.get(group));
    }

    @Override
    public Grants all() {
        checkOpen();
        return new Grants(new HashMap<>(data.userGrants), new HashMap<>(data.groupGrants), data.capabilities);
    }

    @Override
    public boolean addCapability(String group, Capability capability) {
        checkWritable();
        Set<Capability> had = data.capabilities.get(group);
        if (had != null && had.contains(capability)) {
            return false;
        }
        Set<Capability> now = had == null ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(had);
        now.add(capability);
        data.capabilities.put(group, now);
        undo.push(() -> restoreCapabilities(group, had));
        return true;
    }

    @Override
    public boolean removeCapability(String group, Capability capability) {
        checkWritable();
        Set<Capability> had = data.capabilities.get(group);
        if (had == null || !had.contains(capability)) {
            return false;
        }
        Set<Capability> now = EnumSet.copyOf(had);
        now.remove(capability);
        if (now.isEmpty()) {
            data.capabilities.remove(group);
        } else {
            data.capabilities.put(group, now);
        }
        undo.push(() -> restoreCapabilities(group, had));
        return true;
    }

    private void restoreCapabilities(String group, Set<Capability> had) {
        if (had == null) {
            data.capabilities.remove(group);
        } else {
            data.capabilities.put(group, had);
        }
    }

    @Override
    public boolean anyHasCapability(Set<String> groups, Capability capability) {
        checkOpen();
        for (String g : groups) {
            Set<Capability> caps = data.capabilities.get(g);
            if (caps != null && caps.contains(capability)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void setUserGrant(String username, PermissionLevel level) {
        checkWritable();
        put(data.userGrants, username, level);
    }

    @Override
    public boolean removeUserGrant(String username) {
        checkWritable();
        return remove(data.userGrants, username);
    }

    @Override
    public void setGroupGrant(String group, PermissionLevel level) {
        checkWritable();
        put(data.groupGrants, group, level);
    }

    @Override
    public boolean removeGroupGrant(String group) {
        checkWritable();
        return remove(data.groupGrants, group);
    }

    private void put(Map<String, PermissionLevel> grants, String key, PermissionLevel level) {
        PermissionLevel previous = grants.put(key, level);
        undo.push(() -> restore(grants, key, previous));
    }

    private boolean remove(Map<String, PermissionLevel> grants, String key) {
        PermissionLevel previous = grants.remove(key);
        if (previous == null) {
            return false;
        }
        undo.push(() -> grants.put(key, previous));
        return true;
    }

    private static void restore(Map<String, PermissionLevel> grants, String key, PermissionLevel previous) {
        if (previous == null) {
            grants.remove(key);
        } else {
            grants.put(key, previous);
        }
    }

    // ---- audit

    @Override
    public long append(AuditEntry entry) {
        checkWritable();
        long id = ids.audit.incrementAndGet();
        data.audit.add(entry.withId(id));
        undo.push(() -> data.audit.remove(data.audit.size() - 1));
        return id;
    }

    @Override
    public List<AuditEntry> newest(int limit) {
        checkOpen();
        List<AuditEntry> out = new ArrayList<>(Math.min(limit, data.audit.size()));
        for (int i = data.audit.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(data.audit.get(i));
        }
        return out;
    }


    // ---- result codes

    private final class Results implements ResultCodeStore {

        @Override
        public void insert(ResultCode code) {
            checkWritable();
            if (data.resultCodes.containsKey(code.code())) {
                throw new ConflictException(ErrorCode.RESULT_CODE_TAKEN, "a result code " + code.code() + " exists");
            }
            data.resultCodes.put(code.code(), code);
            undo.push(() -> data.resultCodes.remove(code.code()));
        }

        @Override
        public boolean update(ResultCode code) {
            checkWritable();
            ResultCode previous = data.resultCodes.get(code.code());
            if (previous == null) {
                return false;
            }
            data.resultCodes.put(code.code(), code);
            undo.push(() -> data.resultCodes.put(previous.code(), previous));
            return true;
        }

        @Override
        public List<ResultCode> list() {
            checkOpen();
            List<ResultCode> out = new ArrayList<>(data.resultCodes.values());
            out.sort(Comparator.comparing(ResultCode::code));
            return out;
        }

        @Override
        public Optional<ResultCode> find(String code) {
            checkOpen();
            return Optional.ofNullable(data.resultCodes.get(code));
        }

        @Override
        public long append(AppliedResult applied) {
            checkWritable();
            long id = ids.results.incrementAndGet();
            data.results.put(id, applied.withId(id));
            undo.push(() -> data.results.remove(id));
            return id;
        }

        @Override
        public List<AppliedResult> history(long customerId, int limit) {
            checkOpen();
            List<AppliedResult> out = new ArrayList<>();
            for (AppliedResult r : data.results.descendingMap().values()) {
                if (r.customerId() == customerId) {
                    out.add(r);
                    if (out.size() == limit) {
                        break;
                    }
                }
            }
            return out;
        }

        @Override
        public List<AppliedResult> productHistory(String productNo, int limit) {
            checkOpen();
            List<AppliedResult> out = new ArrayList<>();
            for (AppliedResult r : data.results.descendingMap().values()) {
                if (productNo.equals(r.productNo())) {
                    out.add(r);
                    if (out.size() == limit) {
                        break;
                    }
                }
            }
            return out;
        }

        @Override
        public int deleteByProduct(String productNo) {
            checkWritable();
            return removeResults(r -> productNo.equals(r.productNo()));
        }

        @Override
        public List<ResultCount> count(Instant from, Instant to) {
            checkOpen();
            TreeMap<String, Map<ResultSource, Long>> counts = new TreeMap<>();
            for (AppliedResult r : data.results.values()) {
                if (!r.at().isBefore(from) && r.at().isBefore(to)) {
                    counts.computeIfAbsent(r.code(), c -> new EnumMap<>(ResultSource.class))
                            .merge(r.source(), 1L, Long::sum);
                }
            }
            List<ResultCount> out = new ArrayList<>();
            counts.forEach((code, bySource) -> bySource.forEach((source, n) -> out.add(new ResultCount(code, source, n))));
            return out;
        }

        @Override
        public int deleteByCustomer(long customerId) {
            checkWritable();
            return removeResults(r -> r.customerId() == customerId);
        }

        private int removeResults(java.util.function.Predicate<AppliedResult> which) {
            List<AppliedResult> removed = new ArrayList<>();
            data.results.values().removeIf(r -> {
                boolean of = which.test(r);
                if (of) {
                    removed.add(r);
                }
                return of;
            });
            undo.push(() -> removed.forEach(r -> data.results.put(r.id(), r)));
            return removed.size();
        }
    }

    // ---- scripts

    private final class Scripts implements ScriptStore {

        @Override
        public void insert(Script script) {
            checkWritable();
            if (data.scripts.containsKey(script.key())) {
                throw new ConflictException(ErrorCode.SCRIPT_KEY_TAKEN, "a script " + script.key() + " exists");
            }
            data.scripts.put(script.key(), script);
            undo.push(() -> data.scripts.remove(script.key()));
        }

        @Override
        public boolean update(Script script) {
            checkWritable();
            Script previous = data.scripts.get(script.key());
            if (previous == null) {
                return false;
            }
            data.scripts.put(script.key(), script);
            undo.push(() -> data.scripts.put(previous.key(), previous));
            return true;
        }

        @Override
        public List<Script> list() {
            checkOpen();
            List<Script> out = new ArrayList<>(data.scripts.values());
            out.sort(Comparator.comparing(Script::key));
            return out;
        }

        @Override
        public Optional<Script> find(String key) {
            checkOpen();
            return Optional.ofNullable(data.scripts.get(key));
        }

        @Override
        public boolean delete(String key) {
            checkWritable();
            Script previous = data.scripts.remove(key);
            if (previous == null) {
                return false;
            }
            undo.push(() -> data.scripts.put(key, previous));
            return true;
        }
    }

    // ---- calls

    private final class Calls implements CallStore {

        @Override
        public long append(Call c, String recordingRef) {
            checkWritable();
            long id = ids.calls.incrementAndGet();
            data.calls.put(id, new Call(id, c.customerId(), c.phone(), c.agent(), c.startedAt(), c.duration(),
                    c.resultCode(), c.source(), c.hasRecording(), c.recordedAt()));
            if (recordingRef != null) {
                data.recordings.put(id, recordingRef);
            }
            undo.push(() -> {
                data.calls.remove(id);
                data.recordings.remove(id);
            });
            return id;
        }

        @Override
        public List<Call> list(long customerId, int limit) {
            checkOpen();
            return newestOf(data.calls, c -> c.customerId() == customerId, limit);
        }

        @Override
        public Optional<Call> find(long id) {
            checkOpen();
            return Optional.ofNullable(data.calls.get(id));
        }

        @Override
        public Optional<String> recordingRef(long id) {
            checkOpen();
            return Optional.ofNullable(data.recordings.get(id));
        }

        @Override
        public int deleteByCustomer(long customerId) {
            checkWritable();
            List<Call> removed = new ArrayList<>();
            Map<Long, String> refs = new HashMap<>();
            data.calls.values().removeIf(c -> {
                boolean of = c.customerId() == customerId;
                if (of) {
                    removed.add(c);
                    String ref = data.recordings.remove(c.id());
                    if (ref != null) {
                        refs.put(c.id(), ref);
                    }
                }
                return of;
            });
            undo.push(() -> {
                removed.forEach(c -> data.calls.put(c.id(), c));
                data.recordings.putAll(refs);
            });
            return removed.size();
        }
    }

    // ---- messages

    private final class Messages implements MessageStore {

        @Override
        public void insertTemplate(MessageTemplate template) {
            checkWritable();
            if (data.messageTemplates.containsKey(template.key())) {
                throw new ConflictException(ErrorCode.MESSAGE_TEMPLATE_KEY_TAKEN,
                        "a message template " + template.key() + " exists");
            }
            data.messageTemplates.put(template.key(), template);
            undo.push(() -> data.messageTemplates.remove(template.key()));
        }

        @Override
        public boolean updateTemplate(MessageTemplate template) {
            checkWritable();
            MessageTemplate previous = data.messageTemplates.get(template.key());
            if (previous == null) {
                return false;
            }
            data.messageTemplates.put(template.key(), template);
            undo.push(() -> data.messageTemplates.put(previous.key(), previous));
            return true;
        }

        @Override
        public boolean deleteTemplate(String key) {
            checkWritable();
            MessageTemplate previous = data.messageTemplates.remove(key);
            if (previous == null) {
                return false;
            }
            undo.push(() -> data.messageTemplates.put(key, previous));
            return true;
        }

        @Override
        public Optional<MessageTemplate> findTemplate(String key) {
            checkOpen();
            return Optional.ofNullable(data.messageTemplates.get(key));
        }

        @Override
        public List<MessageTemplate> templates() {
            checkOpen();
            List<MessageTemplate> out = new ArrayList<>(data.messageTemplates.values());
            out.sort(Comparator.comparing(MessageTemplate::key));
            return out;
        }

        @Override
        public long append(Message message) {
            checkWritable();
            long id = ids.messages.incrementAndGet();
            data.messages.put(id, message.withId(id));
            undo.push(() -> data.messages.remove(id));
            return id;
        }

        @Override
        public List<Message> list(long customerId, int limit) {
            checkOpen();
            return newestOf(data.messages, m -> m.customerId() == customerId, limit);
        }

        @Override
        public int deleteByCustomer(long customerId) {
            checkWritable();
            List<Message> removed = removeIf(data.messages, m -> m.customerId() == customerId);
            undo.push(() -> removed.forEach(m -> data.messages.put(m.id(), m)));
            return removed.size();
        }
    }

    // ---- attachments

    private final class Attachments implements AttachmentStore {

        @Override
        public long append(Attachment attachment, String blobKey) {
            checkWritable();
            long id = ids.attachments.incrementAndGet();
            data.attachments.put(id, attachment.withId(id));
            data.attachmentBlobs.put(id, blobKey);
            undo.push(() -> {
                data.attachments.remove(id);
                data.attachmentBlobs.remove(id);
            });
            return id;
        }

        @Override
        public Optional<Attachment> find(long id) {
            checkOpen();
            return Optional.ofNullable(data.attachments.get(id));
        }

        @Override
        public Optional<String> blobKey(long id) {
            checkOpen();
            return Optional.ofNullable(data.attachmentBlobs.get(id));
        }

        @Override
        public List<Attachment> list(long customerId) {
            checkOpen();
            return newestOf(data.attachments, a -> a.customerId() == customerId, Integer.MAX_VALUE);
        }

        @Override
        public boolean delete(long id) {
            checkWritable();
            Attachment removed = data.attachments.remove(id);
            if (removed == null) {
                return false;
            }
            String key = data.attachmentBlobs.remove(id);
            undo.push(() -> {
                data.attachments.put(id, removed);
                data.attachmentBlobs.put(id, key);
            });
            return true;
        }

        @Override
        public List<String> deleteByCustomer(long customerId) {
            checkWritable();
            List<Attachment> removed = removeIf(data.attachments, a -> a.customerId() == customerId);
            Map<Long, String> keys = new HashMap<>();
            for (Attachment a : removed) {
                keys.put(a.id(), data.attachmentBlobs.remove(a.id()));
            }
            undo.push(() -> {
                removed.forEach(a -> data.attachments.put(a.id(), a));
                data.attachmentBlobs.putAll(keys);
            });
            return List.copyOf(keys.values());
        }
    }

    /** The values matching, highest id first, at most {@code limit}. */
    private static <V> List<V> newestOf(TreeMap<Long, V> byId, java.util.function.Predicate<V> which, int limit) {
        List<V> out = new ArrayList<>();
        for (V v : byId.descendingMap().values()) {
            if (which.test(v)) {
                out.add(v);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** Removes the values matching; returns them. */
    private static <V> List<V> removeIf(TreeMap<Long, V> byId, java.util.function.Predicate<V> which) {
        List<V> removed = new ArrayList<>();
        byId.values().removeIf(v -> {
            boolean of = which.test(v);
            if (of) {
                removed.add(v);
            }
            return of;
        });
        return removed;
    }

    // ---- work items

    private final class WorkItems implements WorkItemStore {

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

    // ---- products

    private final class Products implements ProductStore {

        @Override
        public void insert(Product product) {
            checkWritable();
            if (data.products.containsKey(product.productNo())) {
                throw new ConflictException(ErrorCode.PRODUCT_NO_TAKEN, "a product " + product.productNo() + " exists");
            }
            data.products.put(product.productNo(), product);
            undo.push(() -> data.products.remove(product.productNo()));
        }

        @Override
        public boolean update(Product product, long expectedVersion) {
            checkWritable();
            Product previous = data.products.get(product.productNo());
            if (previous == null || previous.version() != expectedVersion) {
                return false;
            }
            data.products.put(product.productNo(), product);
            undo.push(() -> data.products.put(previous.productNo(), previous));
            return true;
        }

        @Override
        public Optional<Product> find(String productNo) {
            checkOpen();
            return Optional.ofNullable(data.products.get(productNo));
        }

        @Override
        public List<Product> listByCustomer(long customerId) {
            checkOpen();
            List<Product> out = new ArrayList<>();
            for (Product p : data.products.values()) {
                if (p.customerId() == customerId) {
                    out.add(p);
                }
            }
            out.sort(Comparator.comparing(Product::productNo));
            return out;
        }

        @Override
        public boolean delete(String productNo) {
            checkWritable();
            Product previous = data.products.remove(productNo);
            if (previous == null) {
                return false;
            }
            undo.push(() -> data.products.put(productNo, previous));
            return true;
        }

        @Override
        public int deleteByCustomer(long customerId) {
            checkWritable();
            List<Product> removed = listByCustomer(customerId);
            removed.forEach(p -> data.products.remove(p.productNo()));
            undo.push(() -> removed.forEach(p -> data.products.put(p.productNo(), p)));
            return removed.size();
        }
    }

    // ---- import jobs

    private final class Jobs implements ImportJobStore {

        @Override
        public long insert(ImportJob job) {
            checkWritable();
            long id = ids.jobs.incrementAndGet();
            data.jobs.put(id, job.toBuilder().id(id).build());
            undo.push(() -> data.jobs.remove(id));
            return id;
        }

        @Override
        public Optional<ImportJob> find(long id) {
            checkOpen();
            return Optional.ofNullable(data.jobs.get(id));
        }

        @Override
        public List<ImportJob> list(int limit) {
            checkOpen();
            List<ImportJob> out = new ArrayList<>();
            for (ImportJob job : data.jobs.descendingMap().values()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(job);
            }
            return out;
        }

        @Override
        public boolean update(ImportJob job, long expectedVersion) {
            checkWritable();
            ImportJob current = data.jobs.get(job.id());
            if (current == null || current.version() != expectedVersion) {
                return false;
            }
            data.jobs.put(job.id(), job);
            undo.push(() -> data.jobs.put(current.id(), current));
            return true;
        }

        @Override
        public void addRejectedRows(long jobId, List<RejectedRow> rows) {
            checkWritable();
            TreeMap<Long, RejectedRow> own = data.rejectedRows.computeIfAbsent(jobId, k -> new TreeMap<>());
            for (RejectedRow row : rows) {
                RejectedRow previous = own.put(row.row(), row);
                undo.push(() -> {
                    if (previous == null) {
                        own.remove(row.row());
                    } else {
                        own.put(row.row(), previous);
                    }
                });
            }
        }

        @Override
        public List<RejectedRow> rejectedRows(long jobId, long afterRow, int limit) {
            checkOpen();
            TreeMap<Long, RejectedRow> own = data.rejectedRows.get(jobId);
            if (own == null) {
                return List.of();
            }
            List<RejectedRow> out = new ArrayList<>(Math.min(limit, own.size()));
            for (RejectedRow row : own.tailMap(afterRow, false).values()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(row);
            }
            return out;
        }

        @Override
        public void addChanges(long jobId, List<ImportChange> changes) {
            checkWritable();
            List<ImportChange> own = data.importChanges.computeIfAbsent(jobId, k -> new ArrayList<>());
            int before = own.size();
            own.addAll(changes);
            undo.push(() -> own.subList(before, own.size()).clear());
        }

        @Override
        public List<ImportChange> changes(long jobId) {
            checkOpen();
            return List.copyOf(data.importChanges.getOrDefault(jobId, List.of()));
        }

        @Override
        public void writeSource(long jobId, InputStream bytes) {
            checkWritable();
            byte[] content;
            try {
                content = bytes.readAllBytes();
            } catch (IOException e) {
                throw new StorageException("could not read the source of job " + jobId, e);
            }
            byte[] previous = data.sources.put(jobId, content);
            undo.push(() -> {
                if (previous == null) {
                    data.sources.remove(jobId);
                } else {
                    data.sources.put(jobId, previous);
                }
            });
        }

        @Override
        public void deleteSource(long jobId) {
            checkWritable();
            byte[] previous = data.sources.remove(jobId);
            if (previous != null) {
                undo.push(() -> data.sources.put(jobId, previous));
            }
        }

        @Override
        public Optional<InputStream> openSource(long jobId) {
            checkOpen();
            byte[] content = data.sources.get(jobId);
            return content == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(content));
        }
    }
}
