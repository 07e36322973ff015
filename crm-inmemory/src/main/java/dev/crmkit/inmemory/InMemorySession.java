package dev.crmkit.inmemory;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.spi.ActivityStore;
import dev.crmkit.core.spi.AttachmentStore;
import dev.crmkit.core.spi.CallStore;
import dev.crmkit.core.spi.MessageStore;
import dev.crmkit.core.spi.AuditStore;
import dev.crmkit.core.spi.CustomFieldStore;
import dev.crmkit.core.spi.CustomerStore;
import dev.crmkit.core.spi.ImportJobStore;
import dev.crmkit.core.spi.PermissionStore;
import dev.crmkit.core.spi.ProductStore;
import dev.crmkit.core.spi.ResultCodeStore;
import dev.crmkit.core.spi.ScriptStore;
import dev.crmkit.core.spi.WorkItemStore;
import dev.crmkit.core.spi.StorageSession;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One unit of work on one tenant, and the stores it hands out (one class each, as crm-jdbc has
 * them). Every change records in the one undo log how to take it back, so a unit of work that
 * throws leaves the tenant as it found it, as a database transaction would.
 */
final class InMemorySession implements StorageSession {

    private final TenantId tenant;
    final TenantData data;
    final InMemoryStorage.Sequences ids;
    /** How to take back each change of this unit of work, newest first. */
    final Deque<Runnable> undo = new ArrayDeque<>();
    private final boolean writable;
    private boolean open = true;

    private final CustomerStore customers;
    private final ActivityStore activities;
    private final CustomFieldStore customFields;
    private final PermissionStore permissions;
    private final AuditStore audit;
    private final ImportJobStore importJobs;
    private final ResultCodeStore resultCodes;
    private final ProductStore products;
    private final ScriptStore scripts;
    private final WorkItemStore workItems;
    private final CallStore calls;
    private final MessageStore messages;
    private final AttachmentStore attachments;

    InMemorySession(TenantId tenant, TenantData data, boolean writable, InMemoryStorage.Sequences ids) {
        this.tenant = tenant;
        this.data = data;
        this.writable = writable;
        this.ids = ids;
        // The stores read the fields above: made last.
        this.customers = new InMemoryCustomers(this);
        this.activities = new InMemoryActivities(this);
        this.customFields = new InMemoryCustomFields(this);
        this.permissions = new InMemoryPermissions(this);
        this.audit = new InMemoryAudit(this);
        this.importJobs = new InMemoryImportJobs(this);
        this.resultCodes = new InMemoryResultCodes(this);
        this.products = new InMemoryProducts(this);
        this.scripts = new InMemoryScripts(this);
        this.workItems = new InMemoryWorkItems(this);
        this.calls = new InMemoryCalls(this);
        this.messages = new InMemoryMessages(this);
        this.attachments = new InMemoryAttachments(this);
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

    void checkOpen() {
        if (!open) {
            throw new IllegalStateException("this storage session has ended");
        }
    }

    void checkWritable() {
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
        return customers;
    }

    @Override
    public ActivityStore activities() {
        return activities;
    }

    @Override
    public CustomFieldStore customFields() {
        return customFields;
    }

    @Override
    public PermissionStore permissions() {
        return permissions;
    }

    @Override
    public AuditStore audit() {
        return audit;
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
}
